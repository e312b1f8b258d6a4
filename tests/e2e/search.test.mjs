// Searching: accented and unaccented queries, as-you-type, Enter, pages,
// and the empty, loading, no-result and error states.

import assert from 'node:assert/strict';
import { describe } from 'node:test';
import {
  fold, hits, marks, recordSearches, searchUrl, statsTotal, uiTest, urlState, waitForSearch,
} from './lib.mjs';

// In corpus/sample this article ranks first for the query with or without marks.
const DAN_VAN_ID = 'bdv-2017-0003';

/** Checks the first page of results for a "công tác dân vận" query. */
async function expectDanVanResults(page) {
  const list = await hits(page);
  assert.ok(list.length >= 1 && list.length <= 10, `1..10 hits on a page, got ${list.length}`);
  assert.equal(list[0].id, DAN_VAN_ID);
  assert.match(list[0].title.toLowerCase(), /công tác dân vận/);

  const stats = await page.textContent('#stats');
  // Exact totals are given as such; "Khoảng" only for an estimate.
  assert.match(stats, /^[\d.]+ kết quả \((?:dưới )?\d+,\d{3} giây\)/);

  // Snippets highlight the original (accented) words, whatever was typed.
  const firstMarks = await marks(page, '#main li.hit:first-child .snippet');
  assert.ok(firstMarks.length > 0, 'the first snippet has <mark> highlights');
  for (const m of firstMarks) {
    assert.ok(['cong', 'tac', 'dan', 'van'].includes(fold(m)), `unexpected highlight "${m}"`);
  }
  assert.ok(firstMarks.some((m) => m.toLowerCase() === 'dân'), `"dân" highlighted: ${firstMarks}`);
  assert.ok(firstMarks.some((m) => m.toLowerCase() === 'vận'), `"vận" highlighted: ${firstMarks}`);
}

describe('search', () => {
  uiTest('empty page', async ({ page }) => {
    await page.goto('./');
    await page.waitForSelector('#main[data-view="empty"] #intro-title');
    assert.equal(await page.textContent('#intro-title'), 'Tra cứu kho tin bài');
    // The search box has focus on load.
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'q');
    // The archive size, from api/health.
    await page.waitForFunction(() => /69 tin bài/.test(document.getElementById('footer-stats').textContent));
    // An example query is a link that searches.
    await page.click('#main .examples a >> text="cong tac dan van"');
    await waitForSearch(page, 'cong tac dan van');
    await expectDanVanResults(page);
  });

  uiTest('accented query', async ({ page }) => {
    await page.goto('./');
    await page.locator('#q').pressSequentially('công tác dân vận');
    await waitForSearch(page, 'công tác dân vận');
    await expectDanVanResults(page);
    assert.equal(await page.title(), 'công tác dân vận — tracuu — Tra cứu kho tin bài');
  });

  uiTest('unaccented query', async ({ page }) => {
    await page.goto('./');
    await page.locator('#q').pressSequentially('cong tac dan van');
    await waitForSearch(page, 'cong tac dan van');
    await expectDanVanResults(page);
  });

  uiTest('results as you type are debounced', async ({ page }) => {
    await page.goto('./');
    const searches = recordSearches(page);
    const historyBefore = await page.evaluate(() => history.length);
    const query = 'cong tac dan van';
    // 16 keystrokes, 40 ms apart: far quicker than the 250 ms debounce.
    await page.locator('#q').pressSequentially(query, { delay: 40 });
    await waitForSearch(page, query); // no Enter needed
    await expectDanVanResults(page);
    // One request for the final text, not one per keystroke (a slow, loaded
    // machine may let a pause or two through, hence not exactly 1).
    assert.ok(searches.length >= 1 && searches.length <= 4,
      `debounced: ${searches.length} requests for ${query.length} keystrokes: ${searches.join(' ')}`);
    assert.equal(new URL(searches.at(-1)).searchParams.get('q'), query);
    // Typing adds one history entry, not one per word.
    assert.equal(await page.evaluate(() => history.length), historyBefore + 1);
    // The text typed is kept as typed.
    assert.equal(await page.inputValue('#q'), query);
  });

  uiTest('enter searches at once', async ({ page }) => {
    await page.goto('./');
    const searches = recordSearches(page);
    await page.fill('#q', 'bán');
    await page.press('#q', 'Enter');
    await waitForSearch(page, 'bán');
    // Enter cancels the pending as-you-type request: exactly one search.
    assert.deepEqual(searches.map((u) => new URL(u).searchParams.get('q')), ['bán']);
    // Accent-aware: the 4 sample articles with "bán" itself rank first, and
    // their snippets highlight "bán", not "bạn", "bàn" or "bản".
    const list = await hits(page);
    assert.ok(list.length >= 4, `at least the 4 articles with "bán": ${list.length}`);
    for (let i = 1; i <= 4; i++) {
      const m = await marks(page, `#main li.hit:nth-child(${i}) .snippet`);
      assert.ok(m.length > 0, `hit ${i} has highlights`);
      for (const x of m) assert.equal(x.toLowerCase(), 'bán', `hit ${i} highlights "${x}"`);
    }
    assert.match(await page.textContent('#stats'), /^[\d.]+ kết quả/);
    assert.equal(urlState(page).q, 'bán');
  });

  uiTest('paginate', async ({ page }) => {
    await page.goto(searchUrl('tỉnh'));
    await waitForSearch(page, 'tỉnh');
    const first = await hits(page);
    assert.equal(first.length, 10);
    const total = await statsTotal(page);
    assert.ok(total > 10, `more than one page (${total})`);

    // The current page is marked; "‹ Trước" is disabled on page 1.
    assert.equal(await page.textContent('nav.pagination a[aria-current="page"]'), '1');
    assert.equal(await page.textContent('nav.pagination li.edge:first-child .disabled'), '‹ Trước');

    await page.click('nav.pagination a[aria-label="Trang 2"]');
    await waitForSearch(page, 'tỉnh', { pageNo: 2 });
    assert.deepEqual(urlState(page), { q: 'tỉnh', page: '2', id: null });
    const second = await hits(page);
    assert.ok(second.length >= 1);
    const firstIds = new Set(first.map((h) => h.id));
    for (const h of second) assert.ok(!firstIds.has(h.id), `${h.id} is on page 1 and page 2`);
    assert.equal(await page.getAttribute('#main ol.results', 'start'), '11');
    assert.match(await page.textContent('#stats'), /— trang 2$/);
    // Screen readers hear which page came, not only the same count again.
    await page.waitForFunction(() => / kết quả .* — trang 2$/.test(document.getElementById('live').textContent));
    assert.equal(await page.textContent('nav.pagination a[aria-current="page"]'), '2');
    // Moving to another page scrolls to the top of the new list.
    assert.equal(await page.evaluate(() => window.scrollY), 0);

    // "Sau ›" goes on to page 3, the browser's back returns to page 2.
    await page.click('nav.pagination a[rel="next"]');
    await waitForSearch(page, 'tỉnh', { pageNo: 3 });
    await page.goBack();
    await waitForSearch(page, 'tỉnh', { pageNo: 2 });
    assert.deepEqual(await hits(page), second);
    await page.goBack();
    await waitForSearch(page, 'tỉnh');
    assert.deepEqual(await hits(page), first);
  });

  uiTest('no results', async ({ page }) => {
    await page.goto('./');
    await page.fill('#q', 'xyzzyqw');
    await page.press('#q', 'Enter');
    await waitForSearch(page, 'xyzzyqw', { view: 'no-results' });
    const heading = await page.textContent('#main .no-results h1');
    assert.equal(heading, 'Không tìm thấy kết quả cho “xyzzyqw”');
    const tips = await page.$$eval('#main .no-results li', (li) => li.map((x) => x.textContent));
    assert.ok(tips.some((t) => /không dấu/.test(t)), `a tip about typing without marks: ${tips}`);
    // Screen readers are told too.
    await page.waitForFunction(() => document.getElementById('live').textContent
      === 'Không tìm thấy kết quả cho xyzzyqw');
    // No filter panel beside nothing: it could only narrow it further.
    assert.equal(await page.isVisible('#filters'), false);
    // With a filter on, the panel stays, to change it (its date day first).
    await page.goto(searchUrl('xyzzyqw', 1, { from: '2019-01-01' }));
    await waitForSearch(page, 'xyzzyqw', { view: 'no-results' });
    assert.equal(await page.inputValue('#from'), '01/01/2019');
    assert.equal(await page.textContent('#main .active-filters .chip'), 'từ 01/01/2019 ×');
  });

  uiTest('error messages in Vietnamese', async ({ page }) => {
    await page.goto('./');
    const alert = page.locator('#main [role="alert"]');
    const detail = alert.locator('details.error-detail');

    // Over the server's 1000-byte limit: a 400 whose English text is kept
    // out of the way, in a collapsed "Chi tiết kỹ thuật".
    const query = 'a'.repeat(1001);
    await page.fill('#q', query);
    await page.press('#q', 'Enter');
    await waitForSearch(page, query, { view: 'error' });
    assert.equal(await alert.locator('h1').textContent(), 'Không thực hiện được tìm kiếm');
    assert.match(await alert.locator('.error-message').textContent(), /^Từ khóa quá dài \(1001 byte; tối đa 1000 byte/);
    assert.equal(await detail.getAttribute('open'), null, 'details start collapsed');
    assert.equal(await detail.locator('code').textContent(), 'parameter q is 1001 bytes; the limit is 1000');
    assert.equal(await detail.locator('code').isVisible(), false);
    // No "Thử lại": the same text would fail the same way; the box says what to change.
    assert.equal(await alert.locator('button').count(), 0);
    assert.equal(await page.getAttribute('#q', 'aria-invalid'), 'true');

    // One word over 64 bytes: the server drops it and has nothing to search.
    const word = 'khongcokhoangtrang'.repeat(4); // 72 bytes
    await page.fill('#q', word);
    await page.press('#q', 'Enter');
    await waitForSearch(page, word, { view: 'error' });
    assert.match(await alert.locator('.error-message').textContent(), /mỗi từ dài tối đa 64 byte/);

    // The server overloaded (503), and no server at all.
    await page.route('**/api/search?*', (route) => route.fulfill({
      status: 503, contentType: 'application/json', body: '{"error":"index is being swapped"}',
    }));
    await page.fill('#q', 'tỉnh');
    await page.press('#q', 'Enter');
    await waitForSearch(page, 'tỉnh', { view: 'error' });
    assert.match(await alert.locator('.error-message').textContent(), /^Máy chủ tra cứu đang bận/);
    await page.unrouteAll();
    await page.route('**/api/search?*', (route) => route.abort('connectionrefused'));
    await alert.locator('button', { hasText: 'Thử lại' }).click();
    await page.waitForFunction(() => /Không kết nối được/.test(document.querySelector('#main .error-message')?.textContent));
    // Once the server is back, "Thử lại" shows the results.
    await page.unrouteAll();
    await alert.locator('button', { hasText: 'Thử lại' }).click();
    await waitForSearch(page, 'tỉnh');
  }, {
    // Chromium logs every 4xx/5xx response and refused connection as a console error.
    allowConsole: [/status of (400 \(Bad Request\)|503)/, /ERR_CONNECTION_REFUSED|ERR_FAILED/],
  });

  uiTest('a query the server cannot parse is explained at the box', async ({ page }) => {
    const alert = page.locator('#main [role="alert"]');
    const message = alert.locator('.error-message');
    // Loaded (a shared link, Enter): the message in <main>, in Vietnamese,
    // with where the mistake is; the box marked invalid and described by it.
    await page.goto(searchUrl('(dân vận AND tỉnh'));
    await waitForSearch(page, '(dân vận AND tỉnh', { view: 'error' });
    assert.equal(await alert.locator('h1').textContent(), 'Từ khóa chưa đúng cú pháp');
    assert.match(await message.textContent(),
      /^Dấu “\(” chưa được đóng: thiếu dấu “\)”\. Chỗ sai ở ký tự thứ 1: “\(dân vận AND tỉnh”\./);
    // The place itself is marked in the quoted query (the server's "position").
    assert.deepEqual(await message.locator('mark.syntax-at').allTextContents(), ['(']);
    assert.equal(await alert.locator('button').count(), 0, 'no "Thử lại": the same text fails the same way');
    assert.equal(await page.getAttribute('#q', 'aria-invalid'), 'true');
    const describedBy = (await page.getAttribute('#q', 'aria-describedby')).split(' ');
    assert.ok(describedBy.includes(await message.getAttribute('id')), `aria-describedby ${describedBy}`);

    await page.fill('#q', 'AND');
    await page.press('#q', 'Enter');
    await waitForSearch(page, 'AND', { view: 'error' });
    assert.match(await message.textContent(), /^Trước “AND” cần có từ để tìm\./);
    assert.deepEqual(await message.locator('mark.syntax-at').allTextContents(), ['AND']);
    // Told apart by what the server names, not by words of the query it
    // quotes: "to" and "page" here are search words, not the date or page.
    // (A "(" left open is syntax only beside other syntax: alone it is a
    // pasted headline's and searches its words.)
    for (const [q, expected] of [['(nhà OR to', /^Dấu “\(” chưa được đóng/], ['(page OR tin', /^Dấu “\(” chưa được đóng/],
      ['dân AND *', /^Chỗ này không có chữ hay số nào để tìm\./]]) {
      await page.fill('#q', q);
      await page.press('#q', 'Enter');
      await waitForSearch(page, q, { view: 'error' });
      assert.match(await message.textContent(), expected, q);
    }

    // Typed on the way to a good query: the results stay and the message
    // goes under the box, no alert at each pause; it clears once the query parses.
    await page.fill('#q', 'dân vận');
    await page.press('#q', 'Enter');
    await waitForSearch(page, 'dân vận');
    assert.equal(await page.getAttribute('#q', 'aria-invalid'), null);
    const before = await hits(page);
    await page.locator('#q').pressSequentially(' AND');
    await page.waitForSelector('#q-error:not([hidden])');
    assert.equal(await page.textContent('#q-error'), 'Sau “AND” cần có từ để tìm. Chỗ sai ở ký tự thứ 9: “dân vận AND”. '
      + 'Ngoặc ( ), ngoặc kép và các từ viết hoa AND, OR, NOT là cú pháp tìm kiếm: muốn tìm chúng như chữ thường, '
      + 'hãy bỏ chúng đi hoặc viết thường.');
    assert.deepEqual(await page.locator('#q-error mark.syntax-at').allTextContents(), ['AND']);
    assert.equal(await page.getAttribute('#main', 'data-view'), 'results');
    assert.deepEqual(await hits(page), before);
    assert.equal(await page.locator('[role="alert"]').count(), 0);
    assert.equal(await page.getAttribute('#q', 'aria-describedby'), 'q-error search-hint');
    await page.locator('#q').pressSequentially(' tỉnh');
    await waitForSearch(page, 'dân vận AND tỉnh');
    assert.equal(await page.isVisible('#q-error'), false);
    assert.equal(await page.getAttribute('#q', 'aria-invalid'), null);
    assert.equal(await page.getAttribute('#q', 'aria-describedby'), 'search-hint');
  }, { allowConsole: [/status of 400/] });

  uiTest('a busy server that says when is asked again by itself', async ({ page }) => {
    let calls = 0;
    await page.route('**/api/search?*', (route) => {
      calls += 1;
      if (calls > 1) return route.continue();
      return route.fulfill({
        status: 503, contentType: 'application/json', headers: { 'Retry-After': '1' },
        body: '{"error":"server overloaded: too many requests are waiting; retry in a moment"}',
      });
    });
    await page.goto(searchUrl('tỉnh'));
    await waitForSearch(page, 'tỉnh', { view: 'error' });
    assert.match(await page.textContent('#main .error-message'),
      /^Máy chủ tra cứu đang bận.* Tự động thử lại sau 1 giây…$/);
    assert.equal(await page.locator('#main .error button', { hasText: 'Thử lại' }).count(), 1);
    // No click: the results come once the second asking is answered.
    await waitForSearch(page, 'tỉnh');
    assert.equal(calls, 2);
  }, { allowConsole: [/status of 503/] });

  uiTest('a search the time limit cut short says its hits are not all', async ({ page }) => {
    // The server's "timed_out" (--query-time-limit): the corpus is too small
    // to reach it, so the answer is changed on its way.
    await page.route('**/api/search?*', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), total_exact: false, timed_out: true } });
    });
    await page.goto(searchUrl('công tác'));
    await waitForSearch(page, 'công tác');
    assert.match(await page.textContent('#partial-note'), /^Từ khóa quá rộng nên máy chủ đã dừng tìm/);
    assert.match(await page.textContent('#stats'), /^Khoảng [\d.]+ kết quả/);
    await page.unrouteAll();
    await page.fill('#q', 'dân vận');
    await page.press('#q', 'Enter');
    await waitForSearch(page, 'dân vận');
    assert.equal(await page.locator('#partial-note').count(), 0, 'a whole answer has no such note');
  });

  uiTest('an estimated total, and the suggestion runs its search', async ({ page }) => {
    await page.route('**/api/search?*', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), total_exact: false } });
    });
    await page.goto(searchUrl('tiêm chủnng', 1, { from: '2016-01-01' }));
    await waitForSearch(page, 'tiêm chủnng');
    assert.match(await page.textContent('#stats'), /^Khoảng [\d.]+ kết quả/);
    await page.waitForFunction(() => /^Khoảng [\d.]+ kết quả/.test(document.getElementById('live').textContent));
    // "Có phải bạn muốn tìm: tiêm chủng?", by keyboard; the filter stays.
    assert.equal(await page.textContent('#suggestion-link'), 'tiêm chủng');
    await page.focus('#suggestion-link');
    await page.keyboard.press('Enter');
    await waitForSearch(page, 'tiêm chủng');
    assert.equal(await page.inputValue('#q'), 'tiêm chủng');
    assert.equal(new URL(page.url()).searchParams.get('from'), '2016-01-01');
  });

  uiTest('a query that finds nothing shows what its suggestion finds, and says so', async ({ page }) => {
    // A suggestion that finds nothing either leaves the "nothing found" page.
    await page.goto(searchUrl('xyzzyqw'));
    await waitForSearch(page, 'xyzzyqw', { view: 'no-results' });
    assert.equal(await page.locator('#searched-instead').count(), 0);
    // Keys of an input method that was off are searched as the words they
    // spell by the server itself: results, and the clean spelling offered.
    await page.fill('#q', 'tieem chungr');
    await page.press('#q', 'Enter');
    await waitForSearch(page, 'tieem chungr');
    assert.equal(await page.locator('#searched-instead').count(), 0);
    assert.equal(await page.textContent('#suggestion-link'), 'tiêm chủng');
    assert.ok((await hits(page))[0].title.toLowerCase().includes('tiêm chủng'));
    // A misspelling that matches nothing: its suggestion is searched at once.
    const searches = recordSearches(page);
    await page.fill('#q', 'chủnng');
    await page.press('#q', 'Enter');
    await waitForSearch(page, 'chủnng');
    assert.equal(await page.textContent('#searched-instead'),
      'Không tìm thấy kết quả cho “chủnng”. Đang hiển thị kết quả cho “chủng”.');
    const shown = await hits(page);
    assert.ok(shown.length >= 1);
    assert.deepEqual(searches.map((url) => new URL(url).searchParams.get('q')), ['chủnng', 'chủng']);
    // What was typed stays typed; the screen reader hears both queries.
    assert.equal(await page.inputValue('#q'), 'chủnng');
    await page.waitForFunction(() => /^Không tìm thấy kết quả cho chủnng\. Đang hiển thị kết quả cho chủng: /
      .test(document.getElementById('live').textContent));
    // The page leads on with the suggestion: its links search it.
    const link = new URL(await page.getAttribute('#searched-instead-link', 'href'), page.url());
    assert.equal(link.searchParams.get('q'), 'chủng');
    const articleLink = new URL(await page.getAttribute('#main ol.results a[data-id]', 'href'), page.url());
    assert.equal(articleLink.searchParams.get('q'), 'chủng');
  });

  uiTest('nothing found within the filters: search again without them', async ({ page }) => {
    await page.goto(searchUrl('tiêm chủng', 1, { category: 'Nông nghiệp' }));
    await waitForSearch(page, 'tiêm chủng', { view: 'no-results' });
    await page.click('#clear-filters-link');
    await waitForSearch(page, 'tiêm chủng');
    assert.ok((await hits(page)).length >= 1);
    assert.deepEqual(new URL(page.url()).searchParams.getAll('category'), []);
  });

  uiTest('queries with & # % + quotes survive the URL, reload and back', async ({ page }) => {
    // And a long pasted text, near the API's 1000-byte limit.
    let long = 'Tỉnh ủy';
    while (Buffer.byteLength(`${long} tổng kết công tác dân vận & KH&CN`) < 1000) long += ' tổng kết công tác dân vận & KH&CN';
    const queries = ['KH&CN "dân vận" #1 50% +tỉnh “Sở Y tế” \'x\' a=b/c?d', long];
    const searches = recordSearches(page);
    await page.goto('./');
    for (const q of queries) {
      await page.fill('#q', q);
      await page.press('#q', 'Enter');
      await page.waitForFunction((q) => new URLSearchParams(location.search).get('q') === q
        && document.getElementById('main').getAttribute('aria-busy') === 'false', q);
      assert.equal(new URL(searches.at(-1)).searchParams.get('q'), q, 'the API gets the text as typed');
    }
    await page.reload();
    await page.waitForSelector('#main[aria-busy="false"]');
    assert.equal(await page.inputValue('#q'), queries[1]);
    await page.goBack();
    await page.waitForFunction((q) => document.getElementById('q').value === q
      && document.getElementById('main').getAttribute('aria-busy') === 'false', queries[0]);
    assert.equal(new URL(searches.at(-1)).searchParams.get('q'), queries[0]);
  });

  uiTest('loading state', async ({ page }) => {
    // Hold the search response until the loading state has been checked.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route('**/api/search?*', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(searchUrl('công tác dân vận'));
    await page.waitForSelector('#main[data-view="loading"][aria-busy="true"]');
    assert.equal(await page.textContent('#main .loading-text'), 'Đang tìm kiếm…');
    assert.equal(await page.isVisible('#progress'), true);
    release();
    await waitForSearch(page, 'công tác dân vận');
    assert.equal(await page.isVisible('#progress'), false);
    await expectDanVanResults(page);
  });

  uiTest('a search under a millisecond does not claim 0 seconds', async ({ page }) => {
    await page.route('**/api/search?*', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), took_ms: 0.2 } });
    });
    await page.goto(searchUrl('công tác dân vận'));
    await waitForSearch(page, 'công tác dân vận');
    assert.match(await page.textContent('#stats'), /^[\d.]+ kết quả \(dưới 0,001 giây\)$/);
  });
  uiTest('titles are marked with the server\'s words: a wildcard marks its completions', async ({ page }) => {
    // The search answer's `highlight` holds the beginning "ngh" of "công ngh*";
    // the query read in the page alone has no wildcards and marked no "nghệ".
    await page.goto(searchUrl('công ngh*'));
    await waitForSearch(page, 'công ngh*');
    const titleMarks = (await marks(page, '#main li.hit .hit-title')).map((m) => m.toLowerCase());
    assert.ok(titleMarks.includes('nghệ'), `"nghệ" marked in a title: ${titleMarks}`);
    assert.ok(titleMarks.every((m) => m === 'công' || fold(m).startsWith('ngh')), `only công and ngh…: ${titleMarks}`);
    // Opened from the results, the article's title takes the same words.
    const id = (await hits(page)).find((h) => /công nghệ/i.test(h.title))?.id;
    assert.ok(id, 'a hit titled with "công nghệ"');
    await page.click(`#main li.hit a[data-id="${id}"]`);
    await page.waitForFunction((id) => new URLSearchParams(window.location.search).get('id') === id
      && document.getElementById('main').dataset.view === 'article', id);
    const articleMarks = (await marks(page, '#article-title')).map((m) => m.toLowerCase());
    assert.ok(articleMarks.includes('nghệ'), `"nghệ" marked in the article's title: ${articleMarks}`);
  });
});
