// Filters: source and category facets with counts, the date range, sort, and
// the whole state in the URL (reload, back/forward, a shared link), by mouse
// and by keyboard.
//
// These need the filters API (from, to, source, category, sort, facets) in
// tracuu-server. Against a server without it they fail with that message
// rather than pass on an unfiltered list.

import assert from 'node:assert/strict';
import { describe } from 'node:test';
import {
  MOBILE, fullUrlState, hitDetails, hits, recordSearches, searchUrl, statsTotal, uiTest, waitForSearch,
} from './lib.mjs';


// corpus/sample: 9 articles from this source, 6 from Sở Y tế; "tỉnh" is in
// most articles, so it is a good wide query to narrow down.
const SOURCE_A = 'Sở Khoa học và Công nghệ';
const SOURCE_B = 'Sở Y tế';
const CATEGORY = 'Y tế';

/** Fails clearly when the page got no facets, i.e. the server has no filters API. */
async function expectFilterPanel(page) {
  const visible = await page.isVisible('#filters');
  if (!visible) {
    const data = await page.evaluate(async (q) => (await fetch(`api/search?q=${encodeURIComponent(q)}&facets=true`)).json(), 'tỉnh');
    assert.ok('facets' in data,
      'tracuu-server answered /api/search without "facets": it does not have the filters API '
      + '(from, to, source, category, sort, facets) yet, so the filter panel stays hidden');
    assert.fail('the server sends facets but the filter panel is hidden');
  }
}

/** The facet checkbox of `field` whose value is `value`. */
function facetBox(page, field, value) {
  return page.locator(`#filters fieldset[data-field="${field}"] input[type="checkbox"][value="${value}"]`);
}

/** Ticks a facet value, opening "Xem thêm" first when the value is not among the first shown. */
async function tick(page, field, value) {
  const box = facetBox(page, field, value);
  if (!(await box.isVisible())) await page.click(`#filters fieldset[data-field="${field}"] button.more`);
  await box.check();
}

/** The count shown beside a facet value. */
async function facetCount(page, field, value) {
  const text = await page.locator(`#filters fieldset[data-field="${field}"] label`, {
    has: page.locator(`input[value="${value}"]`), // relative to the label
  }).locator('.count').textContent();
  return Number(text.replace(/\D/g, ''));
}

/** Waits for settled results whose URL has these search parameters. */
async function waitForFilteredSearch(page, expected) {
  await page.waitForFunction((expected) => {
    const params = new URLSearchParams(window.location.search);
    const main = document.getElementById('main');
    return Object.entries(expected).every(([k, v]) => JSON.stringify(params.getAll(k)) === JSON.stringify([].concat(v ?? [])))
      && main.getAttribute('aria-busy') === 'false'
      && ['results', 'no-results'].includes(main.dataset.view);
  }, expected);
}

describe('filters', () => {
  uiTest('filter by source and category', async ({ page }) => {
    await page.goto(searchUrl('tỉnh'));
    await waitForSearch(page, 'tỉnh');
    await expectFilterPanel(page);
    const all = await statsTotal(page);

    // One source: the count beside it is the number of results.
    const countA = await facetCount(page, 'source', SOURCE_A);
    assert.ok(countA >= 1 && countA < all, `${SOURCE_A}: ${countA} of ${all}`);
    await tick(page, 'source', SOURCE_A);
    await waitForFilteredSearch(page, { q: 'tỉnh', source: [SOURCE_A] });
    assert.equal(await statsTotal(page), countA);
    const listA = await hitDetails(page);
    assert.ok(listA.length >= 1);
    for (const h of listA) assert.equal(h.source, SOURCE_A, `${h.id} is from ${h.source}`);
    // The filter shows above the list as a removable chip.
    assert.deepEqual(await page.$$eval('#main .active-filters .chip', (cs) => cs.map((c) => c.getAttribute('aria-label'))),
      [`Bỏ bộ lọc ${SOURCE_A}`]);

    // A second source widens the search to either.
    await tick(page, 'source', SOURCE_B);
    await waitForFilteredSearch(page, { q: 'tỉnh', source: [SOURCE_A, SOURCE_B] });
    const both = await statsTotal(page);
    assert.ok(both > countA, `two sources (${both}) give more than one (${countA})`);
    for (const h of await hitDetails(page)) assert.ok([SOURCE_A, SOURCE_B].includes(h.source), h.source);
    assert.equal(await facetBox(page, 'source', SOURCE_A).isChecked(), true);

    // A category on top narrows it (sources OR'ed, fields AND'ed).
    await tick(page, 'category', CATEGORY);
    await waitForFilteredSearch(page, { source: [SOURCE_A, SOURCE_B], category: [CATEGORY] });
    const narrowed = await hitDetails(page);
    assert.ok(narrowed.length >= 1 && narrowed.length < both);
    for (const h of narrowed) assert.equal(h.category, CATEGORY);

    // The chip removes one filter; "Xóa bộ lọc" all of them.
    await page.click(`#main .active-filters .chip[aria-label="Bỏ bộ lọc ${CATEGORY}"]`);
    await waitForFilteredSearch(page, { source: [SOURCE_A, SOURCE_B], category: [] });
    assert.equal(await statsTotal(page), both);
    await page.click('#clear-filters');
    await waitForFilteredSearch(page, { q: 'tỉnh', source: [], category: [] });
    assert.equal(await statsTotal(page), all);
  });

  uiTest('filter by date range, sort and paginate', async ({ page }) => {
    await page.goto(searchUrl('tỉnh'));
    await waitForSearch(page, 'tỉnh');
    await expectFilterPanel(page);

    // Newest first, then oldest first: dates in order, the URL says so.
    await page.selectOption('#sort', 'newest');
    await waitForFilteredSearch(page, { q: 'tỉnh', sort: 'newest' });
    const newest = (await hitDetails(page)).map((h) => h.date).filter(Boolean);
    assert.ok(newest.length >= 5);
    assert.deepEqual(newest, [...newest].sort().reverse(), `newest first: ${newest}`);
    await page.selectOption('#sort', 'oldest');
    await waitForFilteredSearch(page, { sort: 'oldest' });
    const oldest = (await hitDetails(page)).map((h) => h.date).filter(Boolean);
    assert.deepEqual(oldest, [...oldest].sort(), `oldest first: ${oldest}`);
    assert.equal(await page.inputValue('#sort'), 'oldest');

    // A date range, typed the Vietnamese way: every hit inside it, the sort kept.
    await page.fill('#from', '01/01/2017');
    await page.fill('#to', '31/12/2019');
    await waitForFilteredSearch(page, { from: '2017-01-01', to: '2019-12-31', sort: 'oldest' });
    const inRange = await hitDetails(page);
    assert.ok(inRange.length >= 1);
    for (const h of inRange) assert.ok(h.date >= '2017-01-01' && h.date <= '2019-12-31', `${h.id}: ${h.date}`);
    assert.deepEqual(inRange.map((h) => h.date), inRange.map((h) => h.date).sort());

    // Pagination keeps every filter; page 2 continues in date order.
    const total = await statsTotal(page);
    assert.ok(total > 10, `more than a page in 2017–2019 (${total})`);
    const lastOnPage1 = inRange.at(-1).date;
    await page.click('nav.pagination a[rel="next"]');
    await waitForFilteredSearch(page, { page: '2', from: '2017-01-01', to: '2019-12-31', sort: 'oldest' });
    const page2 = await hitDetails(page);
    assert.ok(page2[0].date >= lastOnPage1, `${page2[0].date} after ${lastOnPage1}`);

    // A start after the end is refused on the spot, and nothing is searched.
    await page.fill('#from', '01/01/2020');
    await page.locator('#date-error').waitFor();
    assert.match(await page.textContent('#date-error'), /“Từ ngày” phải trước/);
    assert.equal(fullUrlState(page).from, '2017-01-01');
  });

  uiTest('filters survive reload, back and forward, and a shared link', async ({ page, newContext, setShotPage }) => {
    const filters = { source: [SOURCE_A, SOURCE_B], from: '2016-01-01', sort: 'newest' };
    await page.goto(searchUrl('tỉnh', 1, filters));
    await waitForFilteredSearch(page, { q: 'tỉnh', ...filters });
    await expectFilterPanel(page);
    // The controls show the state from the URL.
    assert.equal(await facetBox(page, 'source', SOURCE_A).isChecked(), true);
    assert.equal(await facetBox(page, 'source', SOURCE_B).isChecked(), true);
    assert.equal(await page.inputValue('#from'), '01/01/2016');
    assert.equal(await page.inputValue('#sort'), 'newest');
    const shown = await hits(page);

    // Untick one source, then back and forward through the two states.
    await facetBox(page, 'source', SOURCE_B).uncheck();
    await waitForFilteredSearch(page, { source: [SOURCE_A] });
    const narrowed = await hits(page);
    await page.goBack();
    await waitForFilteredSearch(page, { ...filters });
    assert.deepEqual(await hits(page), shown);
    assert.equal(await facetBox(page, 'source', SOURCE_B).isChecked(), true);
    await page.goForward();
    await waitForFilteredSearch(page, { source: [SOURCE_A] });
    assert.deepEqual(await hits(page), narrowed);
    assert.equal(await facetBox(page, 'source', SOURCE_B).isChecked(), false);

    // Reload, and someone else opening the link.
    await page.reload();
    await waitForFilteredSearch(page, { source: [SOURCE_A], sort: 'newest' });
    assert.deepEqual(await hits(page), narrowed);
    const other = await (await newContext()).newPage();
    setShotPage(other);
    await other.goto(page.url());
    await waitForFilteredSearch(other, { q: 'tỉnh', source: [SOURCE_A], from: '2016-01-01', sort: 'newest' });
    assert.deepEqual(await hits(other), narrowed);
    assert.equal(await other.inputValue('#from'), '01/01/2016');

    // Typing a new query keeps the filters.
    await other.fill('#q', 'công nghệ');
    await other.press('#q', 'Enter');
    await waitForFilteredSearch(other, { q: 'công nghệ', source: [SOURCE_A], from: '2016-01-01', sort: 'newest' });
    for (const h of await hitDetails(other)) assert.equal(h.source, SOURCE_A);
  });

  uiTest('filters and pagination by keyboard', async ({ page }) => {
    await page.goto(searchUrl('tỉnh'));
    await waitForSearch(page, 'tỉnh');
    await expectFilterPanel(page);
    const active = () => page.evaluate(() => {
      const e = document.activeElement;
      return { id: e?.id, value: e?.value, type: e?.type, label: e?.getAttribute('aria-label'), text: e?.textContent.trim() };
    });
    const tabTo = async (test, what, max = 60) => {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press('Tab');
        if (test(await active())) return;
      }
      assert.fail(`Tab never reached ${what}`);
    };

    // The sort menu, with the arrow keys.
    await tabTo((a) => a.id === 'sort', 'the sort menu', 6);
    await page.keyboard.press('ArrowDown');
    await waitForFilteredSearch(page, { sort: 'newest' });
    assert.equal((await active()).id, 'sort', 'focus stays on the sort menu');

    // Past the results to the filter panel: a source, ticked with Space.
    await tabTo((a) => a.type === 'checkbox' && a.value === SOURCE_A, `the "${SOURCE_A}" checkbox`);
    await page.keyboard.press('Space');
    await waitForFilteredSearch(page, { source: [SOURCE_A], sort: 'newest' });
    const a = await active();
    assert.equal(a.value, SOURCE_A, 'focus stays on the checkbox after the list is redrawn');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none', 'the focused checkbox shows it');
    await page.keyboard.press('Space');
    await waitForFilteredSearch(page, { source: [], sort: 'newest' });

    // Back up to the pagination with Shift+Tab; Enter on "Sau ›".
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Shift+Tab');
      if ((await active()).text === 'Sau ›') break;
    }
    assert.equal((await active()).text, 'Sau ›');
    await page.keyboard.press('Enter');
    await waitForFilteredSearch(page, { page: '2', sort: 'newest' });
    assert.equal((await active()).id, 'stats', 'a new page starts reading at its top');
  });

  uiTest('filters at 360 px', async ({ page }) => {
    await page.goto(searchUrl('tỉnh', 1, { source: SOURCE_B }));
    await waitForFilteredSearch(page, { q: 'tỉnh', source: [SOURCE_B] });
    await expectFilterPanel(page);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= MOBILE.width, `page is ${width}px wide`);
    // One column: the panel follows the results, with links between them.
    const results = await page.locator('#main ol.results').boundingBox();
    const panel = await page.locator('#filters').boundingBox();
    assert.ok(panel.y > results.y + results.height, 'the filter panel is below the results');
    assert.ok(panel.width >= 300, `the panel uses the width (${panel.width}px)`);
    await page.click('#main a.to-filters');
    await page.waitForFunction(() => document.getElementById('filters').getBoundingClientRect().top < 100);
    const box = await facetBox(page, 'source', SOURCE_B).boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= MOBILE.width);
  }, { viewport: MOBILE, contextOptions: { isMobile: true, hasTouch: true } });
});

// The date fields are text fields that show and take dd/mm/yyyy whatever the
// browser's language (this headless chromium's is English, where
// <input type="date"> would show mm/dd/yyyy); the URL keeps ISO dates.
// Parsing itself is tested without a browser in dates.test.mjs.

/** Waits until the date error line matches `re`; returns its text. */
async function waitForDateError(page, re) {
  await page.waitForFunction((source) => new RegExp(source).test(document.getElementById('date-error').textContent),
    re.source);
  return page.textContent('#date-error');
}

/** Replaces a field's text by typing, key by key (no "emptied" moment in between). */
async function retype(page, selector, text) {
  await page.click(selector);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

/** The filter chip's accessible names. */
function chips(page) {
  return page.$$eval('#main .active-filters .chip', (cs) => cs.map((c) => c.getAttribute('aria-label')));
}

describe('date fields', () => {
  uiTest('dates typed day first filter, and the URL keeps ISO', async ({ page }) => {
    await page.goto(searchUrl('tỉnh'));
    await waitForSearch(page, 'tỉnh');
    await expectFilterPanel(page);
    const all = await statsTotal(page);
    // Text fields with the Vietnamese format as placeholder and as a visible
    // hint that a screen reader also reads with each field.
    for (const [id, label] of [['from', 'Từ ngày'], ['to', 'Đến ngày']]) {
      assert.deepEqual(await page.$eval(`#${id}`, (e) => ({
        type: e.type, placeholder: e.placeholder, inputMode: e.inputMode, autocomplete: e.autocomplete,
        describedBy: e.getAttribute('aria-describedby'), label: e.labels[0]?.textContent,
      })), {
        type: 'text', placeholder: 'dd/mm/yyyy', inputMode: 'numeric', autocomplete: 'off',
        describedBy: 'date-hint date-error', label,
      });
    }
    assert.ok(await page.isVisible('#date-hint'));
    assert.match(await page.textContent('#date-hint'), /^Ngày\/tháng\/năm, ví dụ 31\/12\/2019$/);

    // Typed key by key, one-digit day and month: one search, once the date is whole.
    const searches = recordSearches(page);
    await page.click('#from');
    await page.keyboard.type('1/7/2019');
    await waitForFilteredSearch(page, { q: 'tỉnh', from: '2019-07-01', to: [] });
    assert.equal(searches.length, 1, `searches while typing: ${searches.join(', ')}`);
    const since = await hitDetails(page);
    assert.ok(since.length >= 1 && (await statsTotal(page)) < all);
    for (const h of since) assert.ok(h.date >= '2019-07-01', `${h.id}: ${h.date}`);
    assert.deepEqual(await chips(page), ['Bỏ bộ lọc từ 01/07/2019']);
    assert.equal(await page.inputValue('#from'), '1/7/2019', 'the text under the caret is left alone');

    // Dots, and Enter: applied at once, and shown back the one way.
    await page.click('#to');
    await page.keyboard.type('31.12.2020');
    await page.keyboard.press('Enter');
    await waitForFilteredSearch(page, { from: '2019-07-01', to: '2020-12-31' });
    assert.equal(await page.inputValue('#to'), '31/12/2020');
    assert.equal(await page.inputValue('#from'), '01/07/2019');
    for (const h of await hitDetails(page)) assert.ok(h.date >= '2019-07-01' && h.date <= '2020-12-31', `${h.id}: ${h.date}`);
    assert.deepEqual(await chips(page), ['Bỏ bộ lọc 01/07/2019 – 31/12/2020']);

    // 01/02/2020 is the 1st of February, whatever the browser's language.
    await retype(page, '#from', '01/02/2020');
    await waitForFilteredSearch(page, { from: '2020-02-01', to: '2020-12-31' });
    for (const h of await hitDetails(page)) assert.ok(h.date >= '2020-02-01', `${h.id}: ${h.date}`);

    // Back and forward, and a reload: the fields show the URL's dates day first.
    await page.goBack();
    await waitForFilteredSearch(page, { from: '2019-07-01', to: '2020-12-31' });
    assert.deepEqual([await page.inputValue('#from'), await page.inputValue('#to')], ['01/07/2019', '31/12/2020']);
    await page.goForward();
    await waitForFilteredSearch(page, { from: '2020-02-01', to: '2020-12-31' });
    await page.reload();
    await waitForFilteredSearch(page, { q: 'tỉnh', from: '2020-02-01', to: '2020-12-31' });
    assert.deepEqual([await page.inputValue('#from'), await page.inputValue('#to')], ['01/02/2020', '31/12/2020']);

    // An emptied field removes that bound.
    await page.fill('#from', '');
    await waitForFilteredSearch(page, { q: 'tỉnh', from: [], to: '2020-12-31' });
    assert.deepEqual(await chips(page), ['Bỏ bộ lọc đến 31/12/2020']);

    // A year quick-pick fills both fields.
    await page.click('#filters .years a:text-is("2018")');
    await waitForFilteredSearch(page, { q: 'tỉnh', from: '2018-01-01', to: '2018-12-31' });
    assert.deepEqual([await page.inputValue('#from'), await page.inputValue('#to')], ['01/01/2018', '31/12/2018']);
  });

  uiTest('a date that does not exist is named and searches nothing', async ({ page }) => {
    const range = { from: '2019-01-01', to: '2019-12-31' };
    await page.goto(searchUrl('tỉnh', 1, range));
    await waitForFilteredSearch(page, { q: 'tỉnh', ...range });
    await expectFilterPanel(page);
    const shown = await hits(page);
    const searches = recordSearches(page);

    // Typed in full, no Enter: the message comes after the pause, naming the field.
    await page.fill('#to', '29/02/2019');
    const text = await waitForDateError(page, /Đến ngày/);
    assert.equal(text, 'Đến ngày: ngày 29/02/2019 không có thật — tháng 2/2019 chỉ có 28 ngày.');
    assert.equal(await page.getAttribute('#to', 'aria-invalid'), 'true');
    assert.equal(await page.getAttribute('#from', 'aria-invalid'), null);
    assert.deepEqual(fullUrlState(page), { ...fullUrlState(page), ...range });
    assert.deepEqual(await hits(page), shown, 'the results stay those of the last good range');

    // Both fields wrong: both named, one line each.
    await retype(page, '#from', '31/02/2020');
    await page.keyboard.press('Enter');
    assert.equal(await waitForDateError(page, /Từ ngày/),
      'Từ ngày: ngày 31/02/2020 không có thật — tháng 2/2020 chỉ có 29 ngày.\n'
      + 'Đến ngày: ngày 29/02/2019 không có thật — tháng 2/2019 chỉ có 28 ngày.');
    assert.equal(await page.getAttribute('#from', 'aria-invalid'), 'true');
    assert.equal(searches.length, 0, 'nothing was searched');

    // Corrected: searched, the messages go.
    await retype(page, '#from', '01/01/2019');
    await retype(page, '#to', '28/02/2019');
    await waitForFilteredSearch(page, { q: 'tỉnh', from: '2019-01-01', to: '2019-02-28' });
    assert.equal(await page.textContent('#date-error'), '');
    assert.equal(await page.getAttribute('#to', 'aria-invalid'), null);
    const searched = searches.length;

    // A 2-digit year: nothing said while it may still be being typed; on
    // leaving the field, a message (no guessing 1919 or 2019).
    await retype(page, '#from', '1/1/19');
    await page.waitForTimeout(700);
    assert.equal(await page.textContent('#date-error'), '');
    await page.keyboard.press('Tab');
    assert.match(await waitForDateError(page, /Từ ngày/), /^Từ ngày: năm phải viết đủ 4 chữ số, ví dụ 31\/12\/2019/);

    // Month first, the English way: said how to write it.
    await retype(page, '#from', '12/31/2018');
    await page.keyboard.press('Enter');
    assert.match(await waitForDateError(page, /Gõ ngày trước/), /Từ ngày: ngày 12\/31\/2018 không có thật — tháng chỉ từ 1 đến 12\. Gõ ngày trước, tháng sau: 31\/12\/2018\./);

    // Not a date at all.
    await retype(page, '#from', 'hôm qua');
    await page.keyboard.press('Enter');
    assert.match(await waitForDateError(page, /hôm qua/), /^Từ ngày: “hôm qua” không phải là ngày/);
    assert.equal(searches.length, searched, 'no search for a date that is not one');
    assert.equal(fullUrlState(page).from, '2019-01-01');
    await page.locator('#date-error').scrollIntoViewIfNeeded();
  });

  uiTest('an ISO date pasted or typed is accepted', async ({ page, context }) => {
    await page.goto(searchUrl('tỉnh'));
    await waitForSearch(page, 'tỉnh');
    await expectFilterPanel(page);

    // Pasted from elsewhere (a URL, a spreadsheet): taken, and shown day first at once.
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.evaluate(() => navigator.clipboard.writeText('2019-06-30'));
    await page.click('#to');
    await page.keyboard.press('ControlOrMeta+V');
    assert.equal(await page.inputValue('#to'), '30/06/2019');
    await waitForFilteredSearch(page, { q: 'tỉnh', to: '2019-06-30', from: [] });
    for (const h of await hitDetails(page)) assert.ok(h.date && h.date <= '2019-06-30', `${h.id}: ${h.date}`);

    // Typed ISO, then Tab: applied, shown day first once the field is left.
    await page.click('#from');
    await page.keyboard.type('2018-01-01');
    await page.keyboard.press('Tab');
    await waitForFilteredSearch(page, { q: 'tỉnh', from: '2018-01-01', to: '2019-06-30' });
    assert.equal(await page.inputValue('#from'), '01/01/2018');
    assert.equal(await page.textContent('#date-error'), '');
  });
});

describe('estimated facets', () => {
  uiTest('counts from a sample are marked as estimates', async ({ page }) => {
    // What the server answers for a search too broad to count whole
    // (facets_exact false): the same lists, counted from a sample.
    await page.route('**/api/search?*', async (route) => {
      const response = await route.fetch();
      const data = await response.json();
      if (data.facets) {
        data.facets_exact = false;
        for (const list of Object.values(data.facets)) for (const f of list) f.count *= 40;
      }
      await route.fulfill({ response, json: data });
    });
    await page.goto(searchUrl('tỉnh'));
    await waitForSearch(page, 'tỉnh');
    await expectFilterPanel(page);
    const label = page.locator('#filters fieldset[data-field="source"] label', {
      has: page.locator(`input[value="${SOURCE_A}"]`),
    });
    const count = label.locator('.count');
    assert.match(await count.textContent(), /^≈\u00a0khoảng \d[\d.]* bài$/);
    assert.equal(await count.getAttribute('title'),
      'Ước tính: kết quả quá nhiều để đếm hết, số này tính từ một mẫu');
    // Read out as "khoảng 360 bài", not "approximately equal to".
    assert.equal(await count.locator('[aria-hidden="true"]').textContent(), '≈\u00a0');
    // The quick picks by year too.
    const year = page.locator('#filters .years .count').first();
    assert.match(await year.textContent(), /^ \(≈\u00a0khoảng \d[\d.]*\)$/);
  });
});

describe('older server', () => {
  uiTest('without facets and related articles the page still works', async ({ page }) => {
    // What a server from before the filters API answers: no "facets" in a
    // search, 404 for the related route.
    await page.route('**/api/search?*', async (route) => {
      const response = await route.fetch();
      const data = await response.json();
      delete data.facets;
      delete data.facets_exact;
      await route.fulfill({ response, json: data });
    });
    await page.route('**/api/articles/*/related?*', (route) => route.fulfill({
      status: 404, contentType: 'application/json', body: '{"error":"no article with id \\"x/related\\""}',
    }));
    await page.goto(searchUrl('tỉnh', 1, { source: SOURCE_A }));
    await waitForSearch(page, 'tỉnh');
    // No panel, no sort menu: filters the server would ignore are not offered.
    assert.equal(await page.isVisible('#filters'), false);
    assert.equal(await page.locator('#sort').count(), 0);
    assert.ok((await hits(page)).length >= 1);
    assert.equal(await page.locator('#main .active-filters').count(), 0, 'no claim of a filter in effect');
    await page.click('#main li.hit:first-child a[data-id]');
    await page.waitForSelector('#main[data-view="article"][aria-busy="false"]');
    await page.waitForTimeout(300); // the related request has failed by now
    assert.equal(await page.isVisible('#related'), false);
    assert.equal(await page.locator('#main [role="alert"]').count(), 0);
  });
});
