// A phone-sized screen, and using the page with the keyboard only.

import assert from 'node:assert/strict';
import { describe } from 'node:test';
import {
  MOBILE, hits, searchUrl, uiTest, waitForArticle, waitForSearch,
} from './lib.mjs';

const DAN_VAN_ID = 'bdv-2017-0003';

/** No horizontal scrollbar, and every element of `selector` inside the screen. */
async function expectFitsWidth(page, selector, what) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= MOBILE.width, `${what}: page is ${width}px wide, screen ${MOBILE.width}px`);
  const outside = await page.$$eval(selector, (els, w) => els
    .map((e) => ({ tag: e.tagName, text: e.textContent.slice(0, 40), r: e.getBoundingClientRect() }))
    .filter(({ r }) => r.width > 0 && (r.left < 0 || r.right > w + 0.5))
    .map(({ tag, text, r }) => `${tag} "${text}" [${r.left}, ${r.right}]`), MOBILE.width);
  assert.deepEqual(outside, [], `${what}: elements outside the screen`);
}

/** Computed font size in px of the first element matching selector. */
function fontSize(page, selector) {
  return page.$eval(selector, (e) => parseFloat(getComputedStyle(e).fontSize));
}

describe('layout', () => {
  uiTest('mobile viewport', async ({ page }) => {
    await page.goto('./');
    await page.waitForSelector('#main[data-view="empty"]');
    await expectFitsWidth(page, 'header *, #main *', 'empty page');

    await page.fill('#q', 'công tác dân vận');
    await page.press('#q', 'Enter');
    await waitForSearch(page, 'công tác dân vận');
    await expectFitsWidth(page, 'header *, #main *', 'results');
    // Readable: text no smaller than 14 px, titles and snippets not squeezed.
    assert.ok(await fontSize(page, '#main .snippet') >= 14);
    assert.ok(await fontSize(page, '#main .hit-title a') >= 16);
    const snippetWidth = await page.$eval('#main .snippet', (e) => e.getBoundingClientRect().width);
    assert.ok(snippetWidth >= 300, `snippets use the width (${snippetWidth}px)`);
    // Search box and button stay usable.
    const input = await page.locator('#q').boundingBox();
    assert.ok(input.width >= 180 && input.height >= 36, `search box ${input.width}x${input.height}`);
    // The pagination wraps instead of overflowing.
    await page.goto(searchUrl('tỉnh', 4));
    await waitForSearch(page, 'tỉnh', { pageNo: 4 });
    await expectFitsWidth(page, 'nav.pagination *', 'pagination');

    // A long unbroken query in the no-results heading wraps. (60 letters: the
    // server drops words longer than 64 bytes.)
    const long = 'khongcokhoangtrang'.repeat(4).slice(0, 60);
    await page.goto(searchUrl(long));
    await waitForSearch(page, long, { view: 'no-results' });
    await expectFitsWidth(page, 'header *, #main *', 'no-results');

    // Article view, the screen the staff read longest.
    await page.goto(`./?${new URLSearchParams({ id: DAN_VAN_ID, q: 'công tác dân vận' })}`);
    await waitForArticle(page, DAN_VAN_ID);
    await expectFitsWidth(page, 'header *, #main *', 'article');
    assert.ok(await fontSize(page, '#main .article-body p') >= 16);
  }, { viewport: MOBILE, contextOptions: { isMobile: true, hasTouch: true } });

  uiTest('every control is a finger wide', async ({ page }) => {
    // At MOBILE (360 px) width, tap targets 44 px tall (WCAG 2.5.5):
    // links, buttons, menus, fields, and the labels around checkboxes.
    // Result titles are exempt: they are whole lines of large text.
    const small = () => page.$$eval(
      'a[href]:not(.skip-link):not(.hit-title a), button, select, input:not([type=checkbox]), label:has(input[type=checkbox]), summary',
      (els) => els.map((e) => ({ e, r: e.getBoundingClientRect() }))
        .filter(({ e, r }) => r.width > 0 && !e.closest('[hidden]') && r.height < 43.5)
        .map(({ e, r }) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''} "${e.textContent.trim().slice(0, 30)}" ${Math.round(r.height)}px`),
    );
    const fits = async (what) => {
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= MOBILE.width, `${what}: page is ${width}px wide`);
      assert.deepEqual(await small(), [], `${what}: tap targets under 44 px`);
    };
    await page.goto('./');
    await page.waitForSelector('#main[data-view="empty"]');
    await fits('empty page');
    // Results with a filter chip, a suggestion, pagination and the whole filter panel.
    await page.goto(searchUrl('tinh', 2, { source: ['Sở Y tế', 'Sở Khoa học và Công nghệ'] }));
    await waitForSearch(page, 'tinh', { pageNo: 2 });
    await page.click('#filters button.more').catch(() => {}); // "Xem thêm" when the list is long
    await fits('results');
    // A filter ticked by a finger.
    await page.locator('#filters input[type=checkbox][value="Sở Y tế"]').tap();
    await waitForSearch(page, 'tinh');
    assert.deepEqual(new URL(page.url()).searchParams.getAll('source'), ['Sở Khoa học và Công nghệ']);
    await page.goto(`./?${new URLSearchParams({ id: DAN_VAN_ID, q: 'dân vận' })}`);
    await waitForArticle(page, DAN_VAN_ID);
    await fits('article');
    await page.goto(searchUrl('(dân vận AND tỉnh'));
    await waitForSearch(page, '(dân vận AND tỉnh', { view: 'error' });
    await fits('error');
  }, { viewport: MOBILE, contextOptions: { isMobile: true, hasTouch: true }, allowConsole: [/status of 400/] });

  uiTest('keyboard only', async ({ page }) => {
    await page.goto('./');
    await page.waitForSelector('#main[data-view="empty"]');
    const active = () => page.evaluate(() => {
      const e = document.activeElement;
      return e ? { tag: e.tagName, id: e.id, dataId: e.dataset?.id ?? null, text: e.textContent.trim() } : null;
    });
    // Focus is in the search box on load.
    assert.equal((await active()).id, 'q');
    await page.keyboard.type('cong tac dan van');
    await page.keyboard.press('Enter');
    await waitForSearch(page, 'cong tac dan van');

    // Tab on to the results: the search button, the sort menu (when the
    // server can sort), the "Có phải bạn muốn tìm" link, then the first result;
    // the filter panel comes after the results.
    const seen = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      const a = await active();
      seen.push(a.dataId ?? (a.id || a.tag));
      if (a.dataId) break;
    }
    assert.equal((await active()).dataId, DAN_VAN_ID, `Tab order: ${seen.join(' → ')}`);
    const expected = ['BUTTON'];
    if (await page.locator('#sort').count()) expected.push('sort');
    expected.push('suggestion-link');
    assert.deepEqual(seen, [...expected, DAN_VAN_ID], 'Tab order from the search box');
    // The focus is visible.
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none');

    // Enter opens it.
    await page.keyboard.press('Enter');
    await waitForArticle(page, DAN_VAN_ID);
    assert.equal((await active()).id, 'article-title');

    // "/" (outside a text field) goes back to the search box, text selected.
    await page.keyboard.press('/');
    assert.equal((await active()).id, 'q');
    assert.deepEqual(await page.evaluate(() => {
      const q = document.getElementById('q');
      return [q.selectionStart, q.selectionEnd];
    }), [0, 'cong tac dan van'.length]);
    // Typing replaces the selected query, Enter searches.
    await page.keyboard.type('bán');
    await page.keyboard.press('Enter');
    await waitForSearch(page, 'bán');
    assert.ok((await hits(page)).length >= 4);

    // Back returns to the article (focus stays in the search box); Shift+Tab
    // goes up to the home link, then the skip link, which jumps to <main>.
    await page.goBack();
    await waitForArticle(page, DAN_VAN_ID);
    assert.equal((await active()).id, 'q', 'focus stays in the search box');
    await page.keyboard.press('Shift+Tab');
    assert.match((await active()).text, /^tracuu — /); // the home link
    await page.keyboard.press('Shift+Tab');
    assert.equal((await active()).text, 'Bỏ qua, đến nội dung chính');
    const requests = [];
    page.on('request', (req) => requests.push(req.url()));
    await page.keyboard.press('Enter');
    assert.equal((await active()).id, 'main');
    // Only the #fragment changed: the article is not fetched and drawn again,
    // and focus stays where the skip link put it.
    await page.waitForTimeout(300);
    assert.equal((await active()).id, 'main');
    assert.deepEqual(requests, []);
    assert.equal(await page.locator('#main[data-view="article"] #article-title').count(), 1);
  });
});
