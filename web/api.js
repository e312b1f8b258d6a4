// Thin wrappers around the tracuu-server JSON API (same origin).
// URLs are relative so the page also works when mounted under a path prefix.

import { DEFAULT_SORT } from './route.js';

/**
 * A failed request. `status` is the HTTP status (0: no answer at all),
 * `detail` the server's own (English) error text, for the technical details;
 * errors.js turns both into a Vietnamese message. `retryAfter`: the seconds
 * a 503's Retry-After header asks to wait (NaN when it gives none).
 * `fields`: what the error body says besides (README "HTTP API"): `code`
 * ("syntax", "bad_date", …), `parameter` ("q", "from", …) and, for a syntax
 * error in q, `position` (0-based character of q); each null when the
 * server did not say (servers before structured errors, a proxy's page).
 */
export class ApiError extends Error {
  constructor(message, status = 0, detail = '', retryAfter = NaN, fields = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.detail = detail;
    this.retryAfter = retryAfter;
    this.code = typeof fields.code === 'string' ? fields.code : null;
    this.parameter = typeof fields.parameter === 'string' ? fields.parameter : null;
    this.position = Number.isInteger(fields.position) && fields.position >= 0 ? fields.position : null;
  }
}

/** Retry-After in seconds; only the delay form (an HTTP date is not worth parsing here). */
function retryAfterSeconds(res) {
  const value = res.headers.get('Retry-After');
  return value && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
}

async function getJson(path, signal) {
  let res;
  try {
    res = await fetch(path, { signal, headers: { Accept: 'application/json' } });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new ApiError('Không kết nối được với máy chủ tra cứu. Hãy kiểm tra mạng rồi thử lại.', 0,
      String(err.message || err));
  }
  let body = null;
  try {
    body = await res.json();
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    // Not JSON (e.g. a proxy error page): fall through with body = null.
  }
  if (!res.ok) {
    const detail = body && typeof body.error === 'string' ? body.error : `HTTP ${res.status}`;
    throw new ApiError(`HTTP ${res.status}`, res.status, detail, retryAfterSeconds(res), body || {});
  }
  if (body === null || typeof body !== 'object') {
    throw new ApiError('Máy chủ trả về dữ liệu không hợp lệ.', 0, `HTTP ${res.status}, not a JSON object`);
  }
  return body;
}

/**
 * GET api/search for a search state (route.js) →
 * {query, total, total_exact, page, size, took_ms, suggestion, hits, facets?}.
 * Servers before the filters API ignore the filter parameters and send no
 * `facets`; the page then hides its filters (see filters.js).
 */
export function search(s, size, signal) {
  // facets=true: the filter panel lists every source, category and year with its count.
  const params = new URLSearchParams({ q: s.q, page: String(s.page), size: String(size), facets: 'true' });
  if (s.from) params.set('from', s.from);
  if (s.to) params.set('to', s.to);
  for (const v of s.source) params.append('source', v);
  for (const v of s.category) params.append('category', v);
  if (s.sort && s.sort !== DEFAULT_SORT) params.set('sort', s.sort);
  return getJson(`api/search?${params}`, signal);
}

/**
 * search(), with the facet counts a filter panel of checkboxes needs. The
 * server counts facets over the filtered results, so once a source is ticked
 * the other sources would drop out of its list. For each facet field with a
 * selection we also ask (size 1, in parallel) for the same search without
 * that field's filter, and take that field's counts from it: every value stays
 * listed with the results it would add, and several can be ticked (values of
 * a field are OR'ed, fields AND'ed). If an extra request fails, the main
 * response's counts are kept.
 */
export async function searchWithFacets(s, size, signal) {
  const extra = ['source', 'category'].filter((field) => s[field].length).map((field) =>
    search({ ...s, [field]: [], page: 1 }, 1, signal)
      .then((data) => [field, data.facets?.[field]])
      .catch(() => null));
  const data = await search(s, size, signal);
  if (data.facets && typeof data.facets === 'object') {
    for (const pair of await Promise.all(extra)) {
      if (pair && Array.isArray(pair[1])) data.facets = { ...data.facets, [pair[0]]: pair[1] };
    }
  }
  return data;
}

/** GET api/articles/{id} → {id, url, title, date, source, category, author, body}. */
export function getArticle(id, signal) {
  // Ids may contain "/" (txt files); encode the whole id as one segment.
  return getJson(`api/articles/${encodeURIComponent(id)}`, signal);
}

/** GET api/articles/{id}/related → {id, hits: [{id, title, url, date, source, category, score}]}. */
export function getRelated(id, size, signal) {
  return getJson(`api/articles/${encodeURIComponent(id)}/related?size=${size}`, signal);
}

/**
 * GET api/suggest → the completions of the words being typed in `text`
 * (server/suggester.h), as a list of strings. The caller shows nothing on
 * failure, so a malformed answer is an empty list rather than an error.
 */
export async function suggest(text, size, signal) {
  const params = new URLSearchParams({ q: text, size: String(size) });
  const data = await getJson(`api/suggest?${params}`, signal);
  if (!Array.isArray(data.suggestions)) return [];
  return data.suggestions.filter((s) => typeof s === 'string' && s.trim());
}

/** GET api/health → {status, documents}. */
export function health(signal) {
  return getJson('api/health', signal);
}
