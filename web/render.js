// DOM building for each view. Everything from the server is inserted with
// textContent, except search snippets, which the server has already escaped
// and marked up with <mark> (and which we still filter down to text + <mark>).

import { urlFor } from './route.js';
import { appendHighlighted, queryTerms } from './highlight.js';

const numberFmt = new Intl.NumberFormat('vi-VN');
const secondsFmt = new Intl.NumberFormat('vi-VN', {
  minimumFractionDigits: 3,
  maximumFractionDigits: 3,
});

export const EXAMPLE_QUERIES = ['công tác dân vận', 'cong tac dan van', 'KH&CN'];

/** el('p', {class: 'x'}, 'text', childNode) — attributes set with setAttribute. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value == null) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(...children.filter((c) => c != null && c !== false));
  return node;
}

/** An in-page link; app.js intercepts clicks on [data-route] links. */
function routeLink(state, text, attrs = {}) {
  return el('a', { href: urlFor(state), 'data-route': true, ...attrs }, text);
}

/** "2016-11-10" → "10/11/2016"; anything else is shown as given. */
export function formatDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : (iso || '');
}

function dateEl(iso) {
  const attrs = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? { datetime: iso } : {};
  return el('time', attrs, formatDate(iso));
}

/** Only http(s) links to originals: a "javascript:" URL must never become an href. */
function safeHttpUrl(url) {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

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

function metaLine(parts) {
  const items = parts.filter(Boolean);
  if (!items.length) return null;
  const p = el('p', { class: 'meta' });
  items.forEach((item, i) => {
    if (i) p.append(el('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '));
    p.append(item);
  });
  return p;
}

function examplesList() {
  return el('ul', { class: 'examples' },
    ...EXAMPLE_QUERIES.map((q) => el('li', {}, routeLink({ q }, q))));
}

// ---------------------------------------------------------------------------
// Views. Each returns a DocumentFragment or element to put into <main>.

export function emptyView(documents) {
  return el('section', { class: 'state intro', 'aria-labelledby': 'intro-title' },
    el('h1', { id: 'intro-title' }, 'Tra cứu kho tin bài'),
    el('p', {}, 'Nhập từ khóa vào ô tìm kiếm ở trên. Có thể gõ có dấu hoặc không dấu, '
      + 'không phân biệt chữ hoa, chữ thường; kết quả hiện ngay khi bạn gõ.'),
    el('p', {}, 'Thử một vài ví dụ:'),
    examplesList(),
    Number.isFinite(documents)
      ? el('p', { class: 'muted' }, `Kho hiện có ${numberFmt.format(documents)} tin bài.`)
      : null);
}

export function loadingView(text) {
  return el('p', { class: 'state loading-text' }, text);
}

export function errorView(title, message, onRetry) {
  const retry = onRetry ? el('button', { type: 'button', class: 'secondary' }, 'Thử lại') : null;
  if (retry) retry.addEventListener('click', onRetry);
  return el('section', { class: 'state error', role: 'alert' },
    el('h1', {}, title),
    el('p', {}, message),
    retry);
}

export function noResultsView(q) {
  return el('section', { class: 'state no-results' },
    el('h1', {}, 'Không tìm thấy kết quả cho “', el('span', { class: 'q' }, q), '”'),
    el('p', {}, 'Gợi ý:'),
    el('ul', {},
      el('li', {}, 'Kiểm tra lại chính tả của từ khóa.'),
      el('li', {}, 'Dùng ít từ hơn, hoặc từ có nghĩa khái quát hơn.'),
      el('li', {}, 'Thử gõ không dấu, ví dụ “cong tac dan van”.'),
      el('li', {}, 'Với chữ viết tắt, thử cả dạng đầy đủ, ví dụ “khoa học và công nghệ” thay cho “KH&CN”.')));
}

/** Result count line, e.g. "Khoảng 1.234 kết quả (0,012 giây)". */
export function statsText(data) {
  let text = `Khoảng ${numberFmt.format(data.total)} kết quả`;
  if (Number.isFinite(data.took_ms)) text += ` (${secondsFmt.format(data.took_ms / 1000)} giây)`;
  return text;
}

export function resultsView(data, q, page, size) {
  const frag = document.createDocumentFragment();
  frag.append(
    el('h1', { class: 'visually-hidden' }, `Kết quả tìm kiếm cho “${q}”`),
    el('p', { class: 'stats', id: 'stats', tabindex: '-1' },
      statsText(data), page > 1 ? ` — trang ${numberFmt.format(page)}` : ''));

  const pages = Math.ceil(data.total / size);
  if (!data.hits.length) {
    // total > 0 but past the last page (e.g. an old bookmark).
    frag.append(el('p', { class: 'state' }, 'Trang này không còn kết quả. ',
      routeLink({ q, page: Math.max(1, pages) }, `Xem trang cuối (${numberFmt.format(pages)})`)));
    return frag;
  }

  const list = el('ol', { class: 'results', start: (page - 1) * size + 1 });
  for (const hit of data.hits) {
    const title = routeLink({ id: hit.id, q, page }, hit.title || '(Không có tiêu đề)',
      { 'data-id': hit.id });
    list.append(el('li', { class: 'hit' },
      el('h2', { class: 'hit-title' }, title),
      metaLine([
        hit.date ? dateEl(hit.date) : null,
        hit.source ? el('span', {}, hit.source) : null,
        hit.category ? el('span', {}, hit.category) : null,
      ]),
      hit.snippet ? el('p', { class: 'snippet' }, snippetFragment(hit.snippet)) : null));
  }
  frag.append(list, pagination(q, page, pages) || '');
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

function pagination(q, page, pages) {
  if (pages <= 1) return null;
  const ul = el('ul');
  const edge = (target, text, rel) => el('li', { class: 'edge' },
    target >= 1 && target <= pages
      ? routeLink({ q, page: target }, text, { rel })
      : el('span', { class: 'disabled', 'aria-disabled': 'true' }, text));
  ul.append(edge(page - 1, '‹ Trước', 'prev'));
  for (const p of pageWindow(page, pages)) {
    if (p === '…') ul.append(el('li', { class: 'gap', 'aria-hidden': 'true' }, '…'));
    else if (p === page) ul.append(el('li', {}, el('a', { href: urlFor({ q, page: p }), 'data-route': true, 'aria-current': 'page', 'aria-label': `Trang ${p}, trang hiện tại` }, numberFmt.format(p))));
    else ul.append(el('li', {}, routeLink({ q, page: p }, numberFmt.format(p), { 'aria-label': `Trang ${p}` })));
  }
  ul.append(edge(page + 1, 'Sau ›', 'next'));
  return el('nav', { class: 'pagination', 'aria-label': 'Phân trang kết quả' }, ul);
}

export function backLink(q, page) {
  return el('p', { class: 'back' },
    routeLink({ q, page }, q ? '← Quay lại kết quả' : '← Về trang tra cứu', { id: 'back-link' }));
}

export function articleView(article, q, page) {
  const terms = queryTerms(q);
  const original = safeHttpUrl(article.url);
  const meta = el('dl', { class: 'article-meta' });
  const addMeta = (label, value) => {
    if (value) meta.append(el('div', {}, el('dt', {}, label), el('dd', {}, value)));
  };
  addMeta('Ngày đăng', article.date ? dateEl(article.date) : null);
  addMeta('Nguồn', article.source);
  addMeta('Chuyên mục', article.category);
  addMeta('Tác giả', article.author);
  addMeta('Bản gốc', original
    ? el('a', { href: original, rel: 'noopener noreferrer', target: '_blank' },
      new URL(original).hostname, el('span', { class: 'visually-hidden' }, ' (mở trong thẻ mới)'))
    : null);

  const title = el('h1', { id: 'article-title', tabindex: '-1' });
  appendHighlighted(title, article.title || '(Không có tiêu đề)', terms);

  const body = el('div', { class: 'article-body' });
  for (const para of String(article.body || '').split('\n')) {
    if (!para.trim()) continue;
    const p = el('p');
    appendHighlighted(p, para, terms);
    body.append(p);
  }

  const frag = document.createDocumentFragment();
  frag.append(
    backLink(q, page),
    el('article', { class: 'article', 'aria-labelledby': 'article-title' },
      el('header', {}, title, meta.childElementCount ? meta : null),
      body));
  return frag;
}
