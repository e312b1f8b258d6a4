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

// A syntax error in q (README "Query syntax"): what is wrong, the 1-based
// character of q, and the text around it.
const SYNTAX = /^parameter q: (.*), at character (\d+): "(.*)"$/s;

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
];

/**
 * {message, position, excerpt} for a syntax error in q, or null when `detail`
 * (the server's error text) is not one. An unknown wording still gets a
 * Vietnamese sentence: the server may learn new errors before this page.
 */
export function syntaxProblem(detail) {
  const m = SYNTAX.exec(detail || '');
  if (!m) return null;
  const [, what, position, excerpt] = m;
  let message = 'Từ khóa chưa đúng cú pháp tìm kiếm.';
  for (const [re, say] of SYNTAX_MESSAGES) {
    const w = re.exec(what);
    if (w) { message = say(...w.slice(1)); break; }
  }
  return { message, position: Number(position), excerpt };
}

/**
 * True when the text in the search box is what the server refused (a 400
 * about q: syntax, length, nothing to search): trying again cannot help, the
 * text must change.
 */
export function isQueryError(err) {
  return err.status === 400 && /^parameter q\b/.test(err.detail || '');
}

/** The heading over a failed search's message. */
export function searchErrorTitle(err) {
  return syntaxProblem(err.detail) ? 'Từ khóa chưa đúng cú pháp' : 'Không thực hiện được tìm kiếm';
}

/**
 * The Vietnamese message for a failed search of state `s`.
 * `err` is an ApiError (status 0: no answer from the server). A 400 is told
 * apart by the parameter its message starts with ("parameter q: …"), never by
 * words further on: those quote the query, which may say "to" or "page".
 */
export function searchErrorMessage(err, s) {
  const detail = err.detail || '';
  if (err.status === 0) return err.message;
  if (err.status === 400) {
    if (byteLength(s.q) > MAX_QUERY_BYTES || /^parameter q is \d+ bytes/.test(detail)) {
      return `Từ khóa quá dài (${byteLength(s.q)} byte; tối đa ${MAX_QUERY_BYTES} byte, `
        + 'khoảng 300 chữ có dấu). Hãy rút gọn từ khóa.';
    }
    const syntax = syntaxProblem(detail);
    if (syntax) {
      return `${syntax.message} Chỗ sai ở ký tự thứ ${syntax.position}: “${syntax.excerpt}”. `
        + 'Ngoặc ( ), ngoặc kép và các từ viết hoa AND, OR, NOT là cú pháp tìm kiếm: '
        + 'muốn tìm chúng như chữ thường, hãy bỏ chúng đi hoặc viết thường.';
    }
    if (/^parameter q: the query has only excluded words/.test(detail)) {
      return 'Từ khóa chỉ có các từ loại trừ (bắt đầu bằng dấu “-”). Hãy thêm ít nhất một từ cần tìm.';
    }
    if (/^parameter q: the query has no searchable words/.test(detail)) {
      const tooLong = s.q.split(/\s+/).some((w) => byteLength(w) > MAX_WORD_BYTES);
      return tooLong
        ? `Từ khóa không có từ nào tìm được: mỗi từ dài tối đa ${MAX_WORD_BYTES} byte, `
          + 'từ dài hơn bị bỏ qua. Hãy tách từ bằng dấu cách hoặc rút gọn.'
        : 'Từ khóa không có chữ hay số nào để tìm. Hãy nhập ít nhất một từ.';
    }
    if (/^parameter q\b.*UTF-8/.test(detail)) return 'Từ khóa chứa ký tự không hợp lệ. Hãy gõ lại từ khóa.';
    if (/^parameter (from|to)\b/.test(detail)) return 'Khoảng thời gian lọc không hợp lệ. Hãy kiểm tra lại “Từ ngày” và “Đến ngày”.';
    if (/^(parameter page\b|page \d+ of size)/.test(detail)) return 'Số trang không hợp lệ hoặc vượt quá giới hạn. Hãy quay về trang 1.';
    return 'Yêu cầu tìm kiếm không hợp lệ. Hãy kiểm tra lại từ khóa và bộ lọc.';
  }
  return serverTrouble(err.status);
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
