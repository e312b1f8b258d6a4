// Page state <-> URL.
//
// The whole UI state lives in the query string, so reload, bookmarks and
// back/forward all work:
//   ./                          empty search page
//   ?q=công+tác&page=2          results for "công tác", page 2 (page 1 omitted)
//   ?id=skhcn-2016-0042&q=…&page=2
//                               article view; q/page remember the search to
//                               highlight and to return to ("← Quay lại kết quả")

/** Reads {q, page, id} from a query string (default: the current URL). */
export function parseLocation(search = window.location.search) {
  const params = new URLSearchParams(search);
  const q = (params.get('q') || '').trim();
  let page = Number.parseInt(params.get('page') || '1', 10);
  if (!Number.isSafeInteger(page) || page < 1) page = 1;
  const id = params.get('id') || null;
  return { q, page, id };
}

/** Relative URL for a state; the inverse of parseLocation. */
export function urlFor({ q = '', page = 1, id = null }) {
  const params = new URLSearchParams();
  if (id) params.set('id', id);
  if (q) params.set('q', q);
  if (page > 1) params.set('page', String(page));
  const s = params.toString();
  return s ? `?${s}` : window.location.pathname;
}

export function sameState(a, b) {
  return a.q === b.q && a.page === b.page && (a.id || null) === (b.id || null);
}
