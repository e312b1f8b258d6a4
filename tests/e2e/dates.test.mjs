// web/dates.js on its own, without a browser: what the date fields accept,
// what they refuse and with which message, and how dates are shown.
// Runs with the browser tests (all.mjs) and alone:
//   node --test tests/e2e/dates.test.mjs

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

// Loaded from its source as a data: URL rather than by path: web/ has no
// package.json saying its .js files are ES modules, and node before 20.19
// would not guess it. (dates.js imports nothing, so this works.)
const source = readFileSync(new URL('../../web/dates.js', import.meta.url), 'utf8');
const {
  dateProblem, formatDate, isIsoDate, parseDate,
} = await import(`data:text/javascript;charset=utf-8,${encodeURIComponent(source)}`);

const iso = (text) => {
  const r = parseDate(text);
  return r.kind === 'date' ? r.iso : r.kind;
};
const problem = (text, label = 'Từ ngày') => dateProblem(label, parseDate(text));

describe('dates.js', () => {
  test('day first, with "/", "-" or "." and one or two digits', () => {
    assert.equal(iso('31/12/2019'), '2019-12-31');
    assert.equal(iso('01/02/2020'), '2020-02-01'); // the 1st of February
    assert.equal(iso('1/2/2020'), '2020-02-01');
    assert.equal(iso('31-12-2019'), '2019-12-31');
    assert.equal(iso('31.12.2019'), '2019-12-31');
    assert.equal(iso('31/12-2019'), '2019-12-31');
    assert.equal(iso('  31 / 12 / 2019 '), '2019-12-31');
    assert.equal(iso('29/02/2020'), '2020-02-29'); // a leap year
    assert.equal(iso('31122019'), '2019-12-31'); // a phone's digit keypad has no "/"
  });

  test('ISO dates pasted from elsewhere', () => {
    assert.equal(iso('2019-12-31'), '2019-12-31');
    assert.equal(iso('2020-2-3'), '2020-02-03');
    assert.equal(iso('20191231'), '2019-12-31');
  });

  test('empty is no bound', () => {
    assert.equal(iso(''), 'empty');
    assert.equal(iso('   '), 'empty');
    assert.equal(iso(null), 'empty');
  });

  test('impossible dates are refused, naming the field and saying why', () => {
    assert.equal(problem('31/02/2020'), 'Từ ngày: ngày 31/02/2020 không có thật — tháng 2/2020 chỉ có 29 ngày.');
    assert.equal(problem('29/02/2019', 'Đến ngày'), 'Đến ngày: ngày 29/02/2019 không có thật — tháng 2/2019 chỉ có 28 ngày.');
    assert.equal(problem('31/04/2021'), 'Từ ngày: ngày 31/04/2021 không có thật — tháng 4/2021 chỉ có 30 ngày.');
    assert.equal(problem('2020-02-30'), 'Từ ngày: ngày 30/02/2020 không có thật — tháng 2/2020 chỉ có 29 ngày.');
    assert.equal(problem('0/12/2019'), 'Từ ngày: ngày 00/12/2019 không có thật.');
    assert.equal(problem('13/13/2020'), 'Từ ngày: ngày 13/13/2020 không có thật — tháng chỉ từ 1 đến 12.');
    // Month first, the English way: how to write it instead.
    assert.equal(problem('12/31/2019'),
      'Từ ngày: ngày 12/31/2019 không có thật — tháng chỉ từ 1 đến 12. Gõ ngày trước, tháng sau: 31/12/2019.');
    for (const t of ['31/02/2020', '29/02/2019', '12/31/2019', '2019-02-29']) {
      assert.equal(parseDate(t).kind, 'invalid', t);
      assert.equal(parseDate(t).partial, false, t);
    }
  });

  test('years must have 4 digits and be plausible', () => {
    assert.equal(problem('31/12/19'), 'Từ ngày: năm phải viết đủ 4 chữ số, ví dụ 31/12/2019 (không viết 31/12/19).');
    assert.equal(problem('31/12/20199'), 'Từ ngày: năm phải viết đúng 4 chữ số, ví dụ 31/12/2019.');
    assert.equal(problem('1/1/1899'), 'Từ ngày: năm 1899 nằm ngoài khoảng 1900–2100.');
    assert.equal(problem('1/1/0202'), 'Từ ngày: năm 202 nằm ngoài khoảng 1900–2100.');
  });

  test('text that is not a date', () => {
    assert.equal(problem('hôm qua'), 'Từ ngày: “hôm qua” không phải là ngày. Hãy gõ theo dạng ngày/tháng/năm, ví dụ 31/12/2019.');
    assert.equal(problem('31/12'), 'Từ ngày: “31/12” chưa đủ ngày, tháng và năm. Hãy gõ theo dạng ngày/tháng/năm, ví dụ 31/12/2019.');
    for (const t of ['31/12/2019 10:00', '2019/12/31', '31//2019', '١/٢/٢٠٢٠']) assert.equal(parseDate(t).kind, 'invalid', t);
  });

  test('half-typed dates are "partial": the field waits instead of complaining', () => {
    for (const t of ['3', '31', '31/', '31/1', '31/12', '31/12/', '31/12/2', '31/12/20', '31/12/201',
      '2019', '2019-', '2019-1', '2019-12-', '2019-12-0', '3112', '311220']) {
      const r = parseDate(t);
      assert.equal(r.kind, 'invalid', t);
      assert.equal(r.partial, true, t);
    }
    for (const t of ['abc', '31/12/20199', '2019-12-31-', '31/02/2020']) assert.equal(parseDate(t).partial, false, t);
  });

  test('shown day first; ISO checked strictly', () => {
    assert.equal(formatDate('2016-11-10'), '10/11/2016');
    assert.equal(formatDate('2016-11-10T08:30:00Z'), '10/11/2016');
    assert.equal(formatDate(''), '');
    assert.equal(formatDate(undefined), '');
    assert.equal(formatDate('tháng 11'), 'tháng 11');
    assert.equal(isIsoDate('2020-02-29'), true);
    assert.equal(isIsoDate('2019-02-29'), false);
    assert.equal(isIsoDate('2000-02-29'), true); // divisible by 400
    assert.equal(isIsoDate('2100-02-29'), false); // by 100 only
    assert.equal(isIsoDate('2019-04-31'), false);
    assert.equal(isIsoDate('2019-13-01'), false);
    assert.equal(isIsoDate('2019-1-01'), false);
    assert.equal(isIsoDate(null), false);
    // What is shown reads back as the same date.
    for (const d of ['2019-12-31', '2020-02-29', '1900-01-01', '2100-12-31']) assert.equal(iso(formatDate(d)), d);
  });
});
