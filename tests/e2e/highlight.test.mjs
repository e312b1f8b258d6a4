// Unit tests of web/highlight.js (how the page marks the server's words) and
// of the syntax-error part of web/errors.js (where in the query the mistake
// is), no browser needed: both modules import nothing. Which words of a query
// are marked where is the server's answer (tests/search_highlight_test.cc).
// Run alone: node --test tests/e2e/highlight.test.mjs

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

const load = async (file) => {
  const source = readFileSync(new URL(`../../web/${file}`, import.meta.url), 'utf8');
  return import(`data:text/javascript;charset=utf-8,${encodeURIComponent(source)}`);
};
const { findMatches, fold, serverTerms, termsForWhole } = await load('highlight.js');
const { isQueryError, querySpot, searchErrorMessage, searchErrorParts, searchErrorTitle, syntaxProblem } =
  await load('errors.js');

describe('errors.js shows where a query is wrong', () => {
  test('the place: the character with the rest of its word, or a bracket alone', () => {
    assert.deepEqual(querySpot('dân vận AND', 8), { before: 'dân vận ', at: 'AND', after: '' });
    assert.deepEqual(querySpot('(UBND OR HĐND', 0), { before: '', at: '(', after: 'UBND OR HĐND' });
    assert.deepEqual(querySpot('nguồn:("Sở Y tế" tácgiả:minh)', 17),
      { before: 'nguồn:("Sở Y tế" ', at: 'tácgiả:', after: 'minh)' });
    assert.deepEqual(querySpot('dân vận', 7), { before: 'dân vận', at: '', after: '' });
    // A long query: some words either side, cut at a space.
    const long = 'kế hoạch phát triển kinh tế xã hội năm 2025 của tỉnh AND AND (chuyển đổi số toàn diện trong mọi lĩnh vực)';
    const spot = querySpot(long, long.indexOf('AND AND') + 4);
    assert.equal(spot.at, 'AND');
    assert.match(spot.before, /^…\S/u);
    assert.match(spot.after, /\S…$/u);
    assert.ok(long.includes(spot.before.slice(1) + spot.at + spot.after.slice(0, -1)));
  });

  test('the server\'s code and position, counted in the query as sent', () => {
    const q = 'cải cách hành chính VÀ';
    const err = {
      status: 400, code: 'syntax', parameter: 'q', position: 20,
      detail: `parameter q: "VÀ" needs a term after it, at character 21: "${q}"`,
    };
    assert.ok(isQueryError(err));
    assert.equal(searchErrorTitle(err, { q }), 'Từ khóa chưa đúng cú pháp');
    const parts = searchErrorParts(err, { q });
    assert.deepEqual(parts.filter((p) => p.mark), [{ text: 'VÀ', mark: true }]);
    assert.match(searchErrorMessage(err, { q }),
      /^Sau “VÀ” cần có từ để tìm\. Chỗ sai ở ký tự thứ 21: “cải cách hành chính VÀ”\. /);
    // Sent decomposed (d a ◌̂ n): the server's position counts what was sent;
    // people are told the character they see.
    const nfd = 'dân vận AND'.normalize('NFD');
    const problem = syntaxProblem({ ...err, position: 11, detail: 'parameter q: "AND" needs a term after it, at character 9: "dân vận AND"' }, nfd);
    assert.equal(problem.position, 9);
    assert.equal(problem.spot.at, 'AND');
    assert.equal(problem.message, 'Sau “AND” cần có từ để tìm.');
  });

  test('limits the parser found, and errors with no place', () => {
    const q = 'a* b* c* d* e* g* h* k* l* m* n*';
    const wildcards = {
      status: 400, code: 'too_many_wildcards', parameter: 'q', position: 30,
      detail: `parameter q: the query has more than 10 wildcards, at character 31: "…h* k* l* m* n*"`,
    };
    assert.match(searchErrorMessage(wildcards, { q }), /^Quá nhiều từ có dấu “\*” \(tối đa 10\)\. Chỗ sai ở ký tự thứ 31/);
    assert.deepEqual(searchErrorParts(wildcards, { q }).filter((p) => p.mark), [{ text: 'n*', mark: true }]);
    const excluded = { status: 400, code: 'only_excluded', parameter: 'q', position: null, detail: 'parameter q: the query has only excluded words' };
    assert.equal(syntaxProblem(excluded, '-tin'), null);
    assert.match(searchErrorMessage(excluded, { q: '-tin' }), /^Từ khóa chỉ có các từ loại trừ/);
    // A bad date names "to", even where q is a word "to".
    const date = { status: 400, code: 'bad_date', parameter: 'to', position: null, detail: 'parameter to = "x": must be a date' };
    assert.ok(!isQueryError(date));
    assert.match(searchErrorMessage(date, { q: 'to' }), /^Khoảng thời gian lọc không hợp lệ/);
  });

  test('a server without codes is still understood from its message', () => {
    const err = { status: 400, code: null, parameter: null, position: null,
      detail: 'parameter q: "(" is never closed, at character 1: "(dân vận AND…"' };
    assert.ok(isQueryError(err));
    assert.deepEqual(searchErrorParts(err, { q: '(dân vận AND tỉnh' }).filter((p) => p.mark), [{ text: '(', mark: true }]);
    assert.ok(!isQueryError({ status: 400, detail: 'parameter from = "2016-13": month must be from 01 to 12' }));
    assert.match(searchErrorMessage({ status: 400, detail: 'page 2000 of size 10 goes past result 10000' }, { q: 'tin' }),
      /^Số trang không hợp lệ/);
  });
});

describe('highlight.js applies the server\'s words (a search answer\'s highlight)', () => {
  const words = (text, highlight) => findMatches(text, serverTerms(highlight)).map(([f, t]) => text.slice(f, t));
  const none = { exact: [], folded: [], exact_prefixes: [], folded_prefixes: [], loose: { exact: [], folded: [] } };

  test('exact words by letters and tone, in any normalization and tone placement', () => {
    const h = { ...none, exact: ['bán', 'hòa'], loose: { exact: ['bán', 'hòa'], folded: ['ban', 'hoa'] } };
    assert.deepEqual(words('Giá BÁN, bạn bàn hoà bình; Hòa', h), ['BÁN', 'hoà', 'Hòa']);
    assert.deepEqual(words('Gia\u0301 ba\u0301n', h), ['ba\u0301n']);
  });

  test('folded words mark every reading', () => {
    assert.deepEqual(words('Bán bạn bàn Ban', { ...none, folded: ['ban'] }), ['Bán', 'bạn', 'bàn', 'Ban']);
  });

  test('wildcard beginnings', () => {
    const h = { ...none, exact: ['công'], folded_prefixes: ['ngh'] };
    assert.deepEqual(words('Công nghệ, công nghiệp và nông nghiệp', h), ['Công', 'nghệ', 'công', 'nghiệp', 'nghiệp']);
    assert.deepEqual(words('Nghệ An, nghề cá', { ...none, exact_prefixes: ['nghệ'] }), ['Nghệ']);
  });

  test('loose: an abbreviation\'s other form when nothing typed is there, never "bạn" for "bán"', () => {
    const ubnd = { ...none, folded: ['ubnd'], loose: { exact: ['dân', 'nhân', 'ủy'], folded: ['ban', 'ubnd'] } };
    assert.deepEqual(words('Ủy ban nhân dân tỉnh họp', ubnd), ['Ủy', 'ban', 'nhân', 'dân']);
    assert.deepEqual(words('UBND tỉnh và ban nhân dân', ubnd), ['UBND']);
    const ban = { ...none, exact: ['bán'], loose: { exact: ['bán'], folded: ['ban'] } };
    assert.deepEqual(words('Bàn giao bàn ghế cho bạn nhỏ', ban), []);
  });

  test('title_only words mark titles, never the body', () => {
    // title:"dân vận" tiêm chủng
    const h = {
      ...none, exact: ['chủng', 'tiêm'], loose: { exact: ['chủng', 'tiêm'], folded: ['chung', 'tiem'] },
      title_only: { exact: ['dân', 'vận'], folded: [], exact_prefixes: [], folded_prefixes: ['ngh'] },
    };
    const text = 'Dân vận khéo: tiêm chủng cho người dân, nghề nông';
    const at = (where) => findMatches(text, serverTerms(h, where)).map(([f, t]) => text.slice(f, t));
    assert.deepEqual(at('title'), ['Dân', 'vận', 'tiêm', 'chủng', 'dân', 'nghề']);
    assert.deepEqual(at('text'), ['tiêm', 'chủng']);
    assert.deepEqual(at(undefined), ['tiêm', 'chủng'], 'the body is the default');
    // A title: query alone marks nothing in the body, not even its loose forms.
    const titleOnly = { ...none, title_only: { ...none, exact: ['dân'] } };
    assert.deepEqual(findMatches('Công tác dân vận', serverTerms(titleOnly, 'text')), []);
    assert.deepEqual(findMatches('Công tác dân vận', serverTerms(titleOnly, 'title')), [[9, 12]]);
  });

  test('a text in parts falls back to loose as a whole, not part by part', () => {
    const ubnd = { ...none, folded: ['ubnd'], loose: { exact: ['ban', 'dân', 'nhân', 'ủy'], folded: ['ubnd'] } };
    const parts = ['Ngày 10/1, UBND huyện tổ chức lễ bàn giao.', 'Dân quân góp ngày công.'];
    const marked = (terms) => parts.flatMap((p) => findMatches(p, terms).map(([f, t]) => p.slice(f, t)));
    assert.deepEqual(marked(serverTerms(ubnd)), ['UBND', 'Dân'], 'part by part, the second falls back');
    assert.deepEqual(marked(termsForWhole(parts.join('\n'), serverTerms(ubnd))), ['UBND']);
    // Nowhere UBND: the full form's words, exact ("ban", not "bàn").
    const other = ['Ủy ban nhân dân huyện', 'lễ bàn giao'];
    const terms = termsForWhole(other.join('\n'), serverTerms(ubnd));
    assert.deepEqual(other.flatMap((p) => findMatches(p, terms).map(([f, t]) => p.slice(f, t))), ['Ủy', 'ban', 'nhân', 'dân']);
    assert.equal(termsForWhole('x', null), null);
  });

  test('the body does not mark "bạn" for "bán" either', () => {
    const ban = { ...none, exact: ['bán'], loose: { exact: ['bán'], folded: ['ban'] } };
    assert.deepEqual(words('Bàn giao bàn ghế cho bạn nhỏ', ban), []);
    assert.deepEqual(findMatches('Giá bán', serverTerms(ban, 'text')), [[4, 7]]);
    assert.equal(fold('Tiêuđề'), 'tieude');
  });

  test('no answer to go on: null, and nothing is marked', () => {
    assert.equal(serverTerms(undefined), null);
    assert.equal(serverTerms({}), null);
    assert.equal(serverTerms(null, 'title'), null);
    assert.deepEqual(findMatches('dân vận', null), []);
  });
});
