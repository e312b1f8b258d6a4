// Page state <-> URL.
//
// The whole UI state lives in the query string, so reload, bookmarks, shared
// links and back/forward all work:
//   ./                              empty search page
//   ?q=công+tác&page=2              results for "công tác", page 2 (page 1 omitted)
//   ?q=…&from=2019-01-01&to=2019-12-31&source=Sở+Y+tế&source=…&category=…&sort=newest
//                                   the same, filtered and sorted (source and
//                                   category repeat; sort=relevance omitted)
//   ?id=skhcn-2016-0042&q=…&…       article view; the search parameters remember
//                                   the search to highlight and to return to
//
// A state is {id, q, page, from, to, source: [], category: [], sort}. Dates
// are ISO yyyy-mm-dd here and in the API; only the page shows dd/mm/yyyy
// (dates.js).

import { isIsoDate } from './dates.js';

export const SORTS = ['relevance', 'newest', 'oldest'];
export const DEFAULT_SORT = 'relevance';

function distinct(values) {
  return [...new Set(values.map((v) => v.trim()).filter(Boolean))];
}

/** The empty search state, also the base every other state is built on. */
export function emptyState() {
  return { id: null, q: '', page: 1, from: '', to: '', source: [], category: [], sort: DEFAULT_SORT };
}

/** Reads a state from a query string (default: the current URL). */
export function parseLocation(search = window.location.search) {
  const params = new URLSearchParams(search);
  let page = Number.parseInt(params.get('page') || '1', 10);
  if (!Number.isSafeInteger(page) || page < 1) page = 1;
  const sort = params.get('sort');
  // Hand-edited links with a broken date or sort fall back to "no filter"
  // rather than to a server error.
  return {
    id: params.get('id') || null,
    q: (params.get('q') || '').trim(),
    page,
    from: isIsoDate(params.get('from')) ? params.get('from') : '',
    to: isIsoDate(params.get('to')) ? params.get('to') : '',
    source: distinct(params.getAll('source')),
    category: distinct(params.getAll('category')),
    sort: SORTS.includes(sort) ? sort : DEFAULT_SORT,
  };
}

/** Relative URL for a (partial) state; the inverse of parseLocation. */
export function urlFor(partial) {
  const s = { ...emptyState(), ...partial };
  const params = new URLSearchParams();
  if (s.id) params.set('id', s.id);
  if (s.q) params.set('q', s.q);
  if (s.page > 1) params.set('page', String(s.page));
  if (s.from) params.set('from', s.from);
  if (s.to) params.set('to', s.to);
  for (const v of s.source) params.append('source', v);
  for (const v of s.category) params.append('category', v);
  if (s.sort !== DEFAULT_SORT) params.set('sort', s.sort);
  const query = params.toString();
  return query ? `?${query}` : window.location.pathname;
}

/** The search a state shows or returns to (its article id dropped). */
export function searchOf(state) {
  return { ...emptyState(), ...state, id: null };
}

export function sameState(a, b) {
  return urlFor(a) === urlFor(b);
}

/** True when any filter (dates, source, category) narrows the search. */
export function hasFilters(s) {
  return Boolean(s.from || s.to || s.source.length || s.category.length);
}

/** `state` with its filters cleared (query and sort kept), on page 1. */
export function withoutFilters(state) {
  return { ...searchOf(state), page: 1, from: '', to: '', source: [], category: [] };
}
