// The article view, going back to the results, and shared URLs opened afresh.

import assert from 'node:assert/strict';
import { describe } from 'node:test';
import {
  fold, fullUrlState, hits, marks, recordSearches, searchUrl, uiTest, urlState, waitForArticle, waitForSearch,
} from './lib.mjs';


const DAN_VAN_ID = 'bdv-2017-0003';
// A .txt article: its id has "/" in it.
const TXT_ID = 'txt/ubnd/tiep-cong-dan-dinh-ky-thang-4.txt';

/** Checks the article view of bdv-2017-0003 opened from query q. */
async function expectDanVanArticle(page, q) {
  const title = await page.textContent('#article-title');
  assert.match(title.toLowerCase(), /công tác dân vận/);
  // Query words are highlighted in the title and the body, accent-aware:
  // whatever was typed, the marks show the text as written.
  const terms = new Set(fold(q).split(/\s+/));
  const titleMarks = await marks(page, '#article-title');
  assert.deepEqual(titleMarks.map((m) => m.toLowerCase()), ['công', 'tác', 'dân', 'vận']);
  const bodyMarks = await marks(page, '#main .article-body');
  assert.ok(bodyMarks.length >= 4, `highlights in the body: ${bodyMarks.length}`);
  for (const m of bodyMarks) assert.ok(terms.has(fold(m)), `unexpected highlight "${m}"`);
  const paragraphs = await page.$$eval('#main .article-body p', (ps) => ps.map((p) => p.textContent));
  assert.ok(paragraphs.length >= 2, 'the full text, in paragraphs');
  assert.ok(paragraphs.join(' ').length > 500, 'the full text, not a snippet');
  // Metadata.
  const meta = await page.$$eval('#main .article-meta dt', (dts) => dts.map((d) => d.textContent));
  assert.ok(meta.includes('Ngày đăng') && meta.includes('Nguồn'), `metadata: ${meta}`);
  assert.equal(await page.textContent('#back-link'), '← Quay lại kết quả');
}

describe('article', () => {
  uiTest('open an article and go back', async ({ page }) => {
    const q = 'cong tac dan van';
    await page.goto('./');
    await page.fill('#q', q);
    await page.press('#q', 'Enter');
    await waitForSearch(page, q);
    const list = await hits(page);
    assert.equal(list[0].id, DAN_VAN_ID);

    await page.click(`#main a[data-id="${DAN_VAN_ID}"]`);
    await waitForArticle(page, DAN_VAN_ID);
    assert.deepEqual(urlState(page), { q, page: null, id: DAN_VAN_ID });
    await expectDanVanArticle(page, q);
    assert.match(await page.title(), /^Tổng kết công tác dân vận/);
    // Focus moves to the article title, for keyboard and screen reader users.
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'article-title');

    // The browser's back button: the same results, the URL of the search,
    // and focus on the link that was followed.
    await page.goBack();
    await waitForSearch(page, q);
    assert.deepEqual(await hits(page), list);
    assert.deepEqual(urlState(page), { q, page: null, id: null });
    assert.equal(await page.inputValue('#q'), q);
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.id), DAN_VAN_ID);

    // Forward again, then the page's own "← Quay lại kết quả" link.
    await page.goForward();
    await waitForArticle(page, DAN_VAN_ID);
    await page.click('#back-link');
    await waitForSearch(page, q);
    assert.deepEqual(await hits(page), list);
    assert.deepEqual(urlState(page), { q, page: null, id: null });
  });

  uiTest('back from an article opened on page 2', async ({ page }) => {
    await page.goto(searchUrl('tỉnh', 2));
    await waitForSearch(page, 'tỉnh', { pageNo: 2 });
    const list = await hits(page);
    const target = list[3];
    await page.click(`#main a[data-id="${target.id}"]`);
    await waitForArticle(page, target.id);
    assert.deepEqual(urlState(page), { q: 'tỉnh', page: '2', id: target.id });
    assert.equal(await page.textContent('#article-title'), target.title);
    const m = await marks(page, '#main .article');
    assert.ok(m.length > 0 && m.every((x) => x.toLowerCase() === 'tỉnh'), `"tỉnh" highlighted: ${m}`);
    await page.click('#back-link');
    await waitForSearch(page, 'tỉnh', { pageNo: 2 });
    assert.deepEqual(await hits(page), list);
  });

  uiTest('reload a shared results url', async ({ page, newContext, setShotPage }) => {
    await page.goto(searchUrl('tỉnh'));
    await waitForSearch(page, 'tỉnh');
    await page.click('nav.pagination a[aria-label="Trang 2"]');
    await waitForSearch(page, 'tỉnh', { pageNo: 2 });
    const shown = await hits(page);
    const shared = page.url();

    // Reload: the same page of the same results.
    await page.reload();
    await waitForSearch(page, 'tỉnh', { pageNo: 2 });
    assert.deepEqual(await hits(page), shown);

    // Someone else opens the link: a new context, straight to page 2.
    const other = await (await newContext()).newPage();
    setShotPage(other);
    await other.goto(shared);
    await waitForSearch(other, 'tỉnh', { pageNo: 2 });
    assert.deepEqual(await hits(other), shown);
    assert.equal(await other.inputValue('#q'), 'tỉnh');
    assert.match(await other.textContent('#stats'), /— trang 2$/);
  });

  uiTest('open a shared article url with a slash in its id', async ({ page }) => {
    // What the page itself links to: id first, "/" encoded by URLSearchParams.
    await page.goto(`./?${new URLSearchParams({ id: TXT_ID, q: 'tiếp công dân' })}`);
    await waitForArticle(page, TXT_ID);
    assert.match(await page.textContent('#article-title'), /tiếp công dân/i);
    const m = await marks(page, '#main .article-body');
    assert.ok(m.length > 0, 'query words highlighted in the body');
    // "← Quay lại kết quả" leads to the search, whose results include the article.
    await page.click('#back-link');
    await waitForSearch(page, 'tiếp công dân');
    assert.ok((await hits(page)).some((h) => h.id === TXT_ID));

    // Hand-written links with a raw "/" work too, and so does reload.
    await page.goto(`./?id=${TXT_ID}`);
    await waitForArticle(page, TXT_ID);
    await page.reload();
    await waitForArticle(page, TXT_ID);
    assert.equal(await page.textContent('#back-link'), '← Về trang tra cứu');
    assert.equal(await page.locator('#main .article-body mark').count(), 0, 'no query, no highlights');
  });

  uiTest('a shared article link is marked with its search\'s words, asked for once', async ({ page }) => {
    // "UBND huyện" and "Ủy ban MTTQ" in the body; "Bàn giao" in the title.
    const id = 'txt/mttq/ban-giao-nha-dai-doan-ket.txt';
    const searches = recordSearches(page);
    await page.goto(`./?${new URLSearchParams({ id, q: 'UBND' })}`);
    await waitForArticle(page, id);
    assert.deepEqual(await marks(page, '#main .article-body'), ['UBND']);
    // No UBND in the title: it falls back to the full form's words, exact as
    // the abbreviations file writes them ("Ủy ban nhân dân"): "ban", not "Bàn".
    assert.deepEqual(await marks(page, '#article-title'), []);
    assert.deepEqual(searches.map((u) => new URL(u).searchParams.get('q')), ['UBND']);
    // Back to the results: the answer is at hand, no second request.
    await page.click('#back-link');
    await waitForSearch(page, 'UBND');
    assert.ok((await hits(page)).length > 0, 'the results');
    assert.equal(searches.length, 1, `one search: ${searches.join(' ')}`);
  });

  uiTest('unknown article', async ({ page }) => {
    await page.goto(`./?${new URLSearchParams({ id: 'khong-co-bai-nay', q: 'tỉnh' })}`);
    await page.waitForSelector('#main[data-view="error"][aria-busy="false"]');
    assert.equal(await page.textContent('#main [role="alert"] h1'), 'Không tìm thấy bài viết');
    assert.equal(await page.textContent('#back-link'), '← Quay lại kết quả');
  }, { allowConsole: [/status of 404 \(Not Found\)/] });

  uiTest('highlights are accent-aware', async ({ page }) => {
    // snn-2018-0054 has "bán" and "bản"/"Bản"; stttt-2019-0012 has "ban",
    // "bàn", "bạn" and "bản" but no "bán".
    const open = async (id, q) => {
      await page.goto(`./?${new URLSearchParams({ id, q })}`);
      await waitForArticle(page, id);
      return (await marks(page, '#main .article')).map((m) => m.toLowerCase());
    };
    // Typed with marks: that exact word only.
    let m = await open('snn-2018-0054', 'bán');
    assert.ok(m.length > 0 && m.every((x) => x === 'bán'), `"bán" marks only bán: ${m}`);
    const text = await page.textContent('#main .article-body');
    assert.match(text, /\bbản\b|Bản/u, 'the article does have "bản" (left unmarked)');
    m = await open('stttt-2019-0012', 'bạn');
    assert.ok(m.length > 0 && m.every((x) => x === 'bạn'), `"bạn" marks only bạn: ${m}`);
    // Typed without marks: every accented form.
    m = await open('stttt-2019-0012', 'ban');
    for (const form of ['ban', 'bàn', 'bạn', 'bản']) assert.ok(m.includes(form), `"ban" marks ${form}: ${m}`);
    assert.ok(m.every((x) => fold(x) === 'ban'), `only forms of ban: ${m}`);
    // Mixed: "bạn" exact, "doc" any form ("đọc").
    m = await open('stttt-2019-0012', 'bạn doc');
    assert.ok(m.includes('bạn') && m.includes('đọc') && !m.includes('bàn'), `mixed query: ${m}`);
  });

  uiTest('hit titles are highlighted too', async ({ page }) => {
    await page.goto(searchUrl('cong tac dan van'));
    await waitForSearch(page, 'cong tac dan van');
    const m = await marks(page, '#main li.hit:first-child .hit-title');
    assert.deepEqual(m.map((x) => x.toLowerCase()), ['công', 'tác', 'dân', 'vận']);
    // The link's text is still the whole title.
    assert.match((await hits(page))[0].title, /^Tổng kết công tác dân vận/);
  });

  uiTest('fields: their names and the words of source, author and category filters stay unmarked', async ({ page }) => {
    // syt-2021-0052: source "Sở Y tế" (named three times in its body), author
    // "BS. Nguyễn Hải", about the first COVID-19 vaccines ("vắc xin").
    const id = 'syt-2021-0052';
    const open = async (q) => {
      await page.goto(`./?${new URLSearchParams({ id, q })}`);
      await waitForArticle(page, id);
      return {
        title: (await marks(page, '#article-title')).map((m) => m.toLowerCase()),
        body: (await marks(page, '#main .article-body')).map((m) => m.toLowerCase()),
      };
    };
    await open('vắc xin');
    assert.match(await page.textContent('#main .article-body'), /Sở Y tế/u, 'the body names the source');
    // A filter alone marks nothing, in either language, quoted or not.
    for (const q of ['nguồn:"Sở Y tế"', 'source:"so y te"', 'nguồn:Sở Y tế', 'chuyênmục:"Y tế"', 'tácgiả:"Nguyễn Hải"']) {
      const m = await open(q);
      assert.deepEqual([...m.title, ...m.body], [], `${q} marks nothing: ${[...m.title, ...m.body]}`);
    }
    // Beside a filter, the other words are marked, the filter's not.
    let m = await open('nguồn:Sở Y tế vắc xin');
    assert.ok(m.body.length > 0 && m.body.every((x) => x === 'vắc' || x === 'xin'), `only vắc xin: ${m.body}`);
    // title: words mark the title only; the field names are no words.
    m = await open('tiêuđề:"vắc xin" tacgia:nguyen COVID');
    assert.deepEqual(m.title.filter((x) => x !== 'covid'), ['vắc', 'xin']);
    assert.ok(m.body.length > 0 && m.body.every((x) => x.startsWith('covid')), `the body marks COVID only: ${m.body}`);
  });

  uiTest('related articles, and back with the whole search', async ({ page }) => {
    // A search with a filter and a sort, page 2: all of it must come back.
    const search = { q: 'tỉnh', page: '2', sort: 'oldest', from: '2015-01-01' };
    await page.goto(`./?${new URLSearchParams(search)}`);
    await page.waitForSelector('#main[data-view="results"][aria-busy="false"]');
    const list = await hits(page);
    const related = page.waitForResponse((r) => /\/related\?/.test(r.url()));
    await page.click(`#main a[data-id="${list[0].id}"]`);
    await waitForArticle(page, list[0].id);
    const answer = await related;
    assert.equal(answer.status(), 200,
      `GET ${new URL(answer.url()).pathname} answered ${answer.status()}: `
      + 'tracuu-server has no /api/articles/{id}/related route yet');

    // The list: links to other articles, carrying the same search.
    await page.waitForSelector('#related:not([hidden]) li');
    assert.equal(await page.textContent('#related-title'), 'Bài viết liên quan');
    const items = await page.$$eval('#related li a[data-id]', (as) => as.map((a) => ({ id: a.dataset.id, href: a.getAttribute('href') })));
    assert.ok(items.length >= 1 && items.length <= 5, `1..5 related: ${items.length}`);
    assert.ok(items.every((i) => i.id !== list[0].id), 'not the article itself');
    await page.click(`#related a[data-id="${items[0].id}"]`);
    await waitForArticle(page, items[0].id);
    assert.deepEqual(fullUrlState(page), {
      id: items[0].id, q: 'tỉnh', page: '2', from: '2015-01-01', to: null, source: [], category: [], sort: 'oldest',
    });

    // "← Quay lại kết quả" returns to the very search: page, filter, sort.
    await page.click('#back-link');
    await waitForSearch(page, 'tỉnh', { pageNo: 2 });
    assert.deepEqual(fullUrlState(page), {
      id: null, q: 'tỉnh', page: '2', from: '2015-01-01', to: null, source: [], category: [], sort: 'oldest',
    });
    assert.deepEqual(await hits(page), list);
  });

  uiTest('markup in titles, metadata and snippets is shown as text', async ({ page }) => {
    // An archive article may carry HTML in any field (a pasted press page).
    // The server escapes snippets; the page must hold, even if one did not.
    const img = '<img src=x onerror=alert(1)>';
    const hit = {
      id: 'xss-1', title: `Thông báo ${img} về dân vận`, url: 'javascript:alert(2)', date: '2020-01-02',
      source: 'Sở <b>Thử</b>', category: '<script>alert(3)</script>', author: '<i>A</i>', score: 1,
      snippet: 'Nội dung &lt;img src=x onerror=alert(4)&gt; <mark>dân</mark> <img src=x onerror=alert(5)>'
        + '<mark onclick="alert(6)" style="color:red">vận</mark><script>alert(7)</script>',
    };
    await page.route('**/api/search?*', (route) => route.fulfill({
      json: { query: 'dân vận', total: 1, total_exact: true, page: 1, size: 10, took_ms: 1, hits: [hit] },
    }));
    await page.route('**/api/articles/xss-1', (route) => route.fulfill({
      json: { ...hit, body: `Đoạn một ${img} dân vận.\n<script>alert(8)</script> <mark>giả</mark>` },
    }));
    await page.route('**/api/articles/xss-1/related*', (route) => route.fulfill({
      json: { id: 'xss-1', hits: [{ id: 'xss-2', title: `Liên quan ${img}`, score: 1 }] },
    }));
    const dialogs = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
    const fetched = [];
    page.on('request', (req) => fetched.push(new URL(req.url()).pathname));
    const noMarkup = () => page.$$eval('#main img, #main script, #main b, #main i, #main [onclick], #main [onerror]',
      (els) => els.map((e) => e.outerHTML));

    await page.goto(searchUrl('dân vận'));
    await waitForSearch(page, 'dân vận');
    assert.equal((await hits(page))[0].title, `Thông báo ${img} về dân vận`);
    assert.equal(await page.textContent('#main .hit-source'), 'Sở <b>Thử</b>');
    assert.equal(await page.textContent('#main .hit-category'), '<script>alert(3)</script>');
    assert.deepEqual(await marks(page, '#main .snippet'), ['dân', 'vận'], 'the <mark>s stay');
    assert.equal(await page.$eval('#main .snippet', (p) => p.textContent),
      'Nội dung <img src=x onerror=alert(4)> dân vận' + 'alert(7)');
    assert.deepEqual(await page.$$eval('#main .snippet mark', (ms) => ms.map((m) => m.attributes.length)), [0, 0]);
    assert.deepEqual(await noMarkup(), []);

    await page.click('#main a[data-id="xss-1"]');
    await waitForArticle(page, 'xss-1');
    await page.waitForSelector('#related:not([hidden])');
    assert.equal(await page.textContent('#article-title'), `Thông báo ${img} về dân vận`);
    assert.match(await page.textContent('#main .article-body'), /<script>alert\(8\)<\/script> <mark>giả<\/mark>/);
    assert.equal(await page.textContent('#related a[data-id="xss-2"]'), `Liên quan ${img}`);
    assert.equal(await page.locator('#main a[href^="javascript:"]').count(), 0, 'no javascript: link to the original');
    assert.deepEqual(await noMarkup(), []);
    assert.deepEqual(dialogs, []);
    assert.ok(!fetched.some((p) => p.endsWith('/x')), `no image fetched: ${fetched}`);
  });
});
