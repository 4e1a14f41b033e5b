// The flow pages in headless Chromium: every flow reaches each step's
// stated outcome in English and Japanese; an allowed step's trace shows
// what matched; an edited trust policy fails the
// step with the engine's trace naming it; a flow link restores the edits
// in a fresh context; a hostile link is refused with a reason; "Open in
// playground" opens the exact request; no console errors.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from '../../e2e/browser.mjs';
import { setEditor, editorText } from '../../e2e/helpers.mjs';
import { deflateRawSync } from 'node:zlib';

const lab = useBrowser();

// flowNames reads the list page.
async function flowNames() {
  const page = await lab.open('flows/');
  const names = await page.locator('[data-testid="flow-link"] a').evaluateAll((as) => as.map((a) => a.getAttribute('href').replace(/\/.*$/, '')));
  await page.context().close();
  return names;
}

async function ready(page) {
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
}

// runAll clicks the run button and waits until every step has an outcome.
async function runAll(page) {
  const runs = Number(await page.evaluate(() => document.body.dataset.runs || 0));
  await page.getByTestId('flow-run').click();
  await page.waitForFunction((n) => Number(document.body.dataset.runs || 0) > n && !document.body.dataset.running, runs, { timeout: 30000 });
  return steps(page);
}

function steps(page) {
  return page.getByTestId('flow-step').evaluateAll((els) => els.map((e) => ({ id: e.dataset.step, operation: e.dataset.operation, expect: e.dataset.expect, outcome: e.dataset.outcome })));
}

// waitRuns waits for the page to finish a run after n runs.
async function waitRuns(page, n) {
  await page.waitForFunction((k) => Number(document.body.dataset.runs || 0) > k && !document.body.dataset.running, n, { timeout: 30000 });
}

test('every flow runs with every outcome as expected, in English and Japanese', async () => {
  const names = await flowNames();
  assert.ok(names.length >= 1, 'the list links the flows');
  for (const lang of ['en', 'ja']) {
    for (const name of names) {
      const page = await lab.open(`flows/${name}/?lang=${lang}`);
      await ready(page);
      const got = await runAll(page);
      assert.ok(got.length > 0, `${name}: steps`);
      for (const s of got) {
        assert.ok(s.operation.includes(':'), `${name}/${s.id}: operation ${s.operation}`);
        assert.equal(s.outcome, s.expect, `${name}/${s.id} (${lang}): outcome ${s.outcome}, expected ${s.expect}`);
      }
      const title = await page.locator('#flow-title').textContent();
      if (lang === 'ja') assert.match(title, /[\u3040-\u30ff\u4e00-\u9fff]/, `${name}: a Japanese title`);
      assert.equal(await page.locator('html').getAttribute('lang'), lang);
      assert.deepEqual(page.problems, [], `${name} (${lang}): console errors`);
      await page.context().close();
    }
  }
});

const trustSlot = (page) => page.locator('[data-testid="flow-policy"][data-slot="trust"] .cm-content');

test('editing the trust policy fails AssumeRole, with the trace naming the trust policy, and a flow link restores the edit', async () => {
  const page = await lab.open('flows/s3-upload-role/');
  await ready(page);
  await runAll(page);
  // An allowed authorization shows what matched, as the playground does:
  // the upload policy's Resource entry that took the object's ARN.
  const put = page.locator('[data-step="put-in-folder"]').getByTestId('flow-trace').first();
  assert.equal(await put.getAttribute('data-decision'), 'allowed');
  const hit = put.locator('[data-slot="upload"] [data-testid="match"] li.hit', { hasText: 'Resource' });
  assert.match(await hit.textContent(), /arn:aws:s3:::xx-upload-bucket\/upload\/\*/);
  const n = Number(await page.evaluate(() => document.body.dataset.runs));
  const text = (await trustSlot(page).evaluate((el) => [...el.querySelectorAll('.cm-line')].map((l) => l.textContent).join('\n')));
  const edited = text.replace('user/app', 'root');
  assert.notEqual(edited, text);
  const index = await page.locator('.cm-content').evaluateAll((els) => els.findIndex((e) => e.closest('[data-slot="trust"]')));
  await setEditor(page, index, edited);
  await waitRuns(page, n);
  const step = page.locator('[data-testid="flow-step"][data-step="assume-role"]');
  assert.equal(await step.getAttribute('data-outcome'), 'AccessDenied');
  const trace = step.getByTestId('flow-trace').first();
  assert.equal(await trace.getAttribute('data-decision'), 'implicitDeny');
  assert.match(await trace.locator('[data-slot="trust"]').textContent(), /trust policy of XX-s3-upload-role/);
  // The statement is a button to the trust policy's editor.
  await trace.locator('[data-slot="trust"] .stmt-button').first().click();
  assert.ok(await page.evaluate(() => document.activeElement?.closest('[data-slot="trust"]') !== null), 'the trust editor has the focus');
  // The steps before it were not drawn again; the one after it is skipped.
  assert.equal(await page.locator('[data-step="get-role"]').getAttribute('data-outcome'), 'ok');
  assert.equal(await page.locator('[data-step="who-am-i"]').getAttribute('data-outcome'), 'skipped');

  await page.locator('#flow-share').click();
  // The link is encoded by the module, so it appears a moment after the click.
  await page.waitForFunction(() => document.querySelector('[data-testid="flow-share-link"]').value !== '');
  const link = await page.getByTestId('flow-share-link').inputValue();
  assert.match(link, /#f1\./);
  assert.deepEqual(page.problems, []);
  await page.context().close();

  const again = await lab.open(link.slice(lab.url.length));
  await ready(again);
  await waitRuns(again, 0); // an edited flow runs at once
  assert.equal(await trustSlot(again).evaluate((el) => [...el.querySelectorAll('.cm-line')].map((l) => l.textContent).join('\n')), edited);
  assert.equal(await again.locator('[data-step="assume-role"]').getAttribute('data-outcome'), 'AccessDenied');
  assert.deepEqual(again.problems, []);
  await again.context().close();
});

test('a hostile or foreign link is refused with a reason and the flow stays as written', async () => {
  const bomb = 'f1.' + deflateRawSync(Buffer.from(JSON.stringify({ flow: 's3-upload-role', edits: { trust: 'x'.repeat(300 << 10) } }))).toString('base64url');
  for (const [frag, why] of [
    ['f1.%%%', /base64url/],
    ['f9.AAAA', /newer IAM Lab/],
    [bomb, /larger than 256 KiB/],
    ['f1.' + 'A'.repeat(70 << 10), /too long/],
    ['f1.' + deflateRawSync(Buffer.from('{"flow":"s3-upload-role","edits":{"nope":"{}"}}')).toString('base64url'), /does not have/],
  ]) {
    const page = await lab.open(`flows/s3-upload-role/#${frag}`);
    await ready(page);
    const err = page.getByTestId('flow-error');
    assert.ok(await err.isVisible(), `${frag.slice(0, 12)}: refused`);
    assert.match(await err.textContent(), why);
    const got = await runAll(page);
    assert.ok(got.every((s) => s.outcome === s.expect), 'the flow runs as written');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});

test('"Open in playground" opens the exact request, decided the same way', async () => {
  const page = await lab.open('flows/s3-upload-role/?lang=en');
  await ready(page);
  await runAll(page);
  const step = page.locator('[data-step="get-other-role"]');
  const want = await step.getByTestId('flow-trace').first().getAttribute('data-decision');
  await step.getByTestId('flow-open-playground').first().click();
  await page.waitForURL(/#v1\./);
  // The playground may show "error" for a moment while it fetches the
  // AWS managed policy the scenario names.
  await page.waitForFunction((d) => document.querySelector('[data-testid="decision"]')?.dataset.decision === d, want, { timeout: 20000 });
  assert.equal(await page.getByTestId('decision').getAttribute('data-decision'), want);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('editing the aud of the identity pool role\'s trust policy fails GetCredentialsForIdentity, the trace naming the condition', async () => {
  const page = await lab.open('flows/cognito-identity-pool/?lang=ja');
  await ready(page);
  await runAll(page);
  const n = Number(await page.evaluate(() => document.body.dataset.runs));
  const box = page.locator('[data-testid="flow-policy"][data-slot="authTrust"] .cm-content');
  const text = await box.evaluate((el) => [...el.querySelectorAll('.cm-line')].map((l) => l.textContent).join('\n'));
  const edited = text.replace('us-east-1:0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b', 'us-east-1:00000000-0000-0000-0000-000000000000');
  assert.notEqual(edited, text);
  const index = await page.locator('.cm-content').evaluateAll((els) => els.findIndex((e) => e.closest('[data-slot="authTrust"]')));
  await setEditor(page, index, edited);
  await waitRuns(page, n);
  const step = page.locator('[data-testid="flow-step"][data-step="get-credentials"]');
  assert.equal(await step.getAttribute('data-outcome'), 'InvalidIdentityPoolConfigurationException');
  const trace = step.getByTestId('flow-trace').first();
  assert.equal(await trace.getAttribute('data-decision'), 'implicitDeny');
  const cond = trace.locator('[data-slot="authTrust"] [data-testid="condition"].miss');
  assert.match(await cond.first().textContent(), /cognito-identity\.amazonaws\.com:aud/);
  // The condition is a button to its line in the trust policy's editor.
  await cond.first().getByRole('button').click();
  const line = await page.evaluate(() => document.querySelector('[data-slot="authTrust"] .cm-activeLine')?.textContent || '');
  assert.match(line, /cognito-identity\.amazonaws\.com:aud/);
  // The guests' role is another: its steps still succeed.
  assert.equal(await page.locator('[data-step="guest-credentials"]').getAttribute('data-outcome'), 'ok');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
