// Suggestions under the search box (web/suggest.js, GET api/suggest): the
// ARIA combobox state, choosing with the keyboard, the mouse and a finger,
// closing, requests that fail or come too late, and the popup's layout and
// contrast.
//
// What the list should hold is asked from the server under test (apiSuggest)
// rather than written down here: the tests check that the page shows what the
// server suggests, not how the server ranks phrases. Only the README's own
// example is assumed of the sample corpus: "cong ng" completes to "công nghệ".

import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { contrastTools } from './contrast.mjs';
import {
  BASE, MOBILE, fold, hits, uiTest, urlState, waitForSearch,
} from './lib.mjs';

const LIST = '#q-suggestions';

/** The server's suggestions for `text` (size 8, as the page asks). */
async function apiSuggest(text) {
  const url = new URL(`api/suggest?${new URLSearchParams({ q: text, size: '8' })}`, BASE);
  const res = await fetch(url);
  assert.equal(res.status, 200, `GET ${url}`);
  const { suggestions } = await res.json();
  return suggestions;
}

/** What the page lists for `typed`: the server's answer without the typed text itself. */
async function expectedOptions(typed) {
  const same = typed.trim().toLowerCase();
  return [...new Set(await apiSuggest(typed))].filter((s) => s.trim().toLowerCase() !== same);
}

/** Waits until the list is open and shows exactly `texts` (so it answers the text now typed). */
async function waitForOptions(page, texts) {
  await page.waitForFunction(({ sel, texts }) => {
    const list = document.querySelector(sel);
    const shown = [...list.querySelectorAll('[role="option"]')].map((o) => o.textContent);
    return !list.hidden && JSON.stringify(shown) === JSON.stringify(texts);
  }, { sel: LIST, texts });
}

async function waitForClosed(page) {
  await page.waitForFunction((sel) => document.querySelector(sel).hidden
    && document.getElementById('q').getAttribute('aria-expanded') === 'false', LIST);
}

/** The combobox's ARIA state and the options as the page has them. */
function comboState(page) {
  return page.evaluate((sel) => {
    const q = document.getElementById('q');
    const list = document.querySelector(sel);
    return {
      role: q.getAttribute('role'),
      autocomplete: q.getAttribute('aria-autocomplete'),
      expanded: q.getAttribute('aria-expanded'),
      controls: (q.getAttribute('aria-controls') || '').split(/\s+/),
      activedescendant: q.getAttribute('aria-activedescendant'),
      listRole: list.getAttribute('role'),
      listName: list.getAttribute('aria-label'),
      hidden: list.hidden,
      options: [...list.children].map((o) => ({
        role: o.getAttribute('role'),
        id: o.id,
        selected: o.getAttribute('aria-selected'),
        plain: [...o.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join(''),
        bold: o.querySelector('b')?.textContent ?? '',
        text: o.textContent,
      })),
    };
  }, LIST);
}

/** Counts the page's api/suggest requests (a live array of their q). */
function recordSuggests(page) {
  const qs = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.pathname.endsWith('/api/suggest')) qs.push({ q: url.searchParams.get('q'), size: url.searchParams.get('size') });
  });
  return qs;
}

/**
 * Records, in the page, the URL of every JSON body read (window.jsonReads),
 * each in a task after its reader's own code has run: waiting for one is
 * waiting for the page to have dealt with that answer, also when it shows
 * nothing.
 */
function recordJsonReads(page) {
  return page.evaluate(() => {
    window.jsonReads = [];
    const json = Response.prototype.json;
    Response.prototype.json = function recordedJson() {
      return json.call(this).finally(() => setTimeout(() => { window.jsonReads.push(this.url); }, 0));
    };
  });
}

/** Waits until the page has read the api/suggest answer for `text`. */
async function waitForSuggestRead(page, text) {
  await page.waitForFunction((text) => window.jsonReads.some((u) => {
    const url = new URL(u);
    return url.pathname.endsWith('/api/suggest') && url.searchParams.get('q') === text;
  }), text);
}

describe('suggestions', () => {
  uiTest('unaccented prefix shows accented suggestions', async ({ page }) => {
    await page.goto('./');
    await page.waitForSelector('#main[data-view="empty"]');
    const requests = recordSuggests(page);
    let state = await comboState(page);
    assert.deepEqual({
      role: state.role, autocomplete: state.autocomplete, expanded: state.expanded,
      listRole: state.listRole, hidden: state.hidden, activedescendant: state.activedescendant,
    }, {
      role: 'combobox', autocomplete: 'list', expanded: 'false',
      listRole: 'listbox', hidden: true, activedescendant: null,
    });
    assert.ok(state.controls.includes('q-suggestions'), `aria-controls: ${state.controls}`);
    assert.ok(state.listName, 'the listbox has a name');

    const typed = 'cong ng';
    const expected = await expectedOptions(typed);
    assert.ok(expected.includes('công nghệ'), `the server completes "${typed}": ${expected}`);
    // 7 keystrokes 20 ms apart, far quicker than the 120 ms pause.
    await page.locator('#q').pressSequentially(typed, { delay: 20 });
    await waitForOptions(page, expected);

    state = await comboState(page);
    assert.equal(state.expanded, 'true');
    assert.equal(state.activedescendant, null, 'no option is active before the arrow keys');
    state.options.forEach((o, i) => {
      assert.equal(o.role, 'option');
      assert.match(o.id, /^q-suggestions-\d+$/);
      assert.equal(o.selected, 'false', `option ${i}`);
      // The typed part plain, the rest bold.
      assert.equal(o.plain + o.bold, o.text);
    });
    assert.equal(new Set(state.options.map((o) => o.id)).size, state.options.length, 'unique ids');
    const cn = state.options.find((o) => o.text === 'công nghệ');
    assert.deepEqual([cn.plain, cn.bold], ['công ng', 'hệ']);
    // The text typed stays as typed.
    assert.equal(await page.inputValue('#q'), typed);

    // Debounced, and asked with size 8 for the text typed.
    assert.ok(requests.length >= 1 && requests.length <= 4,
      `${requests.length} suggest requests for ${typed.length} keystrokes: ${JSON.stringify(requests)}`);
    assert.deepEqual(requests.at(-1), { q: typed, size: '8' });

    // The popup hangs right under the box, as wide as it, over the results
    // that load beneath it meanwhile.
    await waitForSearch(page, typed);
    assert.equal(await page.isVisible(LIST), true);
    const box = await page.locator('#q').boundingBox();
    const pop = await page.locator(LIST).boundingBox();
    assert.ok(Math.abs(pop.x - box.x) < 1 && Math.abs(pop.width - box.width) < 1,
      `as wide as the box: box ${box.x}+${box.width}, list ${pop.x}+${pop.width}`);
    assert.ok(pop.y >= box.y + box.height - 1 && pop.y <= box.y + box.height + 8,
      `under the box: box bottom ${box.y + box.height}, list top ${pop.y}`);
    const onTop = await page.evaluate((sel) => [...document.querySelectorAll(`${sel} [role="option"]`)].every((o) => {
      const r = o.getBoundingClientRect();
      return o.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
    }), LIST);
    assert.equal(onTop, true, 'every option is above the page content');
  });

  uiTest('ArrowDown and Enter search for the suggestion', async ({ page }) => {
    await page.goto('./');
    await page.waitForSelector('#main[data-view="empty"]');
    const typed = 'cong ng';
    const expected = await expectedOptions(typed);
    const chosen = expected[0];
    await page.locator('#q').pressSequentially(typed);
    await waitForOptions(page, expected);
    // The results for what was typed, to compare with.
    await waitForSearch(page, typed);
    const before = await hits(page);

    await page.keyboard.press('ArrowDown');
    let state = await comboState(page);
    assert.equal(state.activedescendant, state.options[0].id);
    assert.deepEqual(state.options.map((o) => o.selected), expected.map((_, i) => String(i === 0)));
    // Up from the first option goes back to the text typed; Down again.
    await page.keyboard.press('ArrowUp');
    state = await comboState(page);
    assert.equal(state.activedescendant, null);
    assert.ok(state.options.every((o) => o.selected === 'false'));
    assert.equal(state.hidden, false);
    assert.equal(await page.inputValue('#q'), typed, 'the arrows do not change the text');
    await page.keyboard.press('ArrowDown');

    await page.keyboard.press('Enter');
    await waitForSearch(page, chosen);
    assert.equal(urlState(page).q, chosen);
    assert.equal(await page.inputValue('#q'), chosen);
    assert.equal(await page.title(), `${chosen} — tracuu — Tra cứu kho tin bài`);
    const after = await hits(page);
    assert.notDeepEqual(after.map((h) => h.id), before.map((h) => h.id), 'the results changed');
    state = await comboState(page);
    assert.deepEqual([state.hidden, state.expanded, state.activedescendant], [true, 'false', null]);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'q', 'focus stays in the box');
    // Back returns to the search typed.
    await page.goBack();
    await waitForSearch(page, typed);
    assert.equal(await page.inputValue('#q'), typed);
  });

  uiTest('Enter without an active option searches the text typed', async ({ page }) => {
    await page.goto('./');
    await page.waitForSelector('#main[data-view="empty"]');
    const typed = 'cong ng';
    await page.locator('#q').pressSequentially(typed);
    await waitForOptions(page, await expectedOptions(typed));
    await page.keyboard.press('Enter');
    await waitForSearch(page, typed);
    await waitForClosed(page);
    assert.equal(await page.inputValue('#q'), typed);
  });

  uiTest('a click on a suggestion searches for it', async ({ page }) => {
    await page.goto('./');
    await page.waitForSelector('#main[data-view="empty"]');
    // A trailing space asks for the next word.
    const typed = 'cong ';
    const expected = await expectedOptions(typed);
    assert.ok(expected.length >= 2, `several completions of "${typed}": ${expected}`);
    await page.locator('#q').pressSequentially(typed);
    await waitForOptions(page, expected);
    await waitForSearch(page, typed.trim());
    const before = await hits(page);

    const chosen = expected.at(-1);
    assert.ok(fold(chosen).startsWith('cong '), chosen);
    await page.getByRole('option', { name: chosen, exact: true }).click();
    await waitForSearch(page, chosen);
    assert.equal(urlState(page).q, chosen);
    assert.equal(await page.inputValue('#q'), chosen);
    assert.notDeepEqual((await hits(page)).map((h) => h.id), before.map((h) => h.id), 'the results changed');
    await waitForClosed(page);
    // The press did not take the focus from the box.
    assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
  });

  uiTest('Escape, Tab and leaving the box close the list', async ({ page }) => {
    await page.goto('./');
    await page.waitForSelector('#main[data-view="empty"]');
    const typed = 'cong';
    const expected = await expectedOptions(typed);
    await page.locator('#q').pressSequentially(typed);
    await waitForOptions(page, expected);
    await page.keyboard.press('ArrowDown');

    // Escape closes it and keeps the text (a search box would clear it).
    await page.keyboard.press('Escape');
    let state = await comboState(page);
    assert.deepEqual([state.hidden, state.expanded, state.activedescendant], [true, 'false', null]);
    assert.equal(await page.inputValue('#q'), typed);
    // ArrowDown opens it again, nothing active yet.
    await page.keyboard.press('ArrowDown');
    state = await comboState(page);
    assert.deepEqual([state.hidden, state.expanded, state.activedescendant], [false, 'true', null]);
    assert.deepEqual(state.options.map((o) => o.text), expected);

    // Tab closes it and moves on to the search button.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await waitForClosed(page);
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Tìm kiếm');
    assert.equal(await page.inputValue('#q'), typed);

    // Back in the box, typing opens it; a click elsewhere closes it.
    await page.focus('#q');
    await page.keyboard.type(' ');
    await waitForOptions(page, await expectedOptions(`${typed} `));
    await page.click('footer');
    await waitForClosed(page);
    assert.equal(await page.inputValue('#q'), `${typed} `);
  });

  uiTest('no list for empty text, or when nothing completes it', async ({ page }) => {
    await page.goto('./');
    await page.waitForSelector('#main[data-view="empty"]');
    const requests = recordSuggests(page);
    await page.locator('#q').pressSequentially('c');
    await waitForOptions(page, await expectedOptions('c'));

    // Emptied: closed at once, and nothing asked.
    await page.keyboard.press('Backspace');
    let state = await comboState(page);
    assert.deepEqual([state.hidden, state.expanded], [true, 'false']);
    await page.keyboard.type('   ');
    await page.keyboard.press('ArrowDown');
    // Spaces only: then a word the archive cannot complete.
    await recordJsonReads(page);
    await page.fill('#q', '');
    assert.deepEqual(await apiSuggest('xyzzyqw'), []);
    await page.locator('#q').pressSequentially('xyzzyqw');
    await waitForSuggestRead(page, 'xyzzyqw');
    await waitForSearch(page, 'xyzzyqw', { view: 'no-results' });
    state = await comboState(page);
    assert.deepEqual([state.hidden, state.expanded], [true, 'false']);
    assert.ok(requests.length >= 2, JSON.stringify(requests));
    for (const r of requests) assert.ok(r.q.trim(), `asked for blank text: ${JSON.stringify(requests)}`);
    assert.equal(requests.at(-1).q, 'xyzzyqw');
  });

  uiTest('a failed suggest request shows no list and no error', async ({ page }) => {
    await page.goto('./');
    await page.waitForSelector('#main[data-view="empty"]');
    const q = page.locator('#q');
    // One letter a step, so that every text is new (not answered from the
    // page's cache): a failure closes the open list, the server's answer to
    // the next letter opens it again.
    const steps = [
      ['o', '500', (route) => route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":"boom"}' })],
      ['n'],
      ['g', 'no connection', (route) => route.abort('connectionrefused')],
      [' '],
      ['n', 'not JSON', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>proxy</h1>' })],
      ['g'],
      ['h', 'wrong shape', (route) => route.fulfill({ status: 200, json: { suggestions: 'công nghệ' } })],
      ['e'],
    ];
    let typed = 'c';
    await q.pressSequentially(typed);
    await waitForOptions(page, await expectedOptions(typed));
    for (const [letter, what, answer] of steps) {
      typed += letter;
      if (answer) {
        await page.route('**/api/suggest?*', answer);
        await q.pressSequentially(letter);
        await waitForClosed(page);
        await page.unrouteAll();
        assert.equal(await page.locator('[role="alert"]').count(), 0, `${what}: no error on the page`);
      } else {
        const expected = await expectedOptions(typed);
        assert.ok(expected.length, `the server completes "${typed}"`);
        await q.pressSequentially(letter);
        await waitForOptions(page, expected);
      }
    }
    // The search itself was never disturbed.
    await waitForSearch(page, typed);
  }, {
    // Chromium logs a 5xx response and a refused connection as console errors.
    allowConsole: [/status of 500/, /ERR_CONNECTION_REFUSED|ERR_FAILED/],
  });

  uiTest('an answer for text no longer in the box is ignored', async ({ page }) => {
    await page.goto('./');
    await page.waitForSelector('#main[data-view="empty"]');
    await recordJsonReads(page);
    // Hold the answer for "cong" until the box holds something else.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    let asked;
    const seen = new Promise((resolve) => { asked = resolve; });
    await page.route('**/api/suggest?*', async (route) => {
      if (new URL(route.request().url()).searchParams.get('q') === 'cong') {
        asked();
        await held;
      }
      // (A request the page has given up on meanwhile cannot go on.)
      await route.continue().catch(() => {});
    });
    await page.fill('#q', 'cong'); // one input event: no list for "c" meanwhile
    await seen;
    // Something other than typing replaces the text (no input event), so the
    // request in flight goes on; its answer must not show.
    await page.evaluate(() => { document.getElementById('q').value = 'tinh'; });
    release();
    await waitForSuggestRead(page, 'cong');
    const state = await comboState(page);
    assert.deepEqual([state.hidden, state.expanded, state.options.length], [true, 'false', 0]);
  });

  uiTest('no request for text over the API limit', async ({ page }) => {
    await page.goto('./');
    await page.waitForSelector('#main[data-view="empty"]');
    const requests = recordSuggests(page);
    await page.locator('#q').pressSequentially('c');
    await waitForOptions(page, await expectedOptions('c'));
    // 1001 bytes would be a 400, logged by the browser as an error (which
    // fails this test): the page does not ask, and the old list goes.
    await page.fill('#q', 'c'.repeat(1001));
    await waitForClosed(page);
    await page.keyboard.press('Enter');
    await waitForSearch(page, 'c'.repeat(1001), { view: 'error' });
    assert.ok(requests.every((r) => r.q.length <= 1000), 'no request over 1000 bytes');
  }, { allowConsole: [/status of 400 \(Bad Request\)/] }); // the search itself: over the limit

  uiTest('typed part plain, completion bold', async ({ page }) => {
    await page.goto('./');
    await page.waitForSelector('#main[data-view="empty"]');
    const split = await page.evaluate(async () => {
      const { typedLength } = await import('./suggest.js');
      const cases = [
        ['công nghệ', 'cong ng'], ['công nghệ', 'CÔNG  NG'], ['công nghệ', 'cong '],
        ['công nghệ', '"cong ng'], ['tinh công nghệ', 'tinh -cong ng'], ['đại hội', 'dai h'],
        ['công nghệ', 'co\u0302ng'], ['KH&CN tỉnh', 'kh&cn t'], ['bàn giao', 'xyz'], ['công', 'công nghệ'],
      ];
      return cases.map(([s, t]) => { const n = typedLength(s, t); return [s.slice(0, n), s.slice(n)]; });
    });
    assert.deepEqual(split, [
      ['công ng', 'hệ'], ['công ng', 'hệ'], ['công ', 'nghệ'],
      ['công ng', 'hệ'], ['tinh công ng', 'hệ'], ['đại h', 'ội'],
      ['công', ' nghệ'], ['KH&CN t', 'ỉnh'], ['', 'bàn giao'], ['công', ''],
    ]);
  });

  uiTest('suggestions at 360 px in the dark, chosen by touch', async ({ page }) => {
    assert.equal(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches), true);
    await page.goto('./');
    await page.waitForSelector('#main[data-view="empty"]');
    const typed = 'c';
    const expected = await expectedOptions(typed);
    await page.locator('#q').pressSequentially(typed);
    await waitForOptions(page, expected);

    // Inside the screen, as wide as the box, rows big enough for a finger.
    const box = await page.locator('#q').boundingBox();
    const pop = await page.locator(LIST).boundingBox();
    assert.ok(pop.x >= 0 && pop.x + pop.width <= MOBILE.width, `list at ${pop.x}+${pop.width}`);
    assert.ok(Math.abs(pop.width - box.width) < 1, `as wide as the box: ${pop.width} vs ${box.width}`);
    assert.ok(pop.y + pop.height <= MOBILE.height, `list bottom ${pop.y + pop.height}`);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true);
    const heights = await page.$$eval(`${LIST} [role="option"]`, (os) => os.map((o) => o.getBoundingClientRect().height));
    assert.ok(heights.every((h) => h >= 32), `option heights ${heights}`);

    const t = `(${contrastTools})()`;
    const audit = () => page.evaluate(`${t}.audit({ roots: ['${LIST}'] })`);
    let result = await audit();
    assert.deepEqual([result.failures, result.unknown], [[], []], 'contrast of the open list (dark)');
    assert.ok(result.checked >= expected.length, `${result.checked} texts checked`);
    await page.keyboard.press('ArrowDown');
    result = await audit();
    assert.deepEqual([result.failures, result.unknown], [[], []], 'contrast with an active option (dark)');

    const chosen = expected[1];
    await page.getByRole('option', { name: chosen, exact: true }).tap();
    await waitForSearch(page, chosen);
    assert.equal(await page.inputValue('#q'), chosen);
    await waitForClosed(page);
  }, { viewport: MOBILE, contextOptions: { colorScheme: 'dark', isMobile: true, hasTouch: true } });

  uiTest('contrast of the open list', async ({ page }) => {
    await page.goto('./');
    await page.waitForSelector('#main[data-view="empty"]');
    await page.locator('#q').pressSequentially('cong');
    const expected = await expectedOptions('cong');
    await waitForOptions(page, expected);
    await waitForSearch(page, 'cong');
    const t = `(${contrastTools})()`;
    const audit = () => page.evaluate(`${t}.audit({ roots: ['header', '#main'] })`);
    let result = await audit();
    assert.deepEqual([result.failures, result.unknown], [[], []]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    result = await audit();
    assert.deepEqual([result.failures, result.unknown], [[], []], 'with an active option');
    // Hovered by the mouse too.
    await page.hover(`${LIST} [role="option"] >> nth=0`);
    result = await audit();
    assert.deepEqual([result.failures, result.unknown], [[], []], 'with a hovered option');
  });

  uiTest('an input method composing a syllable: no request, no submit, no doubled letters', async ({ page, context }) => {
    // Telex typed through an input method (ibus-unikey, macOS Telex): the
    // syllable is composed under an underline ("d", "da", "dâ", "dân") and
    // only then committed. Chromium's own IME path, driven over CDP.
    await page.goto('./');
    await page.waitForSelector('#main[data-view="empty"]');
    const suggests = recordSuggests(page);
    const searches = [];
    page.on('request', (req) => {
      const url = new URL(req.url());
      if (url.pathname.endsWith('/api/search')) searches.push(url.searchParams.get('q'));
    });
    await page.evaluate(() => {
      window.submits = 0;
      document.getElementById('search-form').addEventListener('submit', () => { window.submits += 1; }, true);
    });
    const cdp = await context.newCDPSession(page);
    await page.locator('#q').pressSequentially('công tác ');
    for (const text of ['d', 'da', 'dâ', 'dân']) {
      await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
      await page.waitForTimeout(300); // a pause longer than both debounces
    }
    // Enter while composing commits the syllable in the input method; the page submits nothing.
    await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', windowsVirtualKeyCode: 229, key: 'Enter', code: 'Enter' });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', windowsVirtualKeyCode: 13, key: 'Enter', code: 'Enter' });
    await cdp.send('Input.insertText', { text: 'dân' }); // the commit: compositionend
    // Safari sends that Enter after compositionend, flagged only by keyCode 229: still no submit.
    await cdp.send('Input.dispatchKeyEvent', {
      type: 'keyDown', windowsVirtualKeyCode: 229, key: 'Enter', code: 'Enter', text: '\r',
    });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', windowsVirtualKeyCode: 13, key: 'Enter', code: 'Enter' });
    // The committed text is searched as you type, once.
    await waitForSearch(page, 'công tác dân');
    assert.equal(await page.inputValue('#q'), 'công tác dân', 'no letter doubled');
    assert.equal(await page.evaluate(() => window.submits), 0, 'no submit of half a syllable');
    const halfWay = (q) => q.trim() !== 'công tác' && q !== 'công tác dân';
    assert.deepEqual(searches.filter(halfWay), [], 'no search mid-composition');
    await page.waitForFunction(() => !document.getElementById('q-suggestions').hidden
      || document.getElementById('q').getAttribute('aria-expanded') === 'false');
    assert.deepEqual(suggests.map((x) => x.q).filter(halfWay), [], 'no suggestions asked mid-composition');
    assert.ok(suggests.some((x) => x.q === 'công tác dân'), `the committed text is completed: ${JSON.stringify(suggests)}`);
    // A plain Enter after that submits, as always.
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.submits === 1);
  });
});
