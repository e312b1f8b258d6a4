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

/**
 * The Vietnamese message for a failed search of state `s`.
 * `err` is an ApiError (status 0: no answer from the server).
 */
export function searchErrorMessage(err, s) {
  const detail = err.detail || '';
  if (err.status === 0) return err.message;
  if (err.status === 400) {
    if (byteLength(s.q) > MAX_QUERY_BYTES || /^parameter q is \d+ bytes/.test(detail)) {
      return `Từ khóa quá dài (${byteLength(s.q)} byte; tối đa ${MAX_QUERY_BYTES} byte, `
        + 'khoảng 300 chữ có dấu). Hãy rút gọn từ khóa.';
    }
    if (/only excluded words/.test(detail)) {
      return 'Từ khóa chỉ có các từ loại trừ (bắt đầu bằng dấu “-”). Hãy thêm ít nhất một từ cần tìm.';
    }
    if (/no searchable words/.test(detail)) {
      const tooLong = s.q.split(/\s+/).some((w) => byteLength(w) > MAX_WORD_BYTES);
      return tooLong
        ? `Từ khóa không có từ nào tìm được: mỗi từ dài tối đa ${MAX_WORD_BYTES} byte, `
          + 'từ dài hơn bị bỏ qua. Hãy tách từ bằng dấu cách hoặc rút gọn.'
        : 'Từ khóa không có chữ hay số nào để tìm. Hãy nhập ít nhất một từ.';
    }
    if (/\b(from|to)\b/.test(detail)) return 'Khoảng thời gian lọc không hợp lệ. Hãy kiểm tra lại “Từ ngày” và “Đến ngày”.';
    if (/\bpage\b/.test(detail)) return 'Số trang không hợp lệ hoặc vượt quá giới hạn. Hãy quay về trang 1.';
    if (/UTF-8/.test(detail)) return 'Từ khóa chứa ký tự không hợp lệ. Hãy gõ lại từ khóa.';
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
