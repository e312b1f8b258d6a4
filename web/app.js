// tracuu staff search page: routing, loading and event wiring.
// See route.js for the URL scheme, render.js for the views.

import * as api from './api.js';
import * as view from './render.js';
import { parseLocation, urlFor, sameState } from './route.js';

const PAGE_SIZE = 10;
const DEBOUNCE_MS = 250;
const CACHE_MAX = 30;
const SITE = 'tracuu — Tra cứu kho tin bài';

const form = document.getElementById('search-form');
const input = document.getElementById('q');
const main = document.getElementById('main');
const progress = document.getElementById('progress');
const live = document.getElementById('live');
const footerStats = document.getElementById('footer-stats');

let current = parseLocation(); // the state on screen (or being loaded)
let seq = 0;                   // bumped per load; only the latest load may render
let controller = null;         // aborts the previous in-flight request
let debounceTimer = 0;
// True while the current history entry was created by as-you-type search:
// further keystrokes then replace it instead of piling up one entry per word.
let typingEntry = false;
let documents = NaN;           // archive size from api/health, for the intro

// Search responses by "page\nq": going back from an article is instant and
// does not re-query. Small and per tab; the archive changes rarely.
const cache = new Map();

// We move focus and scroll ourselves after async renders.
if ('scrollRestoration' in history) history.scrollRestoration = 'manual';

// ---------------------------------------------------------------------------
// Navigation

/**
 * Shows `state`, recording it in history (push, or replace).
 * opts.fromTyping: keep the input as typed; opts.backable: the article was
 * opened from the result list just before it, so "back" can use history.back().
 */
function navigate(state, opts = {}) {
  const entry = { ...state, backable: Boolean(opts.backable) };
  if (opts.replace) history.replaceState(entry, '', urlFor(state));
  else history.pushState(entry, '', urlFor(state));
  show(state, opts);
}

function show(state, opts = {}) {
  const previous = current;
  current = state;
  if (!opts.fromTyping) {
    clearTimeout(debounceTimer);
    input.value = state.q;
  }
  controller?.abort();
  controller = new AbortController();
  const token = ++seq;

  if (state.id) loadArticle(state, token, controller.signal);
  else if (state.q) loadResults(state, token, controller.signal, previous, opts);
  else {
    setBusy(false);
    document.title = SITE;
    replaceMain(view.emptyView(documents), 'empty');
    announce('');
  }
}

function replaceMain(content, kind) {
  main.replaceChildren(content);
  main.dataset.view = kind;
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

async function loadResults(state, token, signal, previous, opts) {
  const { q, page } = state;
  document.title = `${q} — ${SITE}`;
  const key = `${page}\n${q}`;
  let data = cache.get(key);
  if (!data) {
    // Keep the old list (dimmed) while typing; otherwise show a placeholder.
    setBusy(true, main.dataset.view === 'results' ? null : 'Đang tìm kiếm…');
    try {
      data = await api.search(q, page, PAGE_SIZE, signal);
    } catch (err) {
      if (err.name === 'AbortError' || token !== seq) return;
      setBusy(false);
      replaceMain(view.errorView('Không thực hiện được tìm kiếm', err.message,
        () => show(current)), 'error');
      return;
    }
    if (token !== seq) return; // a newer request superseded this one
    cache.set(key, data);
    if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value);
  }
  setBusy(false);
  if (!data.total && !data.hits.length) {
    replaceMain(view.noResultsView(q), 'no-results');
    announce(`Không tìm thấy kết quả cho ${q}`);
    return;
  }
  replaceMain(view.resultsView(data, q, page, PAGE_SIZE), 'results');
  announce(view.statsText(data));

  // Focus: back from an article → its link in the list; page change → top.
  if (previous.id && !opts.fromTyping) {
    const link = [...main.querySelectorAll('a[data-id]')].find((a) => a.dataset.id === previous.id);
    if (link) { link.focus(); return; }
  }
  if (opts.focusTop) focusTop(document.getElementById('stats'));
}

async function loadArticle(state, token, signal) {
  setBusy(true, 'Đang tải bài viết…');
  let article;
  try {
    article = await api.getArticle(state.id, signal);
  } catch (err) {
    if (err.name === 'AbortError' || token !== seq) return;
    setBusy(false);
    const frag = document.createDocumentFragment();
    frag.append(view.backLink(state.q, state.page),
      view.errorView(err.status === 404 ? 'Không tìm thấy bài viết' : 'Không tải được bài viết',
        err.message, err.status === 404 ? null : () => show(current)));
    replaceMain(frag, 'error');
    return;
  }
  if (token !== seq) return;
  setBusy(false);
  document.title = `${article.title || 'Bài viết'} — ${SITE}`;
  replaceMain(view.articleView(article, state.q, state.page), 'article');
  // Typing in the header must not steal focus from the input.
  if (document.activeElement !== input) focusTop(document.getElementById('article-title'));
}

function focusTop(target) {
  window.scrollTo(0, 0);
  target?.focus({ preventScroll: true });
}

// ---------------------------------------------------------------------------
// Events

// Results as you type, debounced.
input.addEventListener('input', () => {
  clearTimeout(debounceTimer);
  debounceTimer = setTimeout(() => {
    const next = { q: input.value.trim(), page: 1, id: null };
    if (sameState(next, current)) return;
    navigate(next, { replace: typingEntry, fromTyping: true });
    typingEntry = true;
  }, DEBOUNCE_MS);
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  clearTimeout(debounceTimer);
  const next = { q: input.value.trim(), page: 1, id: null };
  // Same as shown (typing got there first): just run it again, e.g. after an error.
  if (sameState(next, current)) show(next, { fromTyping: true });
  else navigate(next, { replace: false, fromTyping: true });
  typingEntry = false; // the next keystrokes start a new history entry
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
  navigate(next, {
    backable: Boolean(next.id) && !current.id && Boolean(current.q),
    focusTop: !next.id,
  });
});

document.getElementById('home-link').addEventListener('click', (event) => {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  typingEntry = false;
  if (current.q || current.id) navigate({ q: '', page: 1, id: null });
  input.focus();
});

window.addEventListener('popstate', () => {
  typingEntry = false;
  const next = parseLocation();
  // Only the #fragment changed (the skip link, "#main"): nothing to reload,
  // and the browser moves focus to the target itself.
  if (sameState(next, current)) return;
  show(next, { focusTop: true });
});

// "/" anywhere (outside a text field) jumps to the search box.
document.addEventListener('keydown', (event) => {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
  const t = event.target;
  if (t instanceof Element && (t.closest('input, textarea, select') || t.isContentEditable)) return;
  event.preventDefault();
  input.focus();
  input.select();
});

// ---------------------------------------------------------------------------
// Start

history.replaceState({ ...current, backable: Boolean(history.state?.backable) }, '', urlFor(current));
show(current);

api.health().then((h) => {
  if (!Number.isFinite(h.documents)) return;
  documents = h.documents;
  footerStats.textContent = `tracuu — kho hiện có ${new Intl.NumberFormat('vi-VN').format(documents)} tin bài.`;
  if (main.dataset.view === 'empty') replaceMain(view.emptyView(documents), 'empty');
}).catch(() => { /* health is optional decoration */ });
