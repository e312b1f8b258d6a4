// The article view: the full text with the query's words highlighted, its
// metadata, related articles, and a way back to the search it came from.
// The search state (query, filters, sort, page) rides along in every link, so
// "back" and a shared article link return to exactly that search.

import { appendHighlighted, serverTerms, termsForWhole } from './highlight.js';
import { dateEl, el, metaLine, routeLink, safeHttpUrl } from './dom.js';
import { searchOf } from './route.js';

export function backLink(s) {
  return el('p', { class: 'back' },
    routeLink(searchOf(s), s.q ? '← Quay lại kết quả' : '← Về trang tra cứu', { id: 'back-link' }));
}

/**
 * `s` is the page state: s.id is the article, the rest the search to go back
 * to. `highlight`: that search's answer's `highlight`, whose words are marked
 * (title: words in the title only); null when there is none (no query, or
 * the search failed): nothing is marked.
 */
export function articleView(article, s, highlight = null) {
  const titleTerms = serverTerms(highlight, 'title');
  const text = String(article.body || '');
  const bodyTerms = termsForWhole(text, serverTerms(highlight, 'text'));
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
  appendHighlighted(title, article.title || '(Không có tiêu đề)', titleTerms);

  const body = el('div', { class: 'article-body' });
  for (const para of text.split('\n')) {
    if (!para.trim()) continue;
    const p = el('p');
    appendHighlighted(p, para, bodyTerms);
    body.append(p);
  }

  const frag = document.createDocumentFragment();
  frag.append(
    backLink(s),
    el('article', { class: 'article', 'aria-labelledby': 'article-title' },
      el('header', {}, title, meta.childElementCount ? meta : null),
      body),
    // Filled in by fillRelated once api/articles/{id}/related answers; stays
    // hidden when it does not (older servers have no such route).
    el('section', { class: 'related', id: 'related', 'aria-labelledby': 'related-title', hidden: true }));
  return frag;
}

/**
 * Shows the related articles in the #related section of `root`, each linked
 * with the same search state (so their highlights and "back" still work).
 * Returns false, leaving the section hidden, when there is nothing to show.
 */
export function fillRelated(root, data, s) {
  const section = root.querySelector('#related');
  const hits = Array.isArray(data?.hits) ? data.hits.filter((h) => h && h.id && h.id !== s.id) : [];
  if (!section || !hits.length) return false;
  const list = el('ul', { class: 'related-list' });
  for (const hit of hits) {
    list.append(el('li', {},
      routeLink({ ...searchOf(s), id: hit.id }, hit.title || '(Không có tiêu đề)', { 'data-id': hit.id }),
      metaLine([
        hit.date ? dateEl(hit.date) : null,
        hit.source ? el('span', {}, hit.source) : null,
      ])));
  }
  section.replaceChildren(el('h2', { id: 'related-title' }, 'Bài viết liên quan'), list);
  section.hidden = false;
  return true;
}
