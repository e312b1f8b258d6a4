// The search views put into <main>: intro, loading, error, no results and the
// result list. Each returns a DocumentFragment or element. Search snippets are
// the only HTML from the server: it has escaped them and marked matches with
// <mark>, and we still filter them down to text + <mark>.

import { appendHighlighted, serverTerms } from './highlight.js';
import { formatDate } from './dates.js';
import { dateEl, el, metaLine, numberFmt, routeLink } from './dom.js';
import { SORTS, hasFilters, searchOf, withoutFilters } from './route.js';

const secondsFmt = new Intl.NumberFormat('vi-VN', {
  minimumFractionDigits: 3,
  maximumFractionDigits: 3,
});

export const EXAMPLE_QUERIES = ['công tác dân vận', 'cong tac dan van', 'KH&CN'];

export const SORT_LABELS = {
  relevance: 'Liên quan nhất',
  newest: 'Mới nhất',
  oldest: 'Cũ nhất',
};

/**
 * Parses a server snippet in an inert <template> (no scripts run, no images
 * load) and keeps only text and <mark> elements, as defence in depth.
 */
function snippetFragment(html) {
  const tpl = document.createElement('template');
  tpl.innerHTML = html || '';
  for (const node of [...tpl.content.querySelectorAll('*')]) {
    if (node.tagName !== 'MARK') node.replaceWith(document.createTextNode(node.textContent));
    else for (const a of [...node.attributes]) node.removeAttribute(a.name);
  }
  return tpl.content;
}

function examplesList() {
  return el('ul', { class: 'examples' },
    ...EXAMPLE_QUERIES.map((q) => el('li', {}, routeLink({ q }, q))));
}

/** True when the server answered with facets, i.e. it knows the filter parameters. */
export function supportsFilters(data) {
  return Boolean(data && data.facets && typeof data.facets === 'object');
}

// ---------------------------------------------------------------------------
// States

export function emptyView(documents) {
  return el('section', { class: 'state intro', 'aria-labelledby': 'intro-title' },
    el('h1', { id: 'intro-title' }, 'Tra cứu kho tin bài'),
    el('p', {}, 'Nhập từ khóa vào ô tìm kiếm ở trên. Có thể gõ có dấu hoặc không dấu, '
      + 'không phân biệt chữ hoa, chữ thường; kết quả hiện ngay khi bạn gõ.'),
    el('p', {}, 'Thử một vài ví dụ:'),
    examplesList(),
    el('p', { class: 'muted' }, 'Mẹo: đặt cụm từ trong ngoặc kép để tìm đúng cụm (“dân vận”), '
      + 'thêm dấu “-” trước một từ để loại bài có từ đó.'),
    Number.isFinite(documents)
      ? el('p', { class: 'muted' }, `Kho hiện có ${numberFmt.format(documents)} tin bài.`)
      : null);
}

export function loadingView(text) {
  return el('p', { class: 'state loading-text' }, text);
}

/**
 * An error box: a Vietnamese title and message; the server's own words, if
 * any, in a collapsed "Chi tiết kỹ thuật" for whoever reports the problem;
 * a "Thử lại" button when onRetry is given. opts.alert false: no role="alert"
 * (the caller announces it politely).
 */
export function errorView(title, message, detail, onRetry, { alert = true } = {}) {
  const retry = onRetry ? el('button', { type: 'button', class: 'secondary' }, 'Thử lại') : null;
  if (retry) retry.addEventListener('click', onRetry);
  return el('section', { class: 'state error', role: alert ? 'alert' : null },
    el('h1', {}, title),
    el('p', { class: 'error-message' }, message),
    detail
      ? el('details', { class: 'error-detail' },
        el('summary', {}, 'Chi tiết kỹ thuật'),
        el('code', { lang: 'en' }, detail))
      : null,
    retry);
}

/** The place of a syntax error in the query, marked (errors.js querySpot). */
export function syntaxMark(text) {
  return el('mark', { class: 'syntax-at' }, text);
}

function suggestionLine(data, s) {
  const suggestion = typeof data.suggestion === 'string' ? data.suggestion.trim() : '';
  if (!suggestion || suggestion === s.q) return null;
  return el('p', { class: 'suggestion' }, 'Có phải bạn muốn tìm: ',
    routeLink({ ...searchOf(s), q: suggestion, page: 1 }, suggestion, { id: 'suggestion-link', lang: 'vi' }),
    '?');
}

export function noResultsView(s, data) {
  const filtered = hasFilters(s) && supportsFilters(data);
  return el('section', { class: 'state no-results' },
    el('h1', {}, 'Không tìm thấy kết quả cho “', el('span', { class: 'q' }, s.q), '”'),
    data ? suggestionLine(data, s) : null,
    filtered ? activeFilters(s) : null,
    filtered
      ? el('p', {}, 'Không có bài nào khớp với từ khóa trong phạm vi bộ lọc đang chọn. ',
        routeLink(withoutFilters(s), 'Bỏ bộ lọc và tìm lại', { id: 'clear-filters-link' }))
      : null,
    el('p', {}, 'Gợi ý:'),
    el('ul', {},
      el('li', {}, 'Kiểm tra lại chính tả của từ khóa.'),
      el('li', {}, 'Dùng ít từ hơn, hoặc từ có nghĩa khái quát hơn.'),
      el('li', {}, 'Thử gõ không dấu, ví dụ “cong tac dan van”.'),
      el('li', {}, 'Với chữ viết tắt, thử cả dạng đầy đủ, ví dụ “khoa học và công nghệ” thay cho “KH&CN”.')));
}

// ---------------------------------------------------------------------------
// Results

/**
 * "12 kết quả (0,004 giây)", or "Khoảng 1.234 kết quả (…)" when estimated.
 * Under half a millisecond says "dưới 0,001 giây": "0,000 giây" reads as if
 * nothing was searched.
 */
export function statsText(data) {
  const count = `${numberFmt.format(data.total)} kết quả`;
  let text = data.total_exact === false ? `Khoảng ${count}` : count;
  if (Number.isFinite(data.took_ms)) {
    text += data.took_ms < 0.5 ? ` (dưới ${secondsFmt.format(0.001)} giây)`
      : ` (${secondsFmt.format(data.took_ms / 1000)} giây)`;
  }
  return text;
}

/** The filters in effect as removable chips, so they show above the list on any screen. */
function activeFilters(s) {
  const chips = [];
  const chip = (label, next) => chips.push(el('li', {},
    routeLink({ ...next, page: 1 }, label, { class: 'chip' })));
  if (s.from || s.to) {
    const range = s.from && s.to ? `${formatDate(s.from)} – ${formatDate(s.to)}`
      : s.from ? `từ ${formatDate(s.from)}` : `đến ${formatDate(s.to)}`;
    chip(range, { ...searchOf(s), from: '', to: '' });
  }
  for (const v of s.source) chip(v, { ...searchOf(s), source: s.source.filter((x) => x !== v) });
  for (const v of s.category) chip(v, { ...searchOf(s), category: s.category.filter((x) => x !== v) });
  // Each chip's accessible name says what clicking it does.
  for (const li of chips) {
    const a = li.firstChild;
    a.setAttribute('aria-label', `Bỏ bộ lọc ${a.textContent}`);
    a.append(el('span', { class: 'chip-x', 'aria-hidden': 'true' }, ' ×'));
  }
  return el('div', { class: 'active-filters' },
    el('span', { class: 'active-label', id: 'active-label' }, 'Đang lọc:'),
    el('ul', { 'aria-labelledby': 'active-label' }, ...chips,
      chips.length > 1 ? el('li', {}, routeLink(withoutFilters(s), 'Bỏ tất cả', { class: 'chip-clear' })) : null));
}

function sortControl(s) {
  const select = el('select', { id: 'sort', name: 'sort', 'data-focus-key': 'sort' },
    ...SORTS.map((v) => el('option', { value: v, selected: v === s.sort }, SORT_LABELS[v])));
  return el('div', { class: 'sort' }, el('label', { for: 'sort' }, 'Sắp xếp'), select);
}

function hitItem(hit, s, titleTerms) {
  const link = routeLink({ ...searchOf(s), id: hit.id }, '', { 'data-id': hit.id });
  appendHighlighted(link, hit.title || '(Không có tiêu đề)', titleTerms);
  return el('li', { class: 'hit' },
    el('h2', { class: 'hit-title' }, link),
    metaLine([
      hit.date ? dateEl(hit.date) : null,
      hit.source ? el('span', { class: 'hit-source' }, hit.source) : null,
      hit.category ? el('span', { class: 'hit-category' }, hit.category) : null,
    ]),
    hit.snippet ? el('p', { class: 'snippet' }, snippetFragment(hit.snippet)) : null);
}

/**
 * The line over results shown for the server's suggestion because the query
 * typed found nothing: "Không tìm thấy kết quả cho “chủnng”. Đang hiển thị
 * kết quả cho “chủng”."
 */
function searchedInsteadLine(typed, s) {
  return el('p', { class: 'suggestion searched-instead', id: 'searched-instead' },
    'Không tìm thấy kết quả cho “', el('span', { class: 'q' }, typed), '”. Đang hiển thị kết quả cho “',
    routeLink({ ...searchOf(s), page: 1 }, s.q, { id: 'searched-instead-link', lang: 'vi' }), '”.');
}

/**
 * The result list of search `s` (`data` its answer). `typed`, when given, is
 * the query the user typed, which found nothing: `s` is then the search of
 * the server's suggestion for it, said so above the list.
 */
export function resultsView(data, s, size, typed = null) {
  const filtersOn = supportsFilters(data);
  const frag = document.createDocumentFragment();
  const stats = el('p', { class: 'stats', id: 'stats', tabindex: '-1' },
    statsText(data), s.page > 1 ? ` — trang ${numberFmt.format(s.page)}` : '');
  // (DocumentFragment.append would write out a null as text: drop them.)
  const parts = [
    el('h1', { class: 'visually-hidden' }, `Kết quả tìm kiếm cho “${s.q}”`),
    el('div', { class: 'toolbar' }, stats,
      filtersOn ? sortControl(s) : null,
      // Narrow screens show the filter panel after the results: a way there.
      filtersOn ? el('a', { class: 'to-filters', href: '#filters' }, 'Bộ lọc ↓') : null),
    typed === null ? suggestionLine(data, s) : searchedInsteadLine(typed, s),
    // The server's time limit cut the search short (README "timed_out"):
    // these are the best hits of what it matched in time, not of all.
    data.timed_out === true
      ? el('p', { class: 'partial', id: 'partial-note' },
        'Từ khóa quá rộng nên máy chủ đã dừng tìm khi hết thời gian cho phép: đây là những kết quả '
        + 'phù hợp nhất trong phần đã tìm, chưa phải của toàn bộ kho. Hãy thêm từ, đặt cụm từ trong '
        + 'ngoặc kép hoặc lọc theo thời gian, nguồn để có kết quả đầy đủ.')
      : null,
    // An older server ignores filters: do not claim any are in effect.
    filtersOn && hasFilters(s) ? activeFilters(s) : null,
  ];
  frag.append(...parts.filter(Boolean));

  const pages = Math.ceil(data.total / size);
  if (!data.hits.length) {
    // total > 0 but past the last page (e.g. an old bookmark).
    frag.append(el('p', { class: 'state' }, 'Trang này không còn kết quả. ',
      routeLink({ ...s, page: Math.max(1, pages) }, `Xem trang cuối (${numberFmt.format(pages)})`)));
    return frag;
  }

  // Titles are marked with the server's own words (its `highlight`: the
  // abbreviation's other form, title: words, never source:/category:
  // values), so they agree with the snippets.
  const titleTerms = serverTerms(data.highlight, 'title');
  const list = el('ol', { class: 'results', start: (s.page - 1) * size + 1 });
  for (const hit of data.hits) list.append(hitItem(hit, s, titleTerms));
  frag.append(list, pagination(s, pages) || '');
  return frag;
}

/**
 * Page numbers to show: first, last, and two either side of the current, with
 * "…" for gaps (a gap of a single page shows that page instead).
 */
export function pageWindow(page, pages) {
  const wanted = new Set([1, pages]);
  for (let p = page - 2; p <= page + 2; p++) if (p >= 1 && p <= pages) wanted.add(p);
  const sorted = [...wanted].sort((a, b) => a - b);
  const out = [];
  sorted.forEach((p, i) => {
    const gap = i ? p - sorted[i - 1] : 1;
    if (gap === 2) out.push(p - 1);
    else if (gap > 2) out.push('…');
    out.push(p);
  });
  return out;
}

/** Page links for search `s`; every link keeps the query, filters and sort. */
function pagination(s, pages) {
  if (pages <= 1) return null;
  const at = (page) => ({ ...searchOf(s), page });
  const ul = el('ul');
  const edge = (target, text, rel) => el('li', { class: 'edge' },
    target >= 1 && target <= pages
      ? routeLink(at(target), text, { rel })
      : el('span', { class: 'disabled', 'aria-disabled': 'true' }, text));
  ul.append(edge(s.page - 1, '‹ Trước', 'prev'));
  for (const p of pageWindow(s.page, pages)) {
    if (p === '…') ul.append(el('li', { class: 'gap', 'aria-hidden': 'true' }, '…'));
    else if (p === s.page) {
      ul.append(el('li', {}, routeLink(at(p), numberFmt.format(p),
        { 'aria-current': 'page', 'aria-label': `Trang ${p}, trang hiện tại` })));
    } else ul.append(el('li', {}, routeLink(at(p), numberFmt.format(p), { 'aria-label': `Trang ${p}` })));
  }
  ul.append(edge(s.page + 1, 'Sau ›', 'next'));
  return el('nav', { class: 'pagination', 'aria-label': 'Phân trang kết quả' }, ul);
}
