// Unit tests of web/highlight.js (which query words the page marks) and of
// the syntax-error part of web/errors.js (where in the query the mistake is),
// no browser needed: both modules import nothing.
// Run alone: node --test tests/e2e/highlight.test.mjs

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

const load = async (file) => {
  const source = readFileSync(new URL(`../../web/${file}`, import.meta.url), 'utf8');
  return import(`data:text/javascript;charset=utf-8,${encodeURIComponent(source)}`);
};
const { findMatches, fold, queryTerms, serverTerms } = await load('highlight.js');
const { isQueryError, querySpot, searchErrorMessage, searchErrorParts, searchErrorTitle, syntaxProblem } =
  await load('errors.js');

/** The words `q` marks in `text` (title: words only where `where` is 'title'). */
function marked(q, text, { labels = [], where = 'body' } = {}) {
  const terms = queryTerms(q, labels);
  return findMatches(text, where === 'title' ? terms.title : terms).map(([from, to]) => text.slice(from, to));
}

const BODY = 'Sở Y tế tỉnh tiếp nhận lô vắc xin đầu tiên; Nguồn: Báo Chính phủ. '
  + 'Tác giả Nguyễn Minh, chuyên mục Y tế. Tiêu đề bài: dân vận khéo, không dùng tiền mặt.';

describe('highlight.js reads the query language', () => {
  test('source:, author:, category: values mark nothing, in either language', () => {
    for (const q of ['nguồn:"Sở Y tế"', 'source:"Sở Y tế"', 'nguon:"so y te"', 'NGUỒN:“Sở Y tế”',
      'chuyênmục:"Y tế"', 'category:("Y tế" OR "dân vận")', 'tácgiả:"Nguyễn Minh"', 'author:nguyen',
      'tacgia:(minh OR nguyen)', 'Nguồn:＂Sở Y tế＂']) {
      assert.deepEqual(marked(q, BODY), [], q);
    }
  });

  test('beside a filter, the other words are marked, and the field name never', () => {
    assert.deepEqual(marked('nguồn:"Sở Y tế" vắc xin', BODY), ['vắc', 'xin']);
    assert.deepEqual(marked('tácgiả:minh nguồn:"Sở Y tế" tiền', BODY), ['tiền']);
    // "nguồn", "tiêu đề", "tác giả" as words in the text stay unmarked: the field names are no words.
    assert.deepEqual(marked('tiêuđề:"dân vận"', BODY, { where: 'title' }), ['dân', 'vận']);
    assert.deepEqual(marked('TIEUDE:dan tacgia:minh', BODY, { where: 'title' }), ['dân']);
  });

  test('title: words mark titles, not the body', () => {
    assert.deepEqual(marked('tiêuđề:"dân vận" tiền', BODY), ['tiền']);
    assert.deepEqual(marked('title:(dân OR vận) tiền', BODY, { where: 'title' }), ['dân', 'vận', 'tiền']);
    const terms = queryTerms('title:khoa');
    assert.equal(terms.folded.size + terms.exact.size, 0);
    assert.ok(terms.title.folded.has('khoa'));
    assert.ok(!terms.title.folded.has('title'));
  });

  test('a field name with a space after it is words, as the server reads it', () => {
    assert.deepEqual(marked('Nguồn: Báo Chính phủ', BODY), ['Nguồn', 'Báo', 'Chính', 'phủ']);
  });

  test('an unquoted source value runs on as far as a known source', () => {
    // The server takes "Sở Y tế" whole when the archive has that source.
    assert.deepEqual(marked('nguồn:Sở Y tế vắc xin', BODY, { labels: ['Sở Y tế', 'Y tế'] }), ['vắc', 'xin']);
    assert.deepEqual(marked('chuyenmuc:y te tiền', BODY, { labels: ['Y tế'] }), ['tiền']);
    // Without the archive's sources at hand, only the first word is the value.
    assert.deepEqual(marked('nguồn:Sở Y tế', BODY), ['Y', 'tế', 'Y', 'tế']);
  });

  test('excluded words are not marked, and operators are no words', () => {
    assert.deepEqual(marked('vắc xin -"Sở Y tế"', BODY), ['vắc', 'xin']);
    assert.deepEqual(marked('dân vận KHÔNG tiền', BODY), ['dân', 'vận']);
    assert.deepEqual(marked('(dân OR vận) AND NOT (tiền OR mặt)', BODY), ['dân', 'vận']);
    assert.deepEqual(marked('-nguồn:"Sở Y tế" tiền', BODY), ['tiền']);
    // A sign before a digit is part of the number.
    assert.deepEqual(marked('lô -1', 'lô 1 và 2'), ['lô', '1']);
  });

  test('a headline in capitals keeps VÀ, HOẶC, KHÔNG as words', () => {
    assert.deepEqual(marked('KHÔNG DÙNG TIỀN MẶT', BODY), ['không', 'dùng', 'tiền', 'mặt']);
    // No marked word beside them: KHÔNG is an operator again.
    assert.deepEqual(marked('UBND KHÔNG HDND', 'UBND và HDND'), ['UBND']);
  });

  test('accent-aware as before', () => {
    assert.deepEqual(marked('ban', 'bán bạn bàn bản'), ['bán', 'bạn', 'bàn', 'bản']);
    assert.deepEqual(marked('bán', 'bán bạn bàn'), ['bán']);
    assert.equal(fold('Tiêuđề'), 'tieude');
  });
});

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

  test('no answer to go on: null, and the page reads the query itself', () => {
    assert.equal(serverTerms(undefined), null);
    assert.equal(serverTerms({}), null);
  });
});
