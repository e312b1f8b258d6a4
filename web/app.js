// tracuu staff search page: routing, loading and event wiring.
// See route.js for the URL scheme, render.js / article.js / filters.js for
// the views, errors.js for what the user is told when something fails.

import * as api from './api.js';
import * as view from './render.js';
import { articleView, backLink, fillRelated } from './article.js';
import {
  articleErrorMessage, isQueryError, searchErrorParts, searchErrorTitle,
} from './errors.js';
import { createFilters } from './filters.js';
import { createSuggest } from './suggest.js';
import { hasFilters, parseLocation, sameState, searchOf, urlFor } from './route.js';

const PAGE_SIZE = 10;
const RELATED_SIZE = 5;
const DEBOUNCE_MS = 250;
const CACHE_MAX = 30;
const SITE = 'tracuu — Tra cứu kho tin bài';
// A 503's Retry-After is waited out once, by itself, if it is this short (s).
const AUTO_RETRY_MAX_S = 10;

const form = document.getElementById('search-form');
const input = document.getElementById('q');
const main = document.getElementById('main');
const layout = document.getElementById('layout');
const progress = document.getElementById('progress');
const live = document.getElementById('live');
const footerStats = document.getElementById('footer-stats');
const queryError = document.getElementById('q-error');

let current = parseLocation(); // the state on screen (or being loaded)
let seq = 0;                   // bumped per load; only the latest load may render
let controller = null;         // aborts the previous in-flight request
let debounceTimer = 0;
let retryTimer = 0;            // the one automatic retry after a 503
let composing = false;         // an input method (Telex, VNI) is composing a syllable in the box
// True while the current history entry was created by as-you-type search:
// further keystrokes then replace it instead of piling up one entry per word.
let typingEntry = false;
let documents = NaN;           // archive size from api/health, for the intro
// A control in <main> (the sort menu) that started a navigation: it is drawn
// again with the results, and gets the focus back.
let focusAfterRender = null;

// Search responses by their URL: going back from an article is instant and
// does not re-query. Small and per tab; the archive changes rarely.
const cache = new Map();

const filters = createFilters(document.getElementById('filters'), (changes, focusKey) => {
  typingEntry = false;
  navigate({ ...searchOf(current), ...changes, page: 1 }, { focusKey });
});

// A chosen suggestion is searched exactly as if typed and submitted.
const suggestions = createSuggest(input, document.getElementById('q-suggestions'), (text) => {
  input.value = text;
  form.requestSubmit();
});

// We move focus and scroll ourselves after async renders.
if ('scrollRestoration' in history) history.scrollRestoration = 'manual';

// ---------------------------------------------------------------------------
// Navigation

/**
 * Shows `state`, recording it in history (push, or replace).
 * opts.fromTyping: keep the input as typed; opts.backable: the article was
 * opened from the result list just before it, so "back" can use history.back();
 * opts.focusKey: data-focus-key of the control to refocus after rendering.
 */
function navigate(state, opts = {}) {
  const entry = { backable: Boolean(opts.backable) };
  if (opts.replace) history.replaceState(entry, '', urlFor(state));
  else history.pushState(entry, '', urlFor(state));
  show(state, opts);
}

function show(state, opts = {}) {
  const previous = current;
  current = state;
  focusAfterRender = opts.focusKey || null;
  if (!opts.fromTyping) {
    clearTimeout(debounceTimer);
    input.value = state.q;
    suggestions.close(); // they completed the text just replaced
  }
  controller?.abort();
  controller = new AbortController();
  clearTimeout(retryTimer);
  const token = ++seq;

  if (state.id) loadArticle(state, token, controller.signal);
  else if (state.q) loadResults(state, token, controller.signal, previous, opts);
  else {
    setBusy(false);
    document.title = SITE;
    showFilters(null);
    replaceMain(view.emptyView(documents), 'empty');
    markQueryError(null);
    announce('');
  }
}

function replaceMain(content, kind) {
  main.replaceChildren(content);
  main.dataset.view = kind;
}

function showFilters(s, data) {
  if (s && data) filters.update(s, data);
  else filters.hide();
  layout.classList.toggle('with-filters', filters.visible);
}

/** Loading state: aria-busy, the header progress bar, old content dimmed. */
function setBusy(busy, placeholder) {
  main.setAttribute('aria-busy', String(busy));
  progress.hidden = !busy;
  main.classList.toggle('is-loading', busy && !placeholder);
  if (busy && placeholder) replaceMain(view.loadingView(placeholder), 'loading');
}

let announceTimer = 0;
function announce(text) {
  // Same text twice would not be re-read; clearing first makes it re-announce.
  clearTimeout(announceTimer);
  live.textContent = '';
  if (text) announceTimer = setTimeout(() => { live.textContent = text; }, 50);
}

function refocus() {
  const key = focusAfterRender;
  focusAfterRender = null;
  if (!key || (document.activeElement && document.activeElement !== document.body)) return false;
  const target = [...document.querySelectorAll('[data-focus-key]')].find((e) => e.dataset.focusKey === key);
  target?.focus();
  return Boolean(target);
}

async function loadResults(state, token, signal, previous, opts) {
  document.title = `${state.q} — ${SITE}`;
  let data = cache.get(urlFor(searchOf(state)));
  if (!data) {
    // Keep the old list (dimmed) while typing or filtering; otherwise a placeholder.
    const keep = main.dataset.view === 'results' || main.dataset.view === 'no-results';
    setBusy(true, keep ? null : 'Đang tìm kiếm…');
    try {
      data = await fetchSearch(searchOf(state), signal);
    } catch (err) {
      if (err.name === 'AbortError' || token !== seq) return;
      setBusy(false);
      console.warn('tracuu: search failed:', err.status, err.detail);
      showSearchError(state, err, token, opts);
      return;
    }
    if (token !== seq) return; // a newer request superseded this one
  }
  markQueryError(null);
  if (!data.total && !data.hits.length) {
    // Nothing found, but the server suggests a query that finds something
    // (a misspelling; Telex keys typed with the input method off the server
    // reads itself): its results are shown at once, as search engines do,
    // and said so. The
    // query typed stays in the box and the address; the page's links lead
    // on with the suggestion.
    const instead = await suggestionResults(state, data, signal);
    if (token !== seq) return;
    if (instead) {
      setBusy(false);
      replaceMain(view.resultsView(instead.data, instead.state, PAGE_SIZE, state.q), 'results');
      showFilters(instead.state, instead.data);
      announce(`Không tìm thấy kết quả cho ${state.q}. Đang hiển thị kết quả cho ${instead.state.q}: `
        + view.statsText(instead.data));
      if (!refocus() && opts.focusTop) focusTop(document.getElementById('stats'));
      return;
    }
    setBusy(false);
    replaceMain(view.noResultsView(state, data), 'no-results');
    // Nothing found and no filter on: the panel could only narrow nothing
    // (an empty panel beside "no results" puzzles), so it goes, unless it
    // is in use right now (emptying the last date field keeps its focus).
    const inPanel = document.getElementById('filters').contains(document.activeElement);
    showFilters(hasFilters(state) || inPanel ? state : null, data);
    refocus();
    announce(`Không tìm thấy kết quả cho ${state.q}`);
    return;
  }
  setBusy(false);
  replaceMain(view.resultsView(data, state, PAGE_SIZE), 'results');
  showFilters(state, data);
  // As #stats reads: on another page the count alone would sound like nothing happened.
  announce(view.statsText(data) + (state.page > 1 ? ` — trang ${state.page}` : ''));
  if (refocus()) return;

  // Focus: back from an article → its link in the list; page change → top.
  if (previous.id && !opts.fromTyping) {
    const link = [...main.querySelectorAll('a[data-id]')].find((a) => a.dataset.id === previous.id);
    if (link) { link.focus(); return; }
  }
  if (opts.focusTop) focusTop(document.getElementById('stats'));
}

/**
 * The search of the server's suggestion for `state`, whose answer `data` found
 * nothing, and its answer, when it finds something; else null (no
 * suggestion, nothing found either, or it failed: the "nothing found" page
 * still offers the suggestion as a link).
 */
async function suggestionResults(state, data, signal) {
  const suggestion = typeof data.suggestion === 'string' ? data.suggestion.trim() : '';
  if (!suggestion || suggestion === state.q) return null;
  const instead = { ...state, q: suggestion };
  try {
    const answer = cache.get(urlFor(searchOf(instead))) || await fetchSearch(searchOf(instead), signal);
    return answer.total || answer.hits.length ? { state: instead, data: answer } : null;
  } catch (err) {
    if (err.name !== 'AbortError') console.warn('tracuu: search of the suggestion failed:', err.status, err.detail);
    return null;
  }
}

/**
 * Tells why the search of `state` failed. The filter panel stays as it was:
 * the fix may be to change a filter. A query the server refused (a syntax
 * error, say) marks the search box invalid; while it is being typed
 * ("(UBND OR" on the way to "(UBND OR HĐND)") the message goes under the box
 * and the last results stay, rather than an alert at every pause. A busy
 * server (503) that says when to come back is asked again then, once.
 */
function showSearchError(state, err, token, opts) {
  const parts = searchErrorParts(err, state);
  const message = parts.map((part) => part.text).join('');
  const title = searchErrorTitle(err, state);
  const queryAtFault = isQueryError(err);
  if (queryAtFault && opts.asYouType
      && (main.dataset.view === 'results' || main.dataset.view === 'no-results')) {
    markQueryError(messageNode(parts));
    announce(message);
    return;
  }
  const wait = Math.max(1, err.retryAfter);
  const autoRetry = err.status === 503 && wait <= AUTO_RETRY_MAX_S && !opts.retried;
  const text = autoRetry ? `${message} Tự động thử lại sau ${wait} giây…` : messageNode(parts);
  // Typed, not asked for: said politely, not as an alert at each pause.
  replaceMain(view.errorView(title, text, err.detail, queryAtFault ? null : () => show(current),
    { alert: !opts.asYouType }), 'error');
  markQueryError(queryAtFault ? main.querySelector('.error-message') : null);
  announce(title);
  if (autoRetry) {
    // Not while anything else was asked for meanwhile; the box is left as typed.
    retryTimer = setTimeout(() => {
      if (token === seq) show(current, { fromTyping: true, retried: true });
    }, wait * 1000);
  }
}

/**
 * A message from searchErrorParts as nodes: the place of a syntax error in
 * the query, where known, in a <mark> (read out as "đánh dấu" by screen
 * readers that announce marks; its text is the query's own either way).
 */
function messageNode(parts) {
  const frag = document.createDocumentFragment();
  for (const part of parts) {
    frag.append(part.mark ? view.syntaxMark(part.text) : part.text);
  }
  return frag;
}

/**
 * Marks the search box as holding a query the server refused, described by
 * `problem`: a message (a DocumentFragment, shown under the box) or the
 * element in <main> that already says it; null clears the mark.
 */
function markQueryError(problem) {
  const inline = problem instanceof DocumentFragment;
  queryError.replaceChildren(...(inline ? [problem] : []));
  queryError.hidden = !inline;
  if (problem instanceof Element) problem.id = 'search-error-message';
  if (problem) {
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', inline ? 'q-error search-hint' : 'search-error-message search-hint');
  } else {
    input.removeAttribute('aria-invalid');
    input.setAttribute('aria-describedby', 'search-hint');
  }
}

/** Asks for the search `s` (a search state, no id) and keeps its answer. */
async function fetchSearch(s, signal) {
  const data = await api.searchWithFacets(s, PAGE_SIZE, signal);
  if (!Array.isArray(data.hits)) data.hits = [];
  cache.set(urlFor(s), data);
  if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value);
  return data;
}

async function loadArticle(state, token, signal) {
  markQueryError(null);
  setBusy(true, 'Đang tải bài viết…');
  showFilters(null);
  // The words to mark are the server's, from the answer to the search the
  // article was opened from: the page's own when it has it, otherwise (a
  // shared link, a reload) asked for beside the article, which "back" then
  // shows at once. Without it the article is shown unmarked.
  const search = searchOf(state);
  const searched = !state.q ? null : cache.get(urlFor(search)) || fetchSearch(search, signal).catch((err) => {
    if (err.name !== 'AbortError') console.info('tracuu: no words to mark:', err.status, err.detail);
    return null;
  });
  let article;
  try {
    article = await api.getArticle(state.id, signal);
  } catch (err) {
    if (err.name === 'AbortError' || token !== seq) return;
    setBusy(false);
    console.warn('tracuu: article failed:', err.status, err.detail);
    const frag = document.createDocumentFragment();
    frag.append(backLink(state),
      view.errorView(err.status === 404 ? 'Không tìm thấy bài viết' : 'Không tải được bài viết',
        articleErrorMessage(err), err.detail, err.status === 404 ? null : () => show(current)));
    replaceMain(frag, 'error');
    return;
  }
  const answer = await searched;
  if (token !== seq) return;
  setBusy(false);
  document.title = `${article.title || 'Bài viết'} — ${SITE}`;
  replaceMain(articleView(article, state, answer?.highlight), 'article');
  // Typing in the header must not steal focus from the input.
  if (document.activeElement !== input) focusTop(document.getElementById('article-title'));
  loadRelated(state, token, signal);
}

/** Related articles are extra: any failure just leaves the section hidden. */
async function loadRelated(state, token, signal) {
  try {
    const data = await api.getRelated(state.id, RELATED_SIZE, signal);
    if (token === seq) fillRelated(main, data, state);
  } catch (err) {
    if (err.name !== 'AbortError') console.info('tracuu: no related articles:', err.status, err.detail);
  }
}

function focusTop(target) {
  window.scrollTo(0, 0);
  target?.focus({ preventScroll: true });
}

// ---------------------------------------------------------------------------
// Events

/** The state the search box asks for: its text, the current filters, page 1. */
function typedState() {
  return { ...searchOf(current), q: input.value.trim(), page: 1 };
}

// Results as you type, debounced. Not while an input method composes a
// syllable (Telex "vaanj" shows "v", "va", "vâ", "vân" before "vận"): the
// box holds half a word then; compositionend brings the whole one (Chromium
// sends no input event after it).
function typedSoon() {
  clearTimeout(debounceTimer);
  if (composing) return;
  debounceTimer = setTimeout(() => {
    if (composing) return;
    const next = typedState();
    if (sameState(next, current)) return;
    navigate(next, { replace: typingEntry, fromTyping: true, asYouType: true });
    typingEntry = true;
  }, DEBOUNCE_MS);
}
input.addEventListener('input', (event) => {
  if (!event.isComposing) typedSoon();
});
input.addEventListener('compositionstart', () => {
  composing = true;
  clearTimeout(debounceTimer);
});
input.addEventListener('compositionend', () => {
  composing = false;
  typedSoon();
});
// The Enter that ends a composition only commits the syllable; it must not
// submit the form as well. Safari sends it after compositionend, known only
// by keyCode 229; Chromium would submit such a keydown.
input.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.isComposing || event.keyCode === 229)) event.preventDefault();
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  clearTimeout(debounceTimer);
  const next = typedState();
  // Same as shown (typing got there first): just run it again, e.g. after an error.
  if (sameState(next, current)) show(next, { fromTyping: true });
  else navigate(next, { replace: false, fromTyping: true });
  typingEntry = false; // the next keystrokes start a new history entry
});

// The sort menu is drawn with the results; it changes the state like a link.
main.addEventListener('change', (event) => {
  if (event.target.id !== 'sort') return;
  typingEntry = false;
  navigate({ ...searchOf(current), sort: event.target.value, page: 1 }, { focusKey: 'sort' });
});

// In-page links ([data-route]) navigate without reloading. Modified clicks
// (new tab/window) fall through to the browser: the hrefs are real URLs.
document.addEventListener('click', (event) => {
  const link = event.target.closest?.('a[data-route]');
  if (!link || event.button !== 0 || event.metaKey || event.ctrlKey
      || event.shiftKey || event.altKey) return;
  event.preventDefault();
  typingEntry = false;
  const next = parseLocation(new URL(link.href).search);

  if (link.id === 'back-link' && history.state?.backable) {
    history.back(); // the previous entry is exactly these results
    return;
  }
  if (sameState(next, current)) return;
  const inFilters = Boolean(link.closest('#filters'));
  navigate(next, {
    backable: Boolean(next.id) && !current.id && Boolean(current.q),
    // Year picks in the filter panel keep the focus there; other links
    // start reading at the top of what they lead to.
    focusTop: !next.id && !inFilters,
    focusKey: link.dataset.focusKey,
  });
});

document.getElementById('home-link').addEventListener('click', (event) => {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  typingEntry = false;
  if (current.q || current.id) navigate(parseLocation(''));
  input.focus();
});

window.addEventListener('popstate', () => {
  typingEntry = false;
  const next = parseLocation();
  // Only the #fragment changed (the skip link, "#main", "#filters"): nothing
  // to reload, and the browser moves focus to the target itself.
  if (sameState(next, current)) return;
  show(next, { focusTop: true });
});

/** Where "/" is a character being typed: text fields, menus, editable content. */
function isTextEntry(t) {
  if (!(t instanceof Element)) return false;
  if (t.isContentEditable || t.closest('textarea, select')) return true;
  const field = t.closest('input');
  return Boolean(field) && !NOT_TYPED.has(field.type);
}
const NOT_TYPED = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

// "/" anywhere (outside a text field) jumps to the search box.
document.addEventListener('keydown', (event) => {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
  if (isTextEntry(event.target)) return;
  event.preventDefault();
  input.focus();
  input.select();
});

// ---------------------------------------------------------------------------
// Start

history.replaceState({ backable: Boolean(history.state?.backable) }, '', urlFor(current));
show(current);

api.health().then((h) => {
  if (!Number.isFinite(h.documents)) return;
  documents = h.documents;
  footerStats.textContent = `tracuu — kho hiện có ${new Intl.NumberFormat('vi-VN').format(documents)} tin bài.`;
  if (main.dataset.view === 'empty') replaceMain(view.emptyView(documents), 'empty');
}).catch(() => { /* health is optional decoration */ });
