// Shared helpers for the tracuu web UI end-to-end tests.
//
// run.sh starts tracuu-server on the sample corpus and passes, in the
// environment:
//   TRACUU_E2E_URL          http://127.0.0.1:PORT/  (the server under test)
//   TRACUU_E2E_SCREENSHOTS  directory for <test-name>.png
//   TRACUU_E2E_CHROMIUM     the browser (default /usr/bin/chromium)
//
// Each test starts on a new document (see takePage for what is shared between
// tests), fails on any console error or uncaught page error, fails on any
// request to a host other than 127.0.0.1, and always leaves a full-page
// screenshot behind, also when it fails.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';

export const BASE = process.env.TRACUU_E2E_URL;
const SHOTS = process.env.TRACUU_E2E_SCREENSHOTS;
const CHROMIUM = process.env.TRACUU_E2E_CHROMIUM || '/usr/bin/chromium';

if (!BASE || !SHOTS) {
  throw new Error('TRACUU_E2E_URL and TRACUU_E2E_SCREENSHOTS must be set: run tests/e2e/run.sh');
}
mkdirSync(SHOTS, { recursive: true });

export const DESKTOP = { width: 1280, height: 900 };
// The narrowest common Android phone (many are 360 px wide; iPhones 375-430).
export const MOBILE = { width: 360, height: 740 };

// The flags the machine needs: no sandbox as root, no GPU, and nothing that
// phones home (the network is closed; those connections only slow startup).
// Playwright itself starts the browser with a new empty --user-data-dir in
// $TMPDIR (run.sh points TMPDIR into its own temp dir) and deletes it on close;
// it refuses a --user-data-dir in `args` for a non-persistent launch.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const RELATED_URL = /\/api\/articles\/[^?]+\/related(\?|$)/;

let browser = null;

before(async () => {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    chromiumSandbox: false,
    args: CHROMIUM_ARGS,
    timeout: 30_000,
  });
});

after(async () => {
  await browser?.close();
});

/** "Open an article, go back" → "open-an-article-go-back". */
export function slug(name) {
  return name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/**
 * A fresh browser context that records problems into `recorder.problems`:
 * console errors, uncaught exceptions and requests leaving 127.0.0.1.
 * `recorder.allowConsole` lists regular expressions of console errors a test
 * expects (e.g. a 400 it provokes). The recorder object is swapped per test
 * when a context is reused.
 */
async function newRecordedContext(options, recorder) {
  const context = await browser.newContext({
    baseURL: BASE,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: DESKTOP,
    ...options,
  });
  context.recorder = recorder;
  context.setDefaultTimeout(10_000);
  const problem = (text) => context.recorder.problems.push(text);
  context.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (context.recorder.allowConsole.some((re) => re.test(text))) return;
    // Chromium logs any 4xx fetch as a console error. The page asks for
    // related articles after each article and hides the section on a 404
    // (servers without the route); the related tests check the list itself.
    if (RELATED_URL.test(msg.location().url) && /status of 404/.test(text)) return;
    problem(`console error: ${text} (${msg.location().url})`);
  });
  context.on('weberror', (err) => problem(`page error: ${err.error().message}`));
  context.on('request', (req) => {
    const url = new URL(req.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (url.hostname !== '127.0.0.1') problem(`request to another host: ${req.method()} ${req.url()}`);
  });
  return context;
}

// One context and page per set of options, reused by the next test with the
// same options: a new page costs a renderer process (a second or more on a
// busy 2-core machine), and every test starts with page.goto, i.e. a new
// document with fresh script state (the page keeps nothing in storage or
// cookies). A test that fails throws its page away.
const reusable = new Map();

async function takePage(options, recorder) {
  const key = JSON.stringify(options);
  const kept = reusable.get(key);
  reusable.delete(key);
  if (kept && !kept.page.isClosed()) {
    kept.context.recorder = recorder;
    return kept;
  }
  await kept?.context.close().catch(() => {});
  const context = await newRecordedContext(options, recorder);
  return { key, context, page: await context.newPage() };
}

async function givePage(kept) {
  // Leave nothing of this test behind: routes, page listeners, the document.
  try {
    await kept.page.unrouteAll({ behavior: 'ignoreErrors' });
    kept.page.removeAllListeners('request');
    await kept.page.goto('about:blank');
  } catch {
    await kept.context.close().catch(() => {});
    return;
  }
  const old = reusable.get(kept.key);
  reusable.set(kept.key, kept);
  await old?.context.close().catch(() => {});
}

after(async () => {
  for (const { context } of reusable.values()) await context.close().catch(() => {});
  reusable.clear();
});

/**
 * Declares a browser test. fn({page, context, newContext, setShotPage})
 * drives the page; newContext(options) opens another fresh, recorded context
 * (a "new visitor"), closed with the test; setShotPage(p) picks the page whose
 * screenshot is saved (default: `page`). The screenshot is
 * $TRACUU_E2E_SCREENSHOTS/<slug of the name>.png, taken also when the test fails.
 */
export function uiTest(name, fn, {
  viewport = DESKTOP, contextOptions = {}, allowConsole = [], skip = false,
} = {}) {
  // skip: a reason string marks the test skipped (node:test prints it).
  test(name, { timeout: 45_000, skip }, async () => {
    const recorder = { problems: [], allowConsole };
    const extra = [];
    const newContext = async (options = {}) => {
      const c = await newRecordedContext(options, recorder);
      extra.push(c);
      return c;
    };
    const kept = await takePage({ viewport, ...contextOptions }, recorder);
    const { page, context } = kept;
    let shotPage = page;
    const setShotPage = (p) => { shotPage = p; };
    let ok = false;
    try {
      await fn({ page, context, newContext, setShotPage });
      ok = true;
    } finally {
      await shotPage.screenshot({ path: join(SHOTS, `${slug(name)}.png`), fullPage: true })
        .catch((err) => console.error(`screenshot of "${name}" failed: ${err.message}`));
      for (const c of extra) await c.close().catch(() => {});
      if (ok) await givePage(kept);
      else await context.close().catch(() => {});
    }
    assert.deepEqual(recorder.problems, [], 'no console errors, page errors or foreign requests');
  });
}

// ---------------------------------------------------------------------------
// Page helpers. The DOM is web/index.html + web/render.js: <main id="main">
// with data-view = empty | loading | results | no-results | error | article
// and aria-busy while a request is in flight.

/** Waits until the page shows settled results (or another state) for q. */
export async function waitForSearch(page, q, { view = 'results', pageNo = 1 } = {}) {
  await page.waitForFunction(({ q, view, pageNo }) => {
    const main = document.getElementById('main');
    const params = new URLSearchParams(window.location.search);
    return params.get('q') === q
      && Number(params.get('page') || '1') === pageNo
      && !params.has('id')
      && main.getAttribute('aria-busy') === 'false'
      && main.dataset.view === view;
  }, { q, view, pageNo });
}

/** Waits until the article view for `id` has rendered. */
export async function waitForArticle(page, id) {
  await page.waitForFunction((id) => {
    const main = document.getElementById('main');
    return new URLSearchParams(window.location.search).get('id') === id
      && main.getAttribute('aria-busy') === 'false'
      && main.dataset.view === 'article';
  }, id);
}

/** The result list on screen: [{id, title, href}]. */
export function hits(page) {
  return page.$$eval('#main ol.results li.hit h2.hit-title a[data-id]', (links) => links.map((a) => ({
    id: a.dataset.id,
    title: a.textContent,
    href: a.getAttribute('href'),
  })));
}

/** The result list with each hit's metadata: [{id, date (ISO or ''), source, category}]. */
export function hitDetails(page) {
  return page.$$eval('#main ol.results li.hit', (items) => items.map((li) => ({
    id: li.querySelector('a[data-id]').dataset.id,
    date: li.querySelector('.meta time')?.getAttribute('datetime') ?? '',
    source: li.querySelector('.hit-source')?.textContent ?? '',
    category: li.querySelector('.hit-category')?.textContent ?? '',
  })));
}

/** Total shown in #stats ("67 kết quả …" or "Khoảng 1.234 kết quả …"). */
export async function statsTotal(page) {
  const text = await page.textContent('#stats');
  const m = /^(?:Khoảng )?([\d.]+) kết quả/.exec(text);
  assert.ok(m, `a result count in "${text}"`);
  return Number(m[1].replace(/\./g, ''));
}

/** Texts of the <mark> elements inside `selector`. */
export function marks(page, selector) {
  return page.$$eval(`${selector} mark`, (ms) => ms.map((m) => m.textContent));
}

/** The query string of the page's URL as {q, page, id} (raw strings). */
export function urlState(page) {
  const params = new URL(page.url()).searchParams;
  return { q: params.get('q'), page: params.get('page'), id: params.get('id') };
}

/**
 * Every search parameter of the page's URL: {q, page, from, to, source: [],
 * category: [], sort, id} (null when absent).
 */
export function fullUrlState(page) {
  const params = new URL(page.url()).searchParams;
  return {
    id: params.get('id'),
    q: params.get('q'),
    page: params.get('page'),
    from: params.get('from'),
    to: params.get('to'),
    source: params.getAll('source'),
    category: params.getAll('category'),
    sort: params.get('sort'),
  };
}

/** Relative URL of the search page for q (and page, and filters: {from, source: [...], ...}). */
export function searchUrl(q, pageNo = 1, filters = {}) {
  const params = new URLSearchParams({ q });
  if (pageNo > 1) params.set('page', String(pageNo));
  for (const [name, value] of Object.entries(filters)) {
    for (const v of [].concat(value)) params.append(name, v);
  }
  return `./?${params}`;
}

/** Lower case without tone and vowel marks, đ → d: "Dân vận" → "dan van". */
export function fold(s) {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

/** Counts the page's api/search requests (returns a live array of URLs). */
export function recordSearches(page) {
  const urls = [];
  page.on('request', (req) => {
    if (new URL(req.url()).pathname.endsWith('/api/search')) urls.push(req.url());
  });
  return urls;
}
