// End-to-end tests of the tutorial pages in headless Chromium, with the
// playground's harness (site/e2e/browser.mjs): dist/ built by `make docs`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';
import { useBrowser, openPage, decision } from '../../e2e/browser.mjs';

const lab = useBrowser();

// exampleDecision scrolls example n of the page into view (which loads the
// engine) and waits for its decision.
async function exampleDecision(page, n, not = '') {
  const fig = page.locator(`#example-${n}`);
  await fig.scrollIntoViewIfNeeded();
  await page.waitForFunction(({ n, not }) => {
    const d = document.querySelector(`#example-${n} [data-testid="decision"]`).dataset.decision;
    return d !== '' && d !== not;
  }, { n, not }, { timeout: 20000 });
  const el = fig.getByTestId('decision');
  return { got: await el.getAttribute('data-decision'), expect: await el.getAttribute('data-expect') };
}

test('an example evaluates on a docs page and opens in the playground', async () => {
  const page = await lab.open('en/03-sts-upload-role/');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  // Nothing is loaded before an example comes into view.
  assert.equal(await page.getByTestId('decision').first().getAttribute('data-decision'), '');
  const { got, expect } = await exampleDecision(page, 1);
  assert.equal(expect, 'allowed');
  assert.equal(got, expect);

  const href = await page.locator('#example-1 .lab-open').getAttribute('href');
  assert.match(href, /^\.\.\/\.\.\/#v1\./);
  await page.locator('#example-1 .lab-open').click();
  await page.waitForURL((u) => u.pathname === '/' && u.hash.startsWith('#v1.'));
  assert.equal(await decision(page), 'allowed');
  assert.equal(await page.inputValue('#req-action'), 's3:PutObject');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

// The palette follows the system, unless a theme was chosen in the
// playground or here (the same storage key).
test('a tutorial page is dark in a dark system, and light when light was chosen', async () => {
  const page = await lab.open('en/01-iam-overview/', { colorScheme: 'dark' });
  const colours = () => page.evaluate(() => {
    const s = getComputedStyle(document.body);
    return [s.backgroundColor, s.color];
  });
  assert.deepEqual(await colours(), ['rgb(17, 20, 25)', 'rgb(227, 231, 238)']);
  await page.evaluate(() => localStorage.setItem('iamlab.theme', 'light'));
  await page.reload();
  assert.deepEqual(await colours(), ['rgb(255, 255, 255)', 'rgb(28, 34, 48)']);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('every example of a Japanese page answers as stated', async () => {
  const page = await lab.open('ja/01-iam-overview/');
  assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
  const n = await page.locator('figure[data-iamlab]').count();
  assert.ok(n >= 1, 'the page has examples');
  for (let i = 1; i <= n; i++) {
    const { got, expect } = await exampleDecision(page, i);
    assert.equal(got, expect, `example ${i}`);
  }
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('an edited example changes its decision and its playground link follows', async () => {
  const page = await lab.open('en/03-sts-upload-role/');
  const first = await exampleDecision(page, 2);
  assert.equal(first.got, 'implicitDeny');
  const before = await page.locator('#example-2 .lab-open').getAttribute('href');
  const content = page.locator('#example-2 .cm-content');
  // The editor draws only the lines in view; the link carries the whole text.
  const text = inflateRawSync(Buffer.from(before.split('#v1.')[1], 'base64url')).toString();
  await content.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text.replace('config/settings.json', 'uploads/settings.json'));
  const edited = await exampleDecision(page, 2, 'implicitDeny');
  assert.equal(edited.got, 'allowed');
  assert.equal(edited.expect, 'implicitDeny', 'data-expect keeps the stated answer');

  await page.waitForFunction((b) => document.querySelector('#example-2 .lab-open').getAttribute('href') !== b, before);
  const href = await page.locator('#example-2 .lab-open').evaluate((a) => a.href);
  const pg = await openPage(lab.browser, href);
  assert.equal(await decision(pg), 'allowed');
  for (const p of [page, pg]) {
    assert.deepEqual(p.problems, []);
    await p.context().close();
  }
});

test('diagrams are drawn, search finds pages, the 404 page and sitemap exist', async () => {
  const page = await lab.open('en/08-ddos-layers/');
  // In one step: the diagram's source block is replaced by its figure when
  // it comes into view, which a locator's scroll could see half-way.
  await page.evaluate(() => document.querySelector('pre.mermaid, figure.diagram')?.scrollIntoView());
  await page.locator('figure.diagram svg').first().waitFor({ timeout: 20000 });
  await page.locator('.search-input').fill('trust policy');
  await page.locator('.search-results a').first().waitFor({ timeout: 20000 });
  const hits = await page.locator('.search-results a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(hits.some((h) => h.startsWith('/en/')), `English results: ${hits}`);
  assert.ok(hits.every((h) => !h.startsWith('/ja/')), 'the English index only');
  assert.deepEqual(page.problems, []);

  const ja = await lab.open('ja/05-cognito/');
  await ja.locator('.search-input').fill('信頼ポリシー');
  await ja.locator('.search-results a').first().waitFor({ timeout: 20000 });
  const jaHits = await ja.locator('.search-results a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(jaHits.length > 0 && jaHits.every((h) => h.startsWith('/ja/')), `Japanese results: ${jaHits}`);
  assert.deepEqual(ja.problems, []);
  await ja.context().close();

  const nf = await page.request.get(lab.url + '404.html');
  assert.equal(nf.status(), 200);
  const sm = await page.request.get(lab.url + 'sitemap.xml');
  assert.match(await sm.text(), /<loc>[^<]*\/ja\/05-cognito\/<\/loc>/);
  await page.context().close();
});

// A mistyped address under /en/ gets the English 404 page, navigation
// included; under /ja/ the Japanese one.
test('a missing page gets the 404 page of its language, in English and Japanese', async () => {
  for (const [lang, other, title, nav] of [['en', 'ja', 'Page not found', /^[^\u3040-\u30ff\u4e00-\u9fff]+$/], ['ja', 'en', 'ページが見つかりません', /[\u3040-\u30ff\u4e00-\u9fff]/]]) {
    const page = await lab.open(lang + '/no-such-page/');
    assert.equal((await page.request.get(lab.url + lang + '/no-such-page/')).status(), 404);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    assert.equal(await page.locator('main h1').textContent(), title);
    const links = await page.locator('#sidebar .nav-list a').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.textContent]));
    assert.ok(links.length >= 5, JSON.stringify(links));
    for (const [href, text] of links) {
      assert.ok(href.startsWith('/' + lang + '/'), `${lang}: nav link ${href}`);
      assert.match(text, nav, `${lang}: nav ${text}`);
    }
    assert.equal(await page.locator(`.lang-switch a[hreflang="${other}"]`).getAttribute('href'), `/${other}/`);
    await page.context().close();
  }
});
