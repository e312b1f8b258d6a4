// Accessibility: WCAG AA text contrast measured on every screen (light and
// dark colour schemes, desktop and 360 px), visible focus with enough
// contrast, and a name for every control.

import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { contrastTools } from './contrast.mjs';
import {
  MOBILE, searchUrl, uiTest, waitForArticle, waitForSearch,
} from './lib.mjs';

const ROOTS = ['header', '#main', '#filters:not([hidden])', 'footer'];
const DAN_VAN_ID = 'bdv-2017-0003';

/** Audits the page as it is; fails listing every text below AA. */
async function expectContrast(page, what, minChecked) {
  await page.waitForSelector('#main[aria-busy="false"]');
  const result = await page.evaluate(`(${contrastTools})().audit(${JSON.stringify({ roots: ROOTS })})`);
  assert.deepEqual(result.unknown, [], `${what}: text on a background that could not be measured`);
  assert.deepEqual(result.failures, [], `${what}: text below WCAG AA contrast`);
  assert.ok(result.checked >= minChecked, `${what}: only ${result.checked} texts checked`);
  return result.checked;
}

/** Contrast of the focused element's outline against what is around it (WCAG 2.4.11/1.4.11: 3:1). */
async function expectFocusRing(page, what) {
  const ring = await page.evaluate(`(() => {
    const t = (${contrastTools})();
    const el = document.activeElement;
    const s = getComputedStyle(el);
    const around = t.backgroundOf(el.parentElement).color;
    const color = t.composite(t.parseColor(s.outlineColor), around);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), ratio: t.ratio(color, around) };
  })()`);
  assert.notEqual(ring.style, 'none', `${what}: focus outline`);
  assert.ok(ring.width >= 2, `${what}: outline ${ring.width}px`);
  assert.ok(ring.ratio >= 3, `${what}: focus outline contrast ${ring.ratio.toFixed(2)}:1`);
}

describe('accessibility', () => {
  uiTest('contrast ratio arithmetic', async ({ page }) => {
    // The formula itself, on known pairs, before trusting it on the page.
    const t = contrastTools();
    const white = t.parseColor('rgb(255, 255, 255)');
    assert.equal(t.ratio(t.parseColor('rgb(0, 0, 0)'), white), 21);
    assert.equal(t.ratio(white, white), 1);
    assert.equal(t.ratio(t.parseColor('rgb(119, 119, 119)'), white).toFixed(2), '4.48'); // #777: just fails AA
    assert.equal(t.ratio(t.parseColor('rgb(118, 118, 118)'), white).toFixed(2), '4.54'); // #767676: just passes
    const half = t.composite(t.parseColor('rgba(0, 0, 0, 0.5)'), white);
    assert.deepEqual([half.r, half.g, half.b], [127.5, 127.5, 127.5]);
    assert.deepEqual(t.parseColor('rgb(1 2 3 / 50%)'), { r: 1, g: 2, b: 3, a: 0.5 });
    // And that the audit catches a failure: grey text on white.
    await page.goto('./');
    await page.waitForSelector('#main[data-view="empty"]');
    await page.evaluate(() => { document.querySelector('#intro-title').style.color = '#aaaaaa'; });
    const result = await page.evaluate(`(${contrastTools})().audit({ roots: ['#main'] })`);
    assert.deepEqual(result.failures.map((f) => [f.element, f.ratio]), [['h1#intro-title', 2.32]]);
  });

  uiTest('contrast of every screen', async ({ page }) => {
    await page.goto('./');
    await page.waitForSelector('#main[data-view="empty"]');
    await expectContrast(page, 'empty page', 10);

    // Results with a suggestion, filter chips, the filter panel and pagination.
    await page.goto(searchUrl('tinh', 1, { source: 'Sở Y tế', sort: 'newest' }));
    await page.waitForSelector('#main[data-view="results"][aria-busy="false"]');
    await expectContrast(page, 'results', 20);

    await page.goto(`./?${new URLSearchParams({ id: DAN_VAN_ID, q: 'cong tac dan van' })}`);
    await waitForArticle(page, DAN_VAN_ID);
    await page.waitForTimeout(200); // related articles, when the server has them
    await expectContrast(page, 'article', 15);

    await page.goto(searchUrl('xyzzyqw'));
    await waitForSearch(page, 'xyzzyqw', { view: 'no-results' });
    await expectContrast(page, 'no results', 8);

    await page.goto(searchUrl('a'.repeat(1001)));
    await page.waitForSelector('#main[data-view="error"]');
    await page.click('#main details.error-detail summary');
    await expectContrast(page, 'error', 6);
  }, { allowConsole: [/status of 400/] });

  uiTest('contrast in the dark colour scheme at 360 px', async ({ page }) => {
    assert.equal(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches), true);
    await page.goto('./');
    await page.waitForSelector('#main[data-view="empty"]');
    await expectContrast(page, 'empty page (dark)', 10);
    await page.goto(searchUrl('cong tac dan van', 1, { category: 'Dân vận' }));
    await page.waitForSelector('#main[data-view="results"][aria-busy="false"]');
    await expectContrast(page, 'results (dark)', 10);
    await page.goto(`./?${new URLSearchParams({ id: DAN_VAN_ID, q: 'dân vận' })}`);
    await waitForArticle(page, DAN_VAN_ID);
    await expectContrast(page, 'article (dark)', 15);
  }, { viewport: MOBILE, contextOptions: { colorScheme: 'dark', isMobile: true, hasTouch: true } });

  uiTest('labels, landmarks and focus rings', async ({ page }) => {
    await page.goto(searchUrl('tỉnh'));
    await waitForSearch(page, 'tỉnh');
    assert.equal(await page.getAttribute('html', 'lang'), 'vi');
    // Landmarks: banner, search, main, (complementary filters), contentinfo.
    for (const sel of ['header.site-header', 'form[role="search"]', 'main#main', 'footer']) {
      assert.equal(await page.locator(sel).count(), 1, sel);
    }
    // Every control has a name: a <label>, aria-label(ledby) or its own text.
    const unnamed = await page.$$eval('input, select, textarea, button, a[href]', (els) => els
      .filter((e) => e.getClientRects().length)
      .filter((e) => !(e.labels?.length || e.getAttribute('aria-label') || e.getAttribute('aria-labelledby')
        || e.textContent.trim()))
      .map((e) => e.outerHTML.slice(0, 80)));
    assert.deepEqual(unnamed, [], 'controls without an accessible name');
    // Checkbox and date fields sit in fieldsets with legends.
    const groups = await page.$$eval('#filters:not([hidden]) fieldset', (fs) => fs
      .filter((f) => !f.hidden).map((f) => f.querySelector('legend')?.textContent));
    if (groups.length) assert.ok(groups.every(Boolean), `legends: ${groups}`);

    // Focus rings: in the blue header and on the white page.
    await page.focus('#q');
    await page.keyboard.press('Shift+Tab'); // home link, in the header
    await expectFocusRing(page, 'home link');
    await page.keyboard.press('Tab');
    await expectFocusRing(page, 'search box');
    await page.keyboard.press('Tab');
    await expectFocusRing(page, 'search button');
    for (let i = 0; i < 5 && !(await page.evaluate(() => document.activeElement.dataset.id)); i++) {
      await page.keyboard.press('Tab');
    }
    await expectFocusRing(page, 'first result');
  });
});
