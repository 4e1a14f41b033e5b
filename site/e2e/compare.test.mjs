// "Compare with AWS" in simulated mode, on the static server (no relay):
// the scenario is asked of the simulated IAM in the flows module, whose
// decision shows beside the engine's, for an allowed and a denied request;
// choosing "My AWS account" where there is no relay says so and asks
// nothing. (Real mode through the Worker: worker/e2e/real.test.mjs.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './browser.mjs';
import { fragment } from './helpers.mjs';

const lab = useBrowser();

const ACCOUNT = '123456789012';
const scenario = (action) => JSON.stringify({
  request: { principal: `arn:aws:iam::${ACCOUNT}:user/alice`, action, resource: 'arn:aws:s3:::amzn-s3-demo-bucket/a.txt' },
  identityPolicies: [{ name: 'P1', document: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }) }],
});

async function compare(page) {
  const result = page.getByTestId('compare-result');
  await page.getByTestId('compare-run').click();
  await page.waitForFunction((el) => el.dataset.aws || el.querySelector('[data-testid="compare-error"]'), await result.elementHandle(), { timeout: 60000 });
  assert.equal(await page.getByTestId('compare-error').count(), 0, await result.textContent());
  return { ours: await result.getAttribute('data-ours'), aws: await page.getByTestId('compare-custom').getAttribute('data-decision') };
}

for (const [action, want] of [['s3:GetObject', 'allowed'], ['s3:PutObject', 'implicitDeny']]) {
  test(`Compare with AWS (simulated): ${action} is ${want} by the simulated IAM as by the engine`, async () => {
    const page = await lab.open('?lang=en#' + fragment(scenario(action)));
    await page.waitForFunction((d) => document.querySelector('[data-testid="decision"]')?.dataset.decision === d, want, { timeout: 30000 });
    assert.equal(await page.getByTestId('real-banner').getAttribute('data-mode'), 'simulated');
    const got = await compare(page);
    assert.equal(got.ours, want);
    assert.equal(got.aws, want);
    assert.equal(await page.getByTestId('compare-custom').getAttribute('data-same'), 'true');
    assert.ok(await page.locator('.compare-notes li').count() > 0, 'the simulator\'s notes');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}

test('My AWS account without a relay says so and asks for nothing', async () => {
  const page = await lab.open('?lang=ja#' + fragment(scenario('s3:GetObject')));
  await page.getByTestId('mode-real').check();
  await page.waitForSelector('#compare [data-testid="real-banner"][data-mode="real"]');
  await page.waitForFunction(() => /リレー/.test(document.querySelector('#compare .real-status')?.textContent || ''), null, { timeout: 10000 });
  assert.equal(await page.getByTestId('compare-run').isDisabled(), true);
  await page.context().close();
});
