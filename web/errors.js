// What to tell the user when a request fails.
//
// The server's error messages are English and written for API users
// ("parameter q is 1001 bytes; the limit is 1000"). Staff get a Vietnamese
// sentence chosen by HTTP status and situation; the server's own words stay
// available as a collapsed "technical details" line, for reporting a problem.

export const MAX_QUERY_BYTES = 1000; // the API's limit on q (server/searcher.h)
const MAX_WORD_BYTES = 64;    // longer words are dropped by the analyzer

const utf8 = new TextEncoder();
export const byteLength = (s) => utf8.encode(s).length;

// A syntax error in q, as servers before structured errors said it (README
// "Query syntax"): what is wrong, the 1-based character of q, the text around it.
const SYNTAX = /^parameter q: (.*), at character (\d+): "(.*)"$/s;

// Codes of the errors the query parser finds in q, at a place (README "HTTP
// API": "position"). too_many_words counts only with a position: the
// server's first check (whitespace words) has none.
const PARSER_CODES = new Set(['syntax', 'too_many_wildcards', 'too_deeply_nested', 'too_many_words']);

// What the server says is wrong (the part before ", at character"), in
// Vietnamese. X is the operator or field the server quoted: AND, "(", title:.
const SYNTAX_MESSAGES = [
  [/^"\(" is never closed$/, () => 'Dấu “(” chưa được đóng: thiếu dấu “)”.'],
  [/^"\)" has no matching "\("$/, () => 'Dấu “)” không có dấu “(” mở tương ứng.'],
  [/^the quote is never closed$/, () => 'Dấu ngoặc kép chưa được đóng.'],
  [/^empty parentheses$/, () => 'Cặp ngoặc “( )” không có gì bên trong.'],
  [/^"(.+)" needs a term after it$/, (x) => `Sau “${x}” cần có từ để tìm.`],
  [/^"(.+)" needs a term before it$/, (x) => `Trước “${x}” cần có từ để tìm.`],
  [/^"(.+)" needs a word, "phrase" or \(group\) right after it$/,
    (x) => `Ngay sau “${x}” (không có dấu cách) cần một từ, một “cụm từ” hoặc một (nhóm) để tìm.`],
  [/^"(.+)" has nothing to search after it$/, (x) => `Sau “${x}” không có gì để tìm.`],
  [/^field "(.+)" inside "(.+)":/, (x, y) => `Không đặt được “${x}” bên trong “${y}”: hãy viết “${x}” ra ngoài dấu ngoặc.`],
  [/^only the last word of a "phrase" may end in "\*"$/, () => 'Trong “cụm từ”, chỉ từ cuối cùng được có dấu “*”.'],
  [/^a term cannot be excluded twice$/, () => 'Một từ không thể bị loại trừ hai lần.'],
  [/^nothing to search here/, () => 'Chỗ này không có chữ hay số nào để tìm.'],
  [/^the query nests deeper than (\d+) levels$/, (n) => `Quá nhiều lớp ngoặc lồng nhau (tối đa ${n}).`],
  [/^the query has more than (\d+) wildcards$/, (n) => `Quá nhiều từ có dấu “*” (tối đa ${n}).`],
  [/^the query has more than (\d+) words$/, (n) => `Từ khóa có quá nhiều từ (tối đa ${n}).`],
];

// Characters of the query shown on each side of the mistake, at most.
const SPOT_CONTEXT = 24;
// Syntax characters marked alone; any other character is marked with the
// rest of its word ("AND"), a field name up to its colon ("tácgiả:").
const SYNTAX_CHARS = new Set(['(', ')', '"', '“', '”', '＂']);

/**
 * The place `position` (0-based, in characters — code points — of `q`) of
 * the query, for showing it marked: {before, at, after}, `at` the character
 * there with the rest of its word (a parenthesis or quote alone; '' at the
 * end of the query), `before`/`after` up to SPOT_CONTEXT characters of
 * context, cut at a space where one is near and "…" where cut.
 */
export function querySpot(q, position) {
  const chars = Array.from(String(q || ''));
  const at = Math.max(0, Math.min(position, chars.length));
  let end = at;
  if (end < chars.length) {
    end += 1;
    if (!SYNTAX_CHARS.has(chars[at])) {
      // A field's name ends at its colon: "tácgiả:" of "tácgiả:minh".
      while (end < chars.length && !/\s/u.test(chars[end]) && !SYNTAX_CHARS.has(chars[end])
        && chars[end - 1] !== ':') end += 1;
    }
  }
  // Cut at a space in the outer half of each side, so words stay whole.
  let from = Math.max(0, at - SPOT_CONTEXT);
  if (from > 0) {
    for (let i = from; i < at - SPOT_CONTEXT / 2; i += 1) {
      if (/\s/u.test(chars[i])) { from = i + 1; break; }
    }
  }
  let to = Math.min(chars.length, end + SPOT_CONTEXT);
  if (to < chars.length) {
    for (let i = to; i > end + SPOT_CONTEXT / 2; i -= 1) {
      if (/\s/u.test(chars[i])) { to = i; break; }
    }
  }
  return {
    before: (from > 0 ? '…' : '') + chars.slice(from, at).join(''),
    at: chars.slice(at, end).join(''),
    after: chars.slice(end, to).join('') + (to < chars.length ? '…' : ''),
  };
}

/**
 * {message, position, spot} for an error the query parser found in `q` (the
 * query sent), or null when `err` is no such error. `position` is 1-based,
 * for people, counting characters as seen (NFC); `spot` the marked place
 * (querySpot). From the error's code and
 * position where the server sends them, else from its message (older
 * servers). An unknown wording still gets a Vietnamese sentence: the server
 * may learn new errors before this page.
 */
export function syntaxProblem(err, q) {
  const detail = (err && err.detail) || '';
  const m = SYNTAX.exec(detail);
  let at = null;  // 0-based, in q as sent
  if (err && PARSER_CODES.has(err.code) && Number.isInteger(err.position)) at = err.position;
  else if (m && !(err && err.code)) at = Number(m[2]) - 1;
  if (at === null) return null;
  const what = m ? m[1] : '';
  let message = 'Từ khóa chưa đúng cú pháp tìm kiếm.';
  for (const [re, say] of SYNTAX_MESSAGES) {
    const w = re.exec(what);
    if (w) { message = say(...w.slice(1)); break; }
  }
  // For people, the character as they see it: a decomposed "â" (a + ◌̂,
  // as some keyboards send it) is one.
  const seen = Array.from(Array.from(String(q || '')).slice(0, at).join('').normalize('NFC')).length;
  return { message, position: seen + 1, spot: querySpot(q, at) };
}

// The code and parameter of an error from a server before structured errors,
// read from its message: a 400 is told apart by the parameter its message
// starts with ("parameter q: …"), never by words further on, which quote
// the query and may say "to" or "page".
function legacyFields(detail) {
  const parameter = /^parameter (\w+)/.exec(detail)?.[1] || (/^page \d+ of size/.test(detail) ? 'page' : null);
  let code = 'invalid';
  if (/^parameter q is \d+ bytes/.test(detail)) code = 'too_long';
  else if (/^parameter q: the query has only excluded words/.test(detail)) code = 'only_excluded';
  else if (/^parameter q: the query has no searchable words/.test(detail)) code = 'no_words';
  else if (/^parameter q\b.*UTF-8/.test(detail)) code = 'bad_utf8';
  return { code, parameter };
}

/**
 * True when the text in the search box is what the server refused (a 400
 * about q: syntax, length, nothing to search): trying again cannot help, the
 * text must change.
 */
export function isQueryError(err) {
  if (err.status !== 400) return false;
  return (err.code ? err.parameter : legacyFields(err.detail || '').parameter) === 'q';
}

/** The heading over a failed search's message. */
export function searchErrorTitle(err, s) {
  return syntaxProblem(err, s?.q) ? 'Từ khóa chưa đúng cú pháp' : 'Không thực hiện được tìm kiếm';
}

const SYNTAX_HINT = 'Ngoặc ( ), ngoặc kép và các từ viết hoa AND, OR, NOT là cú pháp tìm kiếm: '
  + 'muốn tìm chúng như chữ thường, hãy bỏ chúng đi hoặc viết thường.';

/**
 * The Vietnamese message for a failed search of state `s`, in parts: text
 * ({text}) and the place of a syntax error in the query ({text, mark: true}),
 * for the page to mark. Joined, the parts are searchErrorMessage.
 * `err` is an ApiError (status 0: no answer from the server); a 400 is told
 * apart by its code and parameter (README "HTTP API").
 */
export function searchErrorParts(err, s) {
  const text = (t) => [{ text: t }];
  if (err.status === 0) return text(err.message);
  if (err.status !== 400) return text(serverTrouble(err.status));
  const { code, parameter } = err.code ? err : legacyFields(err.detail || '');
  if (byteLength(s.q) > MAX_QUERY_BYTES || (parameter === 'q' && code === 'too_long')) {
    return text(`Từ khóa quá dài (${byteLength(s.q)} byte; tối đa ${MAX_QUERY_BYTES} byte, `
      + 'khoảng 300 chữ có dấu). Hãy rút gọn từ khóa.');
  }
  const syntax = syntaxProblem(err, s.q);
  if (syntax) {
    const { before, at, after } = syntax.spot;
    return [
      { text: `${syntax.message} Chỗ sai ở ký tự thứ ${syntax.position}: “${before}` },
      ...(at ? [{ text: at, mark: true }] : []),
      { text: `${after}”. ${SYNTAX_HINT}` },
    ];
  }
  if (parameter === 'q') {
    if (code === 'only_excluded') {
      return text('Từ khóa chỉ có các từ loại trừ (bắt đầu bằng dấu “-”). Hãy thêm ít nhất một từ cần tìm.');
    }
    if (code === 'no_words') {
      const tooLong = s.q.split(/\s+/).some((w) => byteLength(w) > MAX_WORD_BYTES);
      return text(tooLong
        ? `Từ khóa không có từ nào tìm được: mỗi từ dài tối đa ${MAX_WORD_BYTES} byte, `
          + 'từ dài hơn bị bỏ qua. Hãy tách từ bằng dấu cách hoặc rút gọn.'
        : 'Từ khóa không có chữ hay số nào để tìm. Hãy nhập ít nhất một từ.');
    }
    if (code === 'bad_utf8') return text('Từ khóa chứa ký tự không hợp lệ. Hãy gõ lại từ khóa.');
    if (code === 'too_many_words') return text('Từ khóa có quá nhiều từ (tối đa 200). Hãy rút gọn từ khóa.');
  }
  if (parameter === 'from' || parameter === 'to') {
    return text('Khoảng thời gian lọc không hợp lệ. Hãy kiểm tra lại “Từ ngày” và “Đến ngày”.');
  }
  if (parameter === 'page') return text('Số trang không hợp lệ hoặc vượt quá giới hạn. Hãy quay về trang 1.');
  return text('Yêu cầu tìm kiếm không hợp lệ. Hãy kiểm tra lại từ khóa và bộ lọc.');
}

/** searchErrorParts as one string (for the live region, and tests). */
export function searchErrorMessage(err, s) {
  return searchErrorParts(err, s).map((part) => part.text).join('');
}

/** The Vietnamese message for an article that could not be loaded. */
export function articleErrorMessage(err) {
  if (err.status === 0) return err.message;
  if (err.status === 404) {
    return 'Bài viết này không có trong kho: có thể đường dẫn bị sai, hoặc bài đã được gỡ khi cập nhật dữ liệu.';
  }
  if (err.status === 400) return 'Đường dẫn bài viết không hợp lệ.';
  return serverTrouble(err.status);
}

function serverTrouble(status) {
  if (status === 503) {
    return 'Máy chủ tra cứu đang bận hoặc đang cập nhật dữ liệu. Vui lòng thử lại sau ít phút.';
  }
  if (status >= 500) {
    return 'Máy chủ gặp lỗi khi xử lý yêu cầu. Vui lòng thử lại; nếu vẫn lỗi, hãy báo bộ phận kỹ thuật.';
  }
  return `Máy chủ trả về lỗi (mã ${status}). Vui lòng thử lại.`;
}
