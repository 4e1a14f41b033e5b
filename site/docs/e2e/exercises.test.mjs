// The tutorials as teaching pages, in headless Chromium: exercises checked
// by the engine (wrong, then right, in each language), progress kept in
// the browser and shown in the sidebar, the linter in an exercise,
// diagrams readable on a phone and on a desktop, identifiers in tables
// that wrap only between their parts, the language switch that keeps the
// section, search results that lead to a section, canonical URLs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from '../../e2e/browser.mjs';

const lab = useBrowser();

// exercise scrolls exercise n into view (which loads its script) and waits
// until it can be answered.
async function exercise(page, n) {
  const ex = page.locator(`#exercise-${n}`);
  await page.evaluate((n) => document.getElementById(`exercise-${n}`).scrollIntoView(), n);
  await ex.locator('.ex-bar:not([hidden])').waitFor({ timeout: 20000 });
  return ex;
}

// feedback clicks the exercise's button and waits for the engine's verdict.
async function check(ex) {
  await ex.locator('.ex-check').click();
  await ex.locator('.ex-feedback .ex-good, .ex-feedback .ex-bad').first().waitFor({ timeout: 20000 });
  return (await ex.locator('.ex-feedback').innerText()).trim();
}

// replace puts text into the exercise's editor, as typing would.
async function replace(page, ex, text) {
  await ex.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
}

test('a policy exercise answered wrong then right, in English, counts in the sidebar', async () => {
  const page = await lab.open('en/01-iam-overview/');
  const ex = await exercise(page, 3);
  assert.equal(await ex.getAttribute('data-kind'), 'fix');
  assert.equal(await ex.getAttribute('data-solved'), 'false');

  // The starting boundary misses one goal: the page says which, and why.
  const wrong = await check(ex);
  assert.match(wrong, /1 of 4 goals do not hold yet/);
  assert.match(wrong, /bob reads his own user: wants allowed, the engine says implicit deny/);
  assert.equal(await ex.getAttribute('data-solved'), 'false');
  assert.deepEqual(await ex.locator('.ex-goal').evaluateAll((ls) => ls.map((l) => l.className.includes('ex-ok'))), [false, true, true, true]);

  // Too wide: iam:* in the boundary lets bob create users.
  const data = JSON.parse(await ex.locator('.ex-data').textContent());
  await replace(page, ex, data.start.replace('"s3:*"', '["s3:*", "iam:*"]'));
  assert.match(await check(ex), /2 of 4 goals do not hold yet[\s\S]*bob creates a user: wants denied, the engine says allowed/);

  // Right: every goal holds, the exercise and the sidebar say so, and a
  // reload remembers it.
  await replace(page, ex, data.solution);
  assert.match(await check(ex), /Every goal holds/);
  assert.equal(await ex.getAttribute('data-solved'), 'true');
  const progress = page.locator('.nav-progress[data-page="01-iam-overview"]');
  assert.equal(await progress.textContent(), '1/4');
  await page.reload();
  assert.equal(await progress.textContent(), '1/4');
  assert.equal(await page.locator('#exercise-3').getAttribute('data-solved'), 'true');
  // Progress is per exercise, whatever the language.
  await page.goto(lab.url + 'ja/01-iam-overview/');
  assert.equal(await page.locator('#exercise-3').getAttribute('data-solved'), 'true');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a prediction answered wrong then right, in Japanese, hides the answer until it is right', async () => {
  const page = await lab.open('ja/01-iam-overview/');
  const ex = await exercise(page, 1);
  assert.equal(await ex.getAttribute('data-kind'), 'predict');
  await ex.locator('input[value="implicitDeny"]').check();
  const wrong = await check(ex);
  assert.match(wrong, /「暗黙的な拒否」ではありません/);
  assert.doesNotMatch(wrong, /エンジンの判定は/, 'a wrong answer does not give the right one away');
  assert.equal(await ex.getAttribute('data-solved'), 'false');
  assert.equal(await ex.locator('.ex-hint').isVisible(), true);

  await ex.locator('input[value="allowed"]').check();
  assert.match(await check(ex), /正解です。エンジンの判定は「許可」です。/);
  assert.equal(await ex.getAttribute('data-solved'), 'true');
  assert.equal(await ex.locator('.ex-explain').isVisible(), true);
  assert.equal(await page.locator('.nav-progress[data-page="01-iam-overview"]').textContent(), '1/4');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("the source's user:NAME trust principal runs through the linter in the page", async () => {
  const page = await lab.open('en/03-sts-upload-role/');
  const n = await page.locator('[data-testid="exercise"][data-id="trust-colon"]').evaluate((e) => e.id.split('-')[1]);
  const ex = await exercise(page, n);
  const said = await check(ex);
  assert.match(said, /principal\.colon/);
  assert.match(said, /separates the name with a slash, not a colon/);
  assert.ok(await ex.locator('.cm-lintRange-error').count() > 0, 'the principal is underlined in the editor');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

// smallestText is the smallest rendered font size (px) among the texts of
// the page's drawn diagrams: the computed size times the svg's scale.
function smallestText(page) {
  return page.evaluate(() => {
    let min = Infinity;
    for (const svg of document.querySelectorAll('figure.diagram svg')) {
      const vb = svg.viewBox.baseVal;
      const scale = vb && vb.width ? svg.getBoundingClientRect().width / vb.width : 1;
      for (const el of svg.querySelectorAll('text, tspan, foreignObject span, foreignObject div, foreignObject p')) {
        if (!el.textContent.trim() || el.querySelector('*')) continue;
        min = Math.min(min, parseFloat(getComputedStyle(el).fontSize) * scale);
      }
    }
    return min;
  });
}

test('diagrams keep text of 12 px or more on a phone (390 px) and a desktop (1440 px)', async () => {
  // Every kind of diagram the tutorials draw: the evaluation flowchart,
  // sequence diagrams, a state diagram, left-to-right flowcharts with groups.
  const pages = ['en/01-iam-overview/', 'ja/03-sts-upload-role/', 'en/04-acm-certificates/', 'ja/06-sts-federation/', 'en/08-ddos-layers/'];
  for (const width of [390, 1440]) {
    const page = await lab.open('', { viewport: { width, height: 900 } });
    for (const path of pages) {
      await page.goto(lab.url + path);
      // Every diagram, drawn or not yet (each is drawn as it nears the view).
      const n = await page.locator('pre.mermaid, figure.diagram').count();
      await page.waitForFunction((n) => {
        document.querySelector('pre.mermaid')?.scrollIntoView();
        return document.querySelectorAll('figure.diagram svg').length === n;
      }, n, { timeout: 20000, polling: 200 });
      const drawn = await page.locator('figure.diagram svg').count();
      assert.ok(drawn >= 1 && drawn === n, `${path} at ${width}: ${drawn} of ${n} diagrams drawn`);
      const min = await smallestText(page);
      assert.ok(min >= 12, `${path} at ${width} px: the smallest diagram text is ${min.toFixed(1)} px`);
    }
    // The enlarge button shows the diagram alone, at least at natural size.
    await page.locator('.diagram-zoom').first().click();
    await page.locator('dialog.diagram-dialog[open] svg').waitFor({ timeout: 20000 });
    await page.keyboard.press('Escape');
    await page.locator('dialog.diagram-dialog').waitFor({ state: 'detached' });
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});

test('identifiers in tables wrap only between their parts on a phone', async () => {
  const page = await lab.open('ja/07-kms/', { viewport: { width: 390, height: 900 } });
  const breaks = await page.evaluate(() => {
    const bad = [];
    let wrapped = 0;
    for (const code of document.querySelectorAll('.prose td code')) {
      const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
      let prevTop = null;
      let prevChar = '';
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (let i = 0; i < node.length; i++) {
          const r = document.createRange();
          r.setStart(node, i);
          r.setEnd(node, i + 1);
          const rect = r.getClientRects()[0];
          if (!rect) continue;
          if (prevTop !== null && rect.top > prevTop + 2) {
            wrapped++;
            if (!'/:._,=*- '.includes(prevChar)) bad.push(`${code.textContent} after "${prevChar}"`);
          }
          prevTop = rect.top;
          prevChar = node.data[i];
        }
      }
    }
    return { bad, wrapped };
  });
  assert.deepEqual(breaks.bad, [], 'no identifier breaks inside a word');
  assert.ok(breaks.wrapped > 0, 'the page has identifiers that wrap at 390 px, so the check checked something');
  await page.context().close();
});

test('the language switch keeps the section; canonical links name the public site; search leads to sections', async () => {
  const page = await lab.open('en/07-kms/');
  const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
  assert.match(canonical, /^https:\/\/[^/]+\/en\/07-kms\/$/);
  for (const href of await page.locator('link[rel="alternate"]').evaluateAll((ls) => ls.map((l) => l.href))) {
    assert.doesNotMatch(href, /127\.0\.0\.1|localhost/);
  }
  // Read the rotation section, then switch to Japanese.
  await page.evaluate(() => document.getElementById('rotation').scrollIntoView());
  // A click where the link is, as a reader's: Playwright's own click first
  // scrolls the sticky bar's link "into view", which moves the page.
  const box = await page.locator('.lang-switch a[hreflang="ja"]').boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForURL(/\/ja\/07-kms\/#/);
  assert.equal(decodeURIComponent(new URL(page.url()).hash), '#ローテーション');

  // A Japanese word finds the section it is in; nonsense finds nothing.
  await page.locator('.search-input').fill('インポートしたキーマテリアル');
  await page.locator('.search-results a').first().waitFor({ timeout: 20000 });
  const hits = await page.locator('.search-results a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(hits.some((h) => h.startsWith('/ja/07-kms/#')), `a result links to a section of the KMS page: ${hits}`);
  await page.locator('.search-input').fill('ぽぬぷぺほげらぴよ');
  await page.locator('.search-results .r-none').waitFor({ timeout: 20000 });
  assert.equal(await page.locator('.search-results a').count(), 0);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
