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
// The query language (README "Query syntax"), as far as highlighting needs
// it: which words are searched in the text, which only in titles (title:),
// and which search no text at all — excluded ones ("-x", "NOT x",
// "KHÔNG (a OR b)") and the values of source:, author: and category:, which
// match the article's metadata, not its words (nguồn:"Sở Y tế" marks nothing).
const OPERATORS = new Set(['AND', 'OR', 'NOT', 'VÀ', 'HOẶC', 'KHÔNG']);
const NEGATIONS = new Set(['NOT', 'KHÔNG']);
const VIETNAMESE_OPERATORS = new Set(['VÀ', 'HOẶC', 'KHÔNG']);
// Field names, compared folded (any case, with or without marks), and the
// field each names: the English four and the Vietnamese one-word names.
const FIELDS = new Map([
  ['title', 'title'], ['tieude', 'title'], ['author', 'author'], ['tacgia', 'author'],
  ['source', 'source'], ['nguon', 'source'], ['category', 'category'], ['chuyenmuc', 'category'],
]);
// Fields whose values match stored metadata whole, not words of the text.
const METADATA_FIELDS = new Set(['source', 'author', 'category']);
// Labels (source, category) an unquoted source:/category: value may run on
// into: `source:Sở Y tế covid` is the source "Sở Y tế" and the word "covid".
const LABEL_FIELDS = new Set(['source', 'category']);
// Quotes and brackets as phones, Word and full-width input type them.
const TYPED_FORMS = [[/[“”„‟＂]/gu, '"'], [/（/gu, '('], [/）/gu, ')'], [/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/gu, ' ']];

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

/** Words, "phrases" and parentheses of a query; `glued`: what follows touches it. */
function tokenize(text) {
  const tokens = [];
  for (let i = 0; i < text.length;) {
    const c = text[i];
    if (/\s/u.test(c)) { i += 1; continue; }
    if (c === '(' || c === ')') {
      tokens.push({ kind: c });
      i += 1;
    } else if (c === '"') {
      const close = text.indexOf('"', i + 1);
      const end = close < 0 ? text.length : close;
      tokens.push({ kind: 'phrase', text: text.slice(i + 1, end) });
      i = end + 1;
    } else {
      let j = i;
      while (j < text.length && !/[\s()"]/u.test(text[j])) j += 1;
      tokens.push({ kind: 'word', text: text.slice(i, j), glued: j < text.length && /[("]/u.test(text[j]) });
      i = j;
    }
  }
  return tokens;
}

/**
 * The words of a query to highlight: {folded: Set, exact: Set} for the text
 * (article bodies), and `title`, the same with the words of title: (for
 * titles). Excluded words are not searched for, nor are the values of
 * source:, author: and category:, so they are not highlighted either.
 * `labels`: sources and categories the results have (their own, or the
 * search's facets), so that an unquoted value runs on as the server reads it.
 */
export function queryTerms(q, labels = []) {
  const text = { folded: new Set(), exact: new Set() };
  const titleOnly = { folded: new Set(), exact: new Set() };
  const knownLabels = new Set(labels.filter((l) => typeof l === 'string' && l.trim()).map((l) => fold(l.trim())));
  let source = String(q || '').normalize('NFC');
  for (const [re, to] of TYPED_FORMS) source = source.replace(re, to);
  const tokens = tokenize(source);
  // A headline pasted in capitals ("NGÀY HỘI KHÔNG TIỀN MẶT": no lower-case
  // letter, a marked word besides the operators): VÀ, HOẶC, KHÔNG are words.
  const capitals = !/\p{Ll}/u.test(source) && tokens.some((t) => (t.kind === 'phrase'
    || (t.kind === 'word' && !OPERATORS.has(t.text))) && hasMarks(t.text.replace(/[đĐ]/gu, '')));
  const isOperator = (word) => OPERATORS.has(word) && !(capitals && VIETNAMESE_OPERATORS.has(word));

  const add = (words, field) => {
    const into = field === 'title' ? titleOnly : text;
    for (const [word] of words.matchAll(WORD)) {
      if (hasMarks(word)) into.exact.add(exactKey(word));
      else into.folded.add(fold(word));
    }
  };
  // The field and exclusion of each open group, and those waiting for the
  // next word, phrase or group ("-", NOT, "title:" glued to what follows).
  const groups = [{ field: null, excluded: false }];
  let pending = { field: null, excluded: false };
  const context = () => {
    const group = groups[groups.length - 1];
    const ctx = { field: pending.field || group.field, excluded: pending.excluded || group.excluded };
    pending = { field: null, excluded: false };
    return ctx;
  };
  const use = (words, ctx) => {
    if (!ctx.excluded && !METADATA_FIELDS.has(ctx.field)) add(words, ctx.field);
  };

  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (token.kind === '(') { groups.push(context()); continue; }
    if (token.kind === ')') { if (groups.length > 1) groups.pop(); continue; }
    if (token.kind === 'phrase') { use(token.text, context()); continue; }
    let word = token.text;
    if (isOperator(word)) {
      if (NEGATIONS.has(word)) pending.excluded = true;
      continue;
    }
    // A sign glued to what follows, not before a digit ("U -23" is a number).
    while (/^[-+][^\d]/u.test(word) || ((word === '-' || word === '+') && token.glued)) {
      if (word[0] === '-') pending.excluded = true;
      word = word.slice(1);
    }
    if (!word) continue;
    const field = /^([^:]+):(.*)$/su.exec(word);
    const name = field && FIELDS.get(fold(field[1]));
    if (name && (field[2] || token.glued)) {
      // A field only glued to what follows: "Nguồn: Báo Chính phủ" is words.
      pending.field = name;
      if (!field[2]) continue;
      word = field[2];
      if (LABEL_FIELDS.has(name) && knownLabels.size) {
        // The longest run of words after it that is a known label.
        let take = 0;
        for (let k = i + 1, run = word; k < tokens.length && tokens[k].kind === 'word'; k += 1) {
          run += ` ${tokens[k].text}`;
          if (knownLabels.has(fold(run))) take = k - i;
        }
        i += take;
      }
    }
    use(word, context());
  }
  for (const set of ['folded', 'exact']) for (const t of text[set]) titleOnly[set].add(t);
  return { ...text, title: titleOnly };
}

/**
 * The server's own words to highlight (the search answer's `highlight`,
 * README "Highlighting"), as findMatches takes them: exact words compared by
 * their letters and tone, folded words folded, wildcard beginnings, and
 * `loose`, the words a text falls back to when these mark nothing in it (an
 * abbreviation's other form: "Ủy ban nhân dân" for UBND). Null when the
 * answer has none (an older server).
 */
export function serverTerms(highlight) {
  if (!highlight || !Array.isArray(highlight.exact) || !Array.isArray(highlight.folded)) return null;
  const list = (a) => (Array.isArray(a) ? a.filter((w) => typeof w === 'string' && w) : []);
  const terms = (exact, folded) => ({
    exact: new Set(list(exact).map(exactKey)),
    folded: new Set(list(folded)),
    exactPrefixes: list(highlight.exact_prefixes).map((w) => w.normalize('NFC').toLowerCase()),
    foldedPrefixes: list(highlight.folded_prefixes),
  });
  const strict = terms(highlight.exact, highlight.folded);
  if (highlight.loose) {
    // Not the folded forms of the words typed with marks: a title has no
    // reason to mark "bạn" for "bán" (a snippet falls back to them because
    // the article may have matched only so; a title is shown for every hit).
    const typed = new Set(list(highlight.exact).map(fold));
    strict.loose = terms(highlight.loose.exact, list(highlight.loose.folded).filter((w) => !typed.has(w)));
  }
  return strict;
}

function isEmpty(terms) {
  return !terms || (!terms.folded.size && !terms.exact.size && !terms.exactPrefixes?.length
    && !terms.foldedPrefixes?.length);
}

function isMatch(word, terms) {
  if (terms.folded.has(fold(word)) || (terms.exact.size && terms.exact.has(exactKey(word)))) return true;
  // Wildcard beginnings (server terms only). An exact one is compared with
  // the word as written, NFC and lower case: "nghệ*" marks "Nghệ", not "nghề".
  if (terms.foldedPrefixes?.length && terms.foldedPrefixes.some((p) => fold(word).startsWith(p))) return true;
  return Boolean(terms.exactPrefixes?.length
    && terms.exactPrefixes.some((p) => word.normalize('NFC').toLowerCase().startsWith(p)));
}

/**
 * Ranges [from, to) of `text` that are query words, sorted; neighbours joined
 * by a little punctuation and no space ("KH&CN", "18-NQ/TW") become one range,
 * so the term reads as one highlight.
 */
export function findMatches(text, terms) {
  if (!text || !terms) return [];
  if (isEmpty(terms)) return terms.loose ? findMatches(text, terms.loose) : [];
  const merged = [];
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    if (!isMatch(word, terms)) continue;
    const range = [m.index, m.index + word.length];
    const last = merged[merged.length - 1];
    if (last && JOINER.test(text.slice(last[1], range[0]))) last[1] = range[1];
    else merged.push(range);
  }
  // Nothing as typed here: the server's fallback, as its snippets do.
  if (!merged.length && terms.loose) return findMatches(text, terms.loose);
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
