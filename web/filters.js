// The filter panel: date range (with quick picks by year), source and
// category facet lists with counts, a link that clears them all.
//
// The panel is one persistent <aside> beside <main>, updated in place after
// each search rather than drawn again with the results, so the date field
// being typed in keeps its focus and caret, and a checkbox stays the same
// element while counts change (a screen reader is not thrown off it).
// Servers from before the filters API send no `facets`: the panel then stays
// hidden, since the filters would silently do nothing.

import { el, numberFmt, routeLink } from './dom.js';
import { isIsoDate, searchOf, withoutFilters } from './route.js';

const FACETS = [
  { field: 'source', legend: 'Nguồn' },
  { field: 'category', legend: 'Chuyên mục' },
];
const SHOWN = 8;          // values listed before "Xem thêm"
const DATE_DEBOUNCE_MS = 400;

/**
 * Builds the panel inside `aside`. onChange(changes, focusKey) is called with
 * the state fields to change ({source: [...]}, {from, to}); the caller
 * navigates, and later calls update() with the new state and response.
 */
export function createFilters(aside, onChange) {
  const expanded = new Set(); // fields whose whole list the user asked for
  let state = null;
  let lastData = null;
  let dateTimer = 0;

  const from = el('input', { type: 'date', id: 'from', name: 'from', 'data-focus-key': 'from', min: '1900-01-01', max: '2100-12-31', 'aria-describedby': 'date-error' });
  const to = el('input', { type: 'date', id: 'to', name: 'to', 'data-focus-key': 'to', min: '1900-01-01', max: '2100-12-31', 'aria-describedby': 'date-error' });
  const dateError = el('p', { class: 'field-error', id: 'date-error', hidden: true });
  const years = el('div', { class: 'years' });
  const groups = new Map(FACETS.map(({ field, legend }) => [field,
    el('fieldset', { class: 'filter-group facet', 'data-field': field }, el('legend', {}, legend))]));
  const clear = el('p', { class: 'clear-filters' });
  const resultsLink = el('a', { class: 'to-results', href: '#main' }, '↑ Xem kết quả');

  aside.replaceChildren(
    el('h2', { id: 'filters-title' }, 'Lọc kết quả'),
    el('p', { class: 'to-results-line' }, resultsLink),
    el('fieldset', { class: 'filter-group date-range' },
      el('legend', {}, 'Thời gian đăng'),
      el('div', { class: 'date-fields' },
        el('div', { class: 'date-field' }, el('label', { for: 'from' }, 'Từ ngày'), from),
        el('div', { class: 'date-field' }, el('label', { for: 'to' }, 'Đến ngày'), to)),
      dateError,
      years),
    ...groups.values(),
    clear);

  // Dates: applied once a whole date is in (or the field is emptied), after a
  // short pause, so stepping through day/month/year does not search each time.
  function onDate() {
    clearTimeout(dateTimer);
    const bad = [from, to].find((input) => input.validity.badInput);
    if (bad) return; // half-typed: wait for the rest
    let message = '';
    if (from.value && to.value && from.value > to.value) message = '“Từ ngày” phải trước hoặc trùng “Đến ngày”.';
    else if ([from, to].some((i) => i.value && !isIsoDate(i.value))) message = 'Ngày không hợp lệ.';
    dateError.textContent = message;
    dateError.hidden = !message;
    for (const input of [from, to]) input.setAttribute('aria-invalid', String(Boolean(message)));
    if (message) return;
    if (from.value === state.from && to.value === state.to) return;
    const focusKey = document.activeElement?.dataset?.focusKey;
    dateTimer = setTimeout(() => onChange({ from: from.value, to: to.value }, focusKey), DATE_DEBOUNCE_MS);
  }
  from.addEventListener('change', onDate);
  to.addEventListener('change', onDate);

  aside.addEventListener('change', (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || box.type !== 'checkbox') return;
    const field = box.closest('fieldset')?.dataset.field;
    if (!field) return;
    const values = [...groups.get(field).querySelectorAll('input[type=checkbox]:checked')].map((b) => b.value);
    onChange({ [field]: values }, box.dataset.focusKey);
  });

  aside.addEventListener('click', (event) => {
    const more = event.target.closest?.('button.more');
    if (!more) return;
    const field = more.closest('fieldset').dataset.field;
    if (expanded.has(field)) expanded.delete(field);
    else expanded.add(field);
    renderFacet(field);
    aside.querySelector(`fieldset[data-field="${field}"] button.more`)?.focus();
  });

  function renderYears() {
    const list = Array.isArray(lastData.facets.year) ? lastData.facets.year : [];
    const items = list.filter((y) => /^\d{4}$/.test(String(y.value)))
      .sort((a, b) => Number(b.value) - Number(a.value));
    if (!items.length) { years.replaceChildren(); return; }
    const ul = el('ul', { 'aria-labelledby': 'years-label' });
    for (const { value, count } of items) {
      const range = { from: `${value}-01-01`, to: `${value}-12-31` };
      const current = state.from === range.from && state.to === range.to;
      ul.append(el('li', {}, routeLink({ ...searchOf(state), ...range, page: 1 },
        `${value}`, { 'aria-current': current ? 'true' : null, 'data-focus-key': `year\n${value}` },
      ), el('span', { class: 'count' }, ` (${numberFmt.format(count)})`)));
    }
    years.replaceChildren(el('p', { class: 'years-label', id: 'years-label' }, 'Chọn nhanh theo năm:'), ul);
  }

  // Updates a facet list in place, keyed by value: a checkbox keeps being the
  // same element (and keeps focus) while its count and order change.
  function renderFacet(field) {
    const group = groups.get(field);
    const selected = state[field];
    const listed = Array.isArray(lastData.facets[field]) ? lastData.facets[field] : [];
    const values = listed.filter((f) => f && typeof f.value === 'string' && f.value);
    // A selected value always stays in the list (with no count when the
    // server did not count it), so it can be unticked.
    for (const v of selected) if (!values.some((f) => f.value === v)) values.push({ value: v, count: null });
    group.hidden = !values.length;

    let ul = group.querySelector('ul.facet-list');
    if (!ul) ul = group.appendChild(el('ul', { class: 'facet-list' }));
    const old = new Map([...ul.children].map((li) => [li.dataset.value, li]));
    const all = expanded.has(field);
    values.forEach(({ value, count }, i) => {
      let li = old.get(value);
      old.delete(value);
      if (!li) {
        li = el('li', { 'data-value': value },
          el('label', {},
            el('input', { type: 'checkbox', name: field, value, 'data-focus-key': `${field}\n${value}` }),
            el('span', { class: 'facet-value' }, value),
            el('span', { class: 'count' })));
      }
      const checked = selected.includes(value);
      li.querySelector('input').checked = checked;
      li.querySelector('.count').replaceChildren(...(Number.isFinite(count)
        ? [numberFmt.format(count), el('span', { class: 'visually-hidden' }, ' bài')] : []));
      li.hidden = !all && i >= SHOWN && !checked;
      if (ul.children[i] !== li) ul.insertBefore(li, ul.children[i] || null);
    });
    for (const li of old.values()) li.remove();

    let more = group.querySelector('button.more');
    if (values.length <= SHOWN) { more?.remove(); return; }
    if (!more) more = group.appendChild(el('button', { type: 'button', class: 'more link-button' }));
    more.setAttribute('aria-expanded', String(all));
    more.textContent = all ? 'Thu gọn' : `Xem thêm ${numberFmt.format(values.length - SHOWN)} mục`;
  }

  return {
    /** Shows the panel for search state `s` and its response `data`. */
    update(s, data) {
      if (!data || !data.facets || typeof data.facets !== 'object') { this.hide(); return; }
      state = s;
      lastData = data;
      const focusKey = aside.contains(document.activeElement) ? document.activeElement.dataset.focusKey : null;
      // A date field being edited keeps what is typed in it.
      if (document.activeElement !== from) from.value = s.from;
      if (document.activeElement !== to) to.value = s.to;
      dateError.hidden = true;
      for (const input of [from, to]) input.removeAttribute('aria-invalid');
      renderYears();
      for (const { field } of FACETS) renderFacet(field);
      const filtered = s.from || s.to || s.source.length || s.category.length;
      clear.replaceChildren(filtered ? routeLink(withoutFilters(s), 'Xóa bộ lọc', { id: 'clear-filters' }) : '');
      resultsLink.textContent = `↑ Xem ${numberFmt.format(data.total)} kết quả`;
      aside.hidden = false;
      if (focusKey && !aside.contains(document.activeElement)) {
        [...aside.querySelectorAll('[data-focus-key]')].find((e) => e.dataset.focusKey === focusKey)?.focus();
      }
    },
    hide() {
      clearTimeout(dateTimer);
      aside.hidden = true;
    },
    get visible() { return !aside.hidden; },
  };
}
