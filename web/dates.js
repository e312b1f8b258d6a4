// Dates as Vietnamese staff read and type them: day first, "31/12/2019".
//
// Why this module exists: <input type="date"> shows its value in the order of
// the browser's own UI language, not of the page (lang="vi" changes nothing).
// An English Chromium, and every headless one, shows "12/31/2019", while the
// hit list and the filter chip say "31/12/2019"; staff read "01/02/2020" as
// 1 February whatever the field meant. So the date fields are plain text
// fields, and this one module turns what is typed into a date and a date into
// what is shown, for every place on the page that shows one.
//
// The URL and the API keep ISO 8601 ("2019-12-31"): it sorts as text, it is
// what the server expects, and links shared between people stay unambiguous.
// Only what a person reads or types is dd/mm/yyyy.
//
// No DOM and no imports here, so that node runs it without a browser
// (tests/e2e/dates.test.mjs).

/** The years a date filter may name; anything else is a typo (2-digit, 0202, 20199). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

/** What the fields show when empty, and the example the messages give. */
export const DATE_PLACEHOLDER = 'dd/mm/yyyy';
export const DATE_EXAMPLE = '31/12/2019';

const pad2 = (n) => String(n).padStart(2, '0');

/** Days in `month` (1..12) of `year`, Gregorian leap years. */
function daysInMonth(year, month) {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** "2019-02-30" is not a date even though it looks like one. */
export function isIsoDate(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s || '');
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/**
 * "2016-11-10" → "10/11/2016", for people. A server value with a time after
 * the date ("2016-11-10T08:00") shows its date; anything else is shown as given.
 */
export function formatDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : (iso || '');
}

// d/m/yyyy or dd/mm/yyyy, separators "/", "-" or "." (all three are common
// in Vietnamese writing; a mix is forgiven), spaces around them tolerated.
// The year group takes any number of digits so that "31/12/19" is
// recognised, and refused with a message about the year rather than as
// "not a date".
const DMY = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d+)$/;
// ISO yyyy-mm-dd (also yyyy-m-d), as pasted from a URL, a spreadsheet or the API.
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
// ddmmyyyy, 8 digits and no separator: the fields ask phones for a digit
// keypad (inputmode="numeric"), and an iPhone's has no "/" on it. Also the
// compact yyyymmdd of file names: the two never clash, since a year in
// 1900..2100 puts 19, 20 or 21 where the other form has a month.
const DIGITS = /^(\d{2})(\d{2})(\d{4})$/;
// What a date looks like half-typed: while the year is short of 4 digits
// the person is most likely still typing, and is not told off yet.
const DMY_PREFIX = /^\d{1,2}(?:\s*[/.-]\s*(?:\d{1,2}(?:\s*[/.-]\s*\d{0,3})?)?)?$/;
const ISO_PREFIX = /^\d{1,4}(?:-(?:\d{1,2}(?:-)?)?)?$/;
const DIGITS_PREFIX = /^\d{1,7}$/;

/**
 * Reads what was typed in a date field. Returns
 *   {kind: 'empty'}                       nothing typed: no bound
 *   {kind: 'date', iso: 'yyyy-mm-dd'}     a real date
 *   {kind: 'invalid', reason, partial, ...} not (yet) a date, where reason is
 *     'format'     not shaped like a date at all
 *     'year'       the year is not 4 digits (31/12/19: no guessing the century)
 *     'range'      a 4-digit year outside MIN_YEAR..MAX_YEAR
 *     'impossible' day or month that does not exist (31/02/2020, 29/02/2019,
 *                  12/31/2019); with day, month, year
 *   and partial: true when typing on could still make it a date ("31/12/20"),
 *   so a field being typed in waits instead of showing an error.
 */
export function parseDate(text) {
  const s = String(text ?? '').trim();
  if (!s) return { kind: 'empty' };
  let day;
  let month;
  let yearText;
  let m = ISO.exec(s);
  // "2018-01-0" is "2018-01-05" half-typed, not day 0.
  const halfTyped = Boolean(m) && m[3] === '0';
  if (m) [, yearText, month, day] = m;
  else if ((m = DMY.exec(s))) [, day, month, yearText] = m;
  else if ((m = DIGITS.exec(s))) {
    [, day, month, yearText] = m;
    const y = Number(s.slice(0, 4));
    const outside = (n) => n < MIN_YEAR || n > MAX_YEAR;
    if (outside(Number(yearText)) && !outside(y)) [yearText, month, day] = [s.slice(0, 4), s.slice(4, 6), s.slice(6)];
  } else {
    const partial = DMY_PREFIX.test(s) || ISO_PREFIX.test(s) || DIGITS_PREFIX.test(s);
    return { kind: 'invalid', reason: 'format', text: s, partial };
  }
  day = Number(day);
  month = Number(month);
  if (yearText.length !== 4) {
    return { kind: 'invalid', reason: 'year', text: s, digits: yearText.length, partial: yearText.length < 4 };
  }
  const year = Number(yearText);
  if (year < MIN_YEAR || year > MAX_YEAR) return { kind: 'invalid', reason: 'range', text: s, year, partial: false };
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { kind: 'invalid', reason: 'impossible', text: s, day, month, year, partial: halfTyped };
  }
  return { kind: 'date', iso: `${year}-${pad2(month)}-${pad2(day)}` };
}

/**
 * The Vietnamese sentence for a date that could not be read, naming the
 * field ("Từ ngày: ngày 31/02/2020 không có thật — tháng 2/2020 chỉ có 29 ngày.").
 * `label` is the field's label; `parsed` an 'invalid' result of parseDate.
 */
export function dateProblem(label, parsed) {
  switch (parsed.reason) {
    case 'year':
      // Short years are the usual case ("31/12/19"); "đúng" covers "20199".
      return `${label}: năm phải viết ${parsed.digits < 4 ? 'đủ' : 'đúng'} 4 chữ số, ví dụ ${DATE_EXAMPLE}`
        + (parsed.digits < 4 ? ` (không viết ${DATE_EXAMPLE.slice(0, 6)}${DATE_EXAMPLE.slice(8)}).` : '.');
    case 'range':
      return `${label}: năm ${parsed.year} nằm ngoài khoảng ${MIN_YEAR}–${MAX_YEAR}.`;
    case 'impossible': {
      const { day, month, year } = parsed;
      const shown = `${pad2(day)}/${pad2(month)}/${year}`;
      if (month < 1 || month > 12) {
        // 12/31/2019: most likely month first, the English way. Say how to write it.
        const swapped = month >= 1 && month <= 31 && day >= 1 && day <= 12
          && month <= daysInMonth(year, day);
        return `${label}: ngày ${shown} không có thật — tháng chỉ từ 1 đến 12.`
          + (swapped ? ` Gõ ngày trước, tháng sau: ${pad2(month)}/${pad2(day)}/${year}.` : '');
      }
      if (day < 1) return `${label}: ngày ${shown} không có thật.`;
      return `${label}: ngày ${shown} không có thật — tháng ${month}/${year} chỉ có ${daysInMonth(year, month)} ngày.`;
    }
    default:
      return parsed.partial
        ? `${label}: “${parsed.text}” chưa đủ ngày, tháng và năm. Hãy gõ theo dạng ngày/tháng/năm, ví dụ ${DATE_EXAMPLE}.`
        : `${label}: “${parsed.text}” không phải là ngày. Hãy gõ theo dạng ngày/tháng/năm, ví dụ ${DATE_EXAMPLE}.`;
  }
}
