// Thin wrappers around the tracuu-server JSON API (same origin).
// URLs are relative so the page also works when mounted under a path prefix.

/** Error carrying a message fit to show the user (in Vietnamese). */
export class ApiError extends Error {
  constructor(message, status = 0) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

async function getJson(path, signal) {
  let res;
  try {
    res = await fetch(path, { signal, headers: { Accept: 'application/json' } });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new ApiError('Không kết nối được với máy chủ tra cứu. Vui lòng thử lại sau.');
  }
  let body = null;
  try {
    body = await res.json();
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    // Not JSON (e.g. a proxy error page): fall through with body = null.
  }
  if (!res.ok) {
    const msg = body && typeof body.error === 'string' && body.error
      ? body.error
      : `Máy chủ trả về lỗi (HTTP ${res.status}).`;
    throw new ApiError(msg, res.status);
  }
  if (body === null || typeof body !== 'object') {
    throw new ApiError('Máy chủ trả về dữ liệu không hợp lệ.', res.status);
  }
  return body;
}

/** GET api/search → {query, total, page, size, took_ms, hits: [...]}. */
export function search(q, page, size, signal) {
  const params = new URLSearchParams({ q, page: String(page), size: String(size) });
  return getJson(`api/search?${params}`, signal);
}

/** GET api/articles/{id} → {id, url, title, date, source, category, author, body}. */
export function getArticle(id, signal) {
  // Ids may contain "/" (txt files); encode the whole id as one segment.
  return getJson(`api/articles/${encodeURIComponent(id)}`, signal);
}

/** GET api/health → {status, documents}. */
export function health(signal) {
  return getJson('api/health', signal);
}
