// Client-side highlighting of query words in an article body.
//
// Matching is case- and accent-insensitive, like the search itself: both sides
// are "folded" (NFD, combining marks removed, đ → d, lower case), so the query
// "cong tac" highlights "Công tác". Folding can change string lengths, so we
// keep, for every folded code unit, the index of the original character it came
// from, and map match ranges back to the original text.

const MARKS = /\p{M}+/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const JOINER = /^[^\s\p{L}\p{N}]{1,2}$/u;

function foldChar(ch) {
  return ch.normalize('NFD').replace(MARKS, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

/** Folds a whole string (used for the query). */
export function fold(s) {
  return foldChar(s);
}

/** The distinct folded words of a query ("KH&CN" → ["kh", "cn"]). */
export function queryTerms(q) {
  const words = fold(q || '').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return [...new Set(words)];
}

/**
 * Folds `text` character by character.
 * Returns {folded, start, end}: folded code unit i comes from original
 * text.slice(start[i], end[i]).
 */
function foldWithMap(text) {
  let folded = '';
  const start = [];
  const end = [];
  let i = 0;
  for (const ch of text) { // iterates code points, not UTF-16 units
    const f = foldChar(ch);
    // A lone combining mark (text not in NFC) folds to nothing: attach it to
    // the previous character so a highlight keeps the whole accented letter.
    if (!f && end.length) end[end.length - 1] = i + ch.length;
    for (let k = 0; k < f.length; k++) {
      start.push(i);
      end.push(i + ch.length);
    }
    folded += f;
    i += ch.length;
  }
  return { folded, start, end };
}

/**
 * Ranges [from, to) of `text` matching any of the folded `terms` as whole
 * words, sorted and merged.
 */
export function findMatches(text, terms) {
  if (!terms.length || !text) return [];
  const { folded, start, end } = foldWithMap(text);
  const ranges = [];
  for (const term of terms) {
    let pos = folded.indexOf(term);
    while (pos !== -1) {
      const after = pos + term.length;
      // Whole words only, so "an" does not light up inside "ban".
      const okBefore = pos === 0 || !WORD_CHAR.test(folded[pos - 1]);
      const okAfter = after >= folded.length || !WORD_CHAR.test(folded[after]);
      if (okBefore && okAfter) ranges.push([start[pos], end[after - 1]]);
      pos = folded.indexOf(term, pos + 1);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    // Merge overlaps, and matches joined by a little punctuation with no
    // space ("KH&CN", "18-NQ/TW") so the term reads as one highlight.
    if (last && (r[0] <= last[1] || JOINER.test(text.slice(last[1], r[0])))) {
      last[1] = Math.max(last[1], r[1]);
    } else {
      merged.push([r[0], r[1]]);
    }
  }
  return merged;
}

/**
 * Appends `text` to `parent` as text nodes, wrapping matches of `terms` in
 * <mark>. Never parses HTML, so the article body cannot inject markup.
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
