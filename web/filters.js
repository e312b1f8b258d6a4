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
import { DATE_EXAMPLE, DATE_PLACEHOLDER, dateProblem, formatDate, parseDate } from './dates.js';
import { searchOf, withoutFilters } from './route.js';

const FACETS = [
  { field: 'source', legend: 'Nguồn' },
  { field: 'category', legend: 'Chuyên mục' },
];
const SHOWN = 8;          // values listed before "Xem thêm"
const DATE_DEBOUNCE_MS = 400;
const ESTIMATED_TITLE = 'Ước tính: kết quả quá nhiều để đếm hết, số này tính từ một mẫu';

/**
 * A facet count as shown: "1.234", or "≈ 1.234" when the server only
 * estimated it (facets_exact false: a broad search counted from a sample),
 * read out as "khoảng 1.234".
 */
function countNodes(count, exact) {
  const number = numberFmt.format(count);
  if (exact) return [number];
  return [el('span', { 'aria-hidden': 'true' }, '≈\u00a0'), el('span', { class: 'visually-hidden' }, 'khoảng '), number];
}

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

  // Text fields, not <input type="date">: see dates.js for why.
  const dateInput = (id) => el('input', {
    type: 'text', id, name: id, 'data-focus-key': id, inputmode: 'numeric', autocomplete: 'off',
    spellcheck: 'false', placeholder: DATE_PLACEHOLDER, 'aria-describedby': 'date-hint date-error',
  });
  const from = dateInput('from');
  const to = dateInput('to');
  const fields = [
    { input: from, key: 'from', label: 'Từ ngày' },
    { input: to, key: 'to', label: 'Đến ngày' },
  ];
  const dateHint = el('p', { class: 'date-hint', id: 'date-hint' }, `Ngày/tháng/năm, ví dụ ${DATE_EXAMPLE}`);
  // Always in the page (empty when all is well), so that a screen reader
  // announces a message as it appears (a live region must exist beforehand).
  const dateError = el('p', { class: 'field-error', id: 'date-error', 'aria-live': 'polite' });
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
      dateHint,
      dateError,
      years),
    ...groups.values(),
    clear);

  // Dates. A field is applied once it holds a whole date (or is emptied),
  // after a short pause in the typing; Enter and leaving the field (change)
  // apply at once. While the field being typed in holds the start of a date
  // ("31/12/20") nothing happens: no search, no error. A date that cannot be
  // (31/02/2020, 2-digit year, "abc") is named in the error line and searches
  // nothing, so the results on screen stay those of the last good range.
  const problems = new Map(); // field key ('from', 'to', 'order') -> message
  const dirty = new Set();    // fields typed in since their text was last applied or set
  let asked = null;           // "from to" last asked for, until the page shows it

  function showProblems() {
    // In the order of the page: "Từ ngày", "Đến ngày", then the two together.
    dateError.textContent = ['from', 'to', 'order'].filter((k) => problems.has(k)).map((k) => problems.get(k)).join('\n');
    for (const { input, key } of fields) {
      if (problems.has(key) || problems.has('order')) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
  }

  /** typing: the field the person is typing in (a half-typed date there waits), or null. */
  function applyDates(typing) {
    clearTimeout(dateTimer);
    if (!state) return;
    let waiting = false;
    const iso = {};
    problems.delete('order');
    for (const { input, key, label } of fields) {
      const parsed = parseDate(input.value);
      if (parsed.kind === 'invalid' && parsed.partial && input === typing) {
        waiting = true; // its old message, if any, stays until the date is whole
        continue;
      }
      if (parsed.kind === 'invalid') problems.set(key, dateProblem(label, parsed));
      else {
        problems.delete(key);
        iso[key] = parsed.kind === 'date' ? parsed.iso : '';
      }
    }
    if (!waiting && !problems.size && iso.from && iso.to && iso.from > iso.to) {
      problems.set('order', '“Từ ngày” phải trước hoặc trùng “Đến ngày”.');
    }
    showProblems();
    if (waiting || problems.size) return;
    for (const { input, key } of fields) {
      dirty.delete(key);
      // Enter or leaving the field: show what was understood, the one way.
      if (!typing && iso[key]) input.value = formatDate(iso[key]);
    }
    // Enter and then leaving the field ask for the same range twice: once is enough.
    const wanted = `${iso.from} ${iso.to}`;
    if (wanted === (asked ?? `${state.from} ${state.to}`)) return;
    asked = wanted;
    onChange({ from: iso.from, to: iso.to }, document.activeElement?.dataset?.focusKey);
  }

  /** The ISO date a field's text means, '' when empty, null when it is not a date. */
  function isoOf(text) {
    const parsed = parseDate(text);
    return parsed.kind === 'date' ? parsed.iso : parsed.kind === 'empty' ? '' : null;
  }

  for (const { input, key } of fields) {
    input.addEventListener('input', (event) => {
      dirty.add(key);
      clearTimeout(dateTimer);
      // A pasted date ("2019-12-31" from a spreadsheet) is shown the
      // Vietnamese way at once; typed text is left alone under the caret.
      if (/^insertFrom(Paste|Drop)$/.test(event.inputType || '')) {
        const parsed = parseDate(input.value);
        if (parsed.kind === 'date') input.value = formatDate(parsed.iso);
      }
      dateTimer = setTimeout(() => applyDates(input), DATE_DEBOUNCE_MS);
    });
    input.addEventListener('change', () => applyDates(null));
    // Leaving the field: a date it holds is shown the one way, dd/mm/yyyy.
    input.addEventListener('blur', () => {
      const iso = isoOf(input.value);
      if (iso) input.value = formatDate(iso);
    });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.isComposing) {
        event.preventDefault();
        applyDates(null);
      }
    });
  }

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
    const exact = lastData.facets_exact !== false;
    const items = list.filter((y) => /^\d{4}$/.test(String(y.value)))
      .sort((a, b) => Number(b.value) - Number(a.value));
    if (!items.length) { years.replaceChildren(); return; }
    const ul = el('ul', { 'aria-labelledby': 'years-label' });
    for (const { value, count } of items) {
      const range = { from: `${value}-01-01`, to: `${value}-12-31` };
      const current = state.from === range.from && state.to === range.to;
      ul.append(el('li', {}, routeLink({ ...searchOf(state), ...range, page: 1 },
        `${value}`, { 'aria-current': current ? 'true' : null, 'data-focus-key': `year\n${value}` },
      ), el('span', { class: 'count', title: exact ? null : ESTIMATED_TITLE }, ' (', ...countNodes(count, exact), ')')));
    }
    years.replaceChildren(el('p', { class: 'years-label', id: 'years-label' }, 'Chọn nhanh theo năm:'), ul);
  }

  // Updates a facet list in place, keyed by value: a checkbox keeps being the
  // same element (and keeps focus) while its count and order change.
  function renderFacet(field) {
    const group = groups.get(field);
    const selected = state[field];
    const listed = Array.isArray(lastData.facets[field]) ? lastData.facets[field] : [];
    const exact = lastData.facets_exact !== false;
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
      const counted = li.querySelector('.count');
      counted.replaceChildren(...(Number.isFinite(count)
        ? [...countNodes(count, exact), el('span', { class: 'visually-hidden' }, ' bài')] : []));
      if (exact || !Number.isFinite(count)) counted.removeAttribute('title');
      else counted.title = ESTIMATED_TITLE;
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
      // The fields show the state in dd/mm/yyyy, except one being typed in,
      // which keeps what is in it (and its message).
      problems.delete('order');
      asked = null;
      for (const { input, key } of fields) {
        const focused = document.activeElement === input;
        if (focused && dirty.has(key)) continue;
        // Not rewritten under the caret when it already says this date ("1/1/2020").
        if (!focused || isoOf(input.value) !== s[key]) input.value = formatDate(s[key]);
        dirty.delete(key);
        problems.delete(key);
      }
      showProblems();
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
