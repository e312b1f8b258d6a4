// Client-side highlighting of query words in titles and article bodies,
// accent-aware like the server's snippets (DESIGN.md, rule 5):
//   - a word typed WITHOUT marks ("ban") matches every accented form of it:
//     bán, bạn, bàn, bản, Ban (compared folded: marks removed, đ → d, lower case);
//   - a word typed WITH marks ("bán") matches only that word: not bạn or bàn
//     (compared by its letters and tone, so the old and new tone placements
//     "hoà"/"hòa" and NFC/NFD text still match, and case does not matter).
// Matches are whole words, so "an" does not light up inside "ban".

const MARKS = /\p{M}/gu;
// The five tone marks (huyền, sắc, ngã, hỏi, nặng) as combining characters.
// Vowel marks (â ê ô ă ơ ư) are kept: they make different letters.
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/gu;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
const JOINER = /^[^\s\p{L}\p{N}]{1,2}$/u;
// Query syntax (README "Query syntax") that names no words to mark in the
// text: excluded parts ("-x", "NOT x", "KHÔNG (a OR b)"), whole-value fields
// (source:"Sở Y tế", category:…), then the operators themselves.
const ARG = String.raw`(?:"[^"]*"?|\([^)]*\)?|\S+)`;
const EXCLUDED = new RegExp(String.raw`(^|[\s(])(?:-|(?:NOT|KHÔNG)\s+)${ARG}`, 'gu');
const WHOLE_VALUE = new RegExp(String.raw`(^|[\s(])(?:source|category):${ARG}`, 'giu');
const OPERATORS = new Set(['AND', 'OR', 'NOT', 'VÀ', 'HOẶC', 'KHÔNG']);
// Word fields keep their words: "title:khoa" marks "khoa".
const FIELD_PREFIX = /^(title|author|body):/i;

/** Lower case without any marks, đ → d: "Dân vận" → "dan van". */
export function fold(s) {
  return s.normalize('NFD').replace(MARKS, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

/** Letters (with vowel marks) and tone of a word, wherever the tone sits. */
function exactKey(word) {
  const nfd = word.normalize('NFD').toLowerCase();
  const tones = nfd.match(TONES) || [];
  return `${nfd.replace(TONES, '').normalize('NFC')}|${tones.join('')}`;
}

function hasMarks(word) {
  return /\p{M}|[đĐ]/u.test(word.normalize('NFD'));
}

/**
 * The words of a query to highlight: {folded: Set, exact: Set}. Excluded
 * words are not searched for, so they are not highlighted either.
 */
export function queryTerms(q) {
  const terms = { folded: new Set(), exact: new Set() };
  const text = String(q || '').normalize('NFC').replace(EXCLUDED, '$1').replace(WHOLE_VALUE, '$1');
  for (let token of text.split(/\s+/)) {
    if (OPERATORS.has(token)) continue;
    token = token.replace(/^[+"(]+/, '');
    if (!token) continue;
    for (const [word] of token.replace(FIELD_PREFIX, '').matchAll(WORD)) {
      if (hasMarks(word)) terms.exact.add(exactKey(word));
      else terms.folded.add(fold(word));
    }
  }
  return terms;
}

function isEmpty(terms) {
  return !terms || (!terms.folded.size && !terms.exact.size);
}

/**
 * Ranges [from, to) of `text` that are query words, sorted; neighbours joined
 * by a little punctuation and no space ("KH&CN", "18-NQ/TW") become one range,
 * so the term reads as one highlight.
 */
export function findMatches(text, terms) {
  if (isEmpty(terms) || !text) return [];
  const merged = [];
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    const hit = terms.folded.has(fold(word)) || (terms.exact.size && terms.exact.has(exactKey(word)));
    if (!hit) continue;
    const range = [m.index, m.index + word.length];
    const last = merged[merged.length - 1];
    if (last && JOINER.test(text.slice(last[1], range[0]))) last[1] = range[1];
    else merged.push(range);
  }
  return merged;
}

/**
 * Appends `text` to `parent` as text nodes, wrapping matches of `terms` (from
 * queryTerms) in <mark>. Never parses HTML, so the text cannot inject markup.
 */
export function appendHighlighted(parent, text, terms) {
  let at = 0;
  for (const [from, to] of findMatches(text, terms)) {
    if (from > at) parent.append(text.slice(at, from));
    const mark = document.createElement('mark');
    mark.textContent = text.slice(from, to);
    parent.append(mark);
    at = to;
  }
  if (at < text.length) parent.append(text.slice(at));
}
