// End-to-end tests of the linter in the playground: findings appear in the
// editors as diagnostics on the right line, a moment after the decision,
// and are counted under it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, decision } from './browser.mjs';
import { setEditor, fragment, editorText } from './helpers.mjs';

const lab = useBrowser();

// lintMarks waits for diagnostics of severity in editor n and returns each
// as { line, text } (1-based line of the underlined text).
async function lintMarks(page, n, severity) {
  await page.waitForFunction(({ n, severity }) =>
    document.querySelectorAll('.cm-content')[n]?.querySelector('.cm-lintRange-' + severity), { n, severity }, { timeout: 15000 });
  return page.locator('.cm-content').nth(n).evaluate((el, severity) => {
    const lines = [...el.querySelectorAll('.cm-line')];
    return [...el.querySelectorAll('.cm-lintRange-' + severity)].map((r) => ({ line: lines.indexOf(r.closest('.cm-line')) + 1, text: r.textContent }));
  }, severity);
}

const misspelt = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "s3:GetObjekt",
      "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"
    }
  ]
}`;

// The source document's trust policy names the user with a colon.
const colonTrust = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {
        "AWS": "arn:aws:iam::111122223333:user:bob"
      },
      "Action": "sts:AssumeRole"
    }
  ]
}`;

test('a misspelt action is marked on its line, with the code and a suggestion', async () => {
  const page = await lab.open('?lang=en');
  await decision(page);
  await setEditor(page, 0, misspelt);
  // An action that does not exist is an error, as Access Analyzer reports it.
  const marks = await lintMarks(page, 0, 'error');
  assert.ok(marks.some((m) => m.line === 6 && m.text.includes('s3:GetObjekt')), JSON.stringify(marks));
  // The tooltip of the mark gives the code and the message.
  await page.locator('.cm-content').nth(0).locator('.cm-lintRange-error').first().hover();
  const tip = await page.locator('.cm-tooltip-lint').textContent({ timeout: 5000 });
  assert.match(tip, /action\.unknown: .*s3:GetObject/);
  // Under the decision: counted by severity, listed on demand.
  assert.match(await page.locator('#lint summary').textContent(), /Policy checks:.*1 error/);
  await page.locator('#lint summary').click();
  assert.match(await page.locator('#lint .lint-list').textContent(), /6:\d+ action\.unknown/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("the source document's trust policy mistake shows principal.colon, in Japanese too", async () => {
  const page = await lab.open('?lang=ja');
  await decision(page);
  await page.selectOption('#examples', 's3-upload-trust');
  assert.equal(await decision(page, 'x'), 'allowed');
  await setEditor(page, 1, colonTrust); // editor 1: the resource-based (trust) policy
  assert.equal(await decision(page, 'allowed'), 'implicitDeny');
  const marks = await lintMarks(page, 1, 'error');
  assert.deepEqual(marks, [{ line: 7, text: '"arn:aws:iam::111122223333:user:bob"' }]);
  const summary = await page.locator('#lint summary').textContent();
  assert.match(summary, /ポリシーのチェック:.*エラー 1 件/);
  await page.locator('#lint summary').click();
  // The finding is worded in Japanese from its code and particulars, with
  // no English left.
  const listed = await page.locator('#lint .lint-list').textContent();
  assert.match(listed, /principal\.colon IAM ユーザーの ARN では、名前の前はコロンではなくスラッシュです: "arn:aws:iam::111122223333:user\/bob" と書きます/);
  assert.doesNotMatch(listed, /separates the name|invalid principal/);
  // Clicking the finding puts the cursor on it in its editor.
  await page.locator('#lint .lint-item', { hasText: 'principal.colon' }).click();
  const line = await page.evaluate(() => document.activeElement.closest('.cm-editor')?.querySelector('.cm-activeLine')?.textContent);
  assert.match(line || '', /user:bob/);
  // Fixed: the mark goes away.
  await setEditor(page, 1, colonTrust.replace('user:bob', 'user/bob'));
  await page.waitForFunction(() => !document.querySelectorAll('.cm-content')[1].querySelector('.cm-lintRange-error'), null, { timeout: 15000 });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

// An AWS managed policy is shown as the engine reads it, so its findings
// and the trace's statements fall on their own lines, not at the top.
test("a managed policy's finding is marked on its line", async () => {
  const admin = JSON.stringify({
    request: { principal: 'arn:aws:iam::111122223333:user/ops', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' },
    identityPolicies: [{ arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }],
  });
  const page = await lab.open('?lang=en#' + fragment(admin));
  assert.equal(await decision(page), 'allowed');
  const marks = await lintMarks(page, 0, 'warning');
  const lines = (await editorText(page, 0)).split('\n');
  assert.ok(marks.length > 0 && marks.every((m) => m.line > 1), JSON.stringify(marks));
  assert.ok(marks.some((m) => /"Action": "\*"/.test(lines[m.line - 1])), JSON.stringify({ marks, lines }));
  // The trace's statement button reveals the statement's opening brace.
  await page.locator('.stmt-button').first().click();
  const line = await page.evaluate(() => document.activeElement.closest('.cm-editor')?.querySelector('.cm-activeLine')?.textContent);
  assert.match(line || '', /^\s*\{\s*$/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('?tab=trace: the trace is in view and focused; on a narrow screen it comes first', async () => {
  const wide = await lab.open('?lang=en&tab=trace');
  await decision(wide);
  await wide.waitForFunction(() => document.activeElement?.id === 'trace-heading');
  assert.ok(await wide.locator('#trace-heading').isVisible());
  assert.ok(await wide.locator('#trace .stmt').first().isVisible());
  await wide.context().close();

  const narrow = await lab.open('?lang=en&tab=trace', { viewport: { width: 420, height: 800 } });
  await decision(narrow);
  await narrow.waitForFunction(() => document.activeElement?.id === 'trace-heading');
  const order = await narrow.evaluate(() => ['#trace-heading', '#policies-heading', '#request-heading'].map((s) => document.querySelector(s).getBoundingClientRect().top));
  assert.ok(order[0] < order[1] && order[0] < order[2], 'the trace comes before the policies and the request: ' + order);
  const top = await narrow.evaluate(() => document.getElementById('trace-heading').getBoundingClientRect().top);
  assert.ok(top >= 0 && top < 800, 'the trace heading is on screen: ' + top);
  assert.deepEqual(narrow.problems, []);
  await narrow.context().close();
});

// A request AWS refuses for the kind of credentials is a finding about the
// request, listed with the field's name; clicking it focuses the field.
test('root calling sts:AssumeRole is flagged on the request', async () => {
  const root = JSON.stringify({
    request: { principal: 'arn:aws:iam::111122223333:root', action: 'sts:AssumeRole', resource: 'arn:aws:iam::111122223333:role/Admin' },
    resourcePolicy: { name: 'Trust', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }] } },
  });
  const page = await lab.open('?lang=en#' + fragment(root));
  assert.equal(await decision(page), 'allowed');
  await page.waitForSelector('#lint:not([hidden]) .lint-count', { timeout: 15000 });
  assert.match(await page.locator('#lint summary').textContent(), /Policy checks:.*1 warning/);
  await page.locator('#lint summary').click();
  const item = page.locator('#lint .lint-item', { hasText: 'request.credentials' });
  assert.match(await item.textContent(), /^Action request\.credentials the root user cannot call sts:AssumeRole/);
  await item.click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'req-action');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

// A policy name IAM refuses is a finding on the name field of its card,
// not a refusal of the scenario: said under the policy, listed with its
// check's link, and revealed in the name field; in English and Japanese.
for (const [lang, said] of [['en', /IAM refuses the policy name "S3 Upload": .* so " " cannot be in it/], ['ja', /IAM はポリシー名 "S3 Upload" を拒否します/]]) {
  test(`${lang}: a policy name IAM would refuse is a lint finding`, async () => {
    const page = await lab.open(`?lang=${lang}`);
    assert.equal(await decision(page), 'allowed');
    const name = page.locator('[data-slot="identityPolicies[0]"] .name-field input');
    await name.fill('S3 Upload');
    assert.equal(await decision(page), 'allowed', 'the name does not stop the evaluation');
    const message = page.locator('[data-slot="identityPolicies[0]"] .slot-message');
    await message.waitFor({ state: 'visible', timeout: 15000 });
    assert.match(await message.textContent(), said);
    assert.match(await message.textContent(), /^policy\.name: /);
    await page.locator('#lint summary').click();
    const item = page.locator('#lint .lint-item', { hasText: 'policy.name' });
    assert.match(await item.textContent(), said);
    await item.click();
    assert.equal(await page.evaluate(() => document.activeElement?.closest('.name-field') !== null), true, 'the name field has the focus');
    const about = await page.locator('#lint li', { hasText: 'policy.name' }).locator('.lint-code').getAttribute('href');
    assert.equal(about, `checks/${lang}.html#policy.name`);
    await name.fill('S3Upload');
    await message.waitFor({ state: 'hidden', timeout: 15000 });
    assert.deepEqual(page.problems, []);
    await page.goto(lab.url + about);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    assert.match(await page.locator('[id="policy.name"] .summary').textContent(), lang === 'ja' ? /IAM が拒否する名前/ : /whose name IAM refuses/);
    await page.context().close();
  });
}

// The request is linted too (issue 16): an action AWS does not have (with
// the nearest one), a resource of no type the action takes, and a context
// key the action never receives, each on its request field, in English and
// Japanese.
const requestWords = {
  en: { action: /request\.unknownAction Amazon S3 has no action "GetObjekt": did you mean "s3:GetObject"\?/, type: /request\.resourceType "arn:aws:s3:::b" is of no resource type that s3:GetObject takes/, key: /request\.contextKey s3:GetObject does not receive ec2:Region/ },
  ja: { action: /request\.unknownAction Amazon S3 にアクション "GetObjekt" はありません: "s3:GetObject" ではありませんか\?/, type: /request\.resourceType "arn:aws:s3:::b" は s3:GetObject が取るどのリソースタイプでもない/, key: /request\.contextKey s3:GetObject は ec2:Region を受け取りません/ },
};
for (const lang of ['en', 'ja']) {
  test(`${lang}: the request is linted — an unknown action, a resource of no type, a context key never received`, async () => {
    const allowAll = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] };
    const link = (request) => '#' + fragment(JSON.stringify({ request: { principal: 'arn:aws:iam::111122223333:user/alice', ...request }, identityPolicies: [{ name: 'P', document: allowAll }] }));
    const page = await lab.open(`?lang=${lang}` + link({ action: 's3:GetObject', resource: 'arn:aws:s3:::b', context: { 'ec2:Region': 'us-east-1' } }));
    assert.equal(await decision(page), 'allowed');
    await page.waitForSelector('#lint:not([hidden]) .lint-count', { timeout: 15000 });
    await page.locator('#lint summary').click();
    const list = await page.locator('#lint .lint-list').textContent();
    assert.match(list, requestWords[lang].type);
    assert.match(list, requestWords[lang].key);
    await page.locator('#lint .lint-item', { hasText: 'request.resourceType' }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'req-resource');
    // A context key's finding is named by its field and key, and goes to its row.
    const keyItem = page.locator('#lint .lint-item', { hasText: 'request.contextKey' });
    assert.equal(await keyItem.locator('.pos').textContent(), lang === 'ja' ? 'コンテキストキー ec2:Region' : 'Context keys ec2:Region');
    await keyItem.click();
    assert.equal(await page.evaluate(() => document.activeElement?.value), 'ec2:Region');
    await page.context().close();

    const unknown = await lab.open(`?lang=${lang}` + link({ action: 's3:GetObjekt', resource: 'arn:aws:s3:::b/k' }));
    assert.equal(await decision(unknown), 'allowed', 'the engine still decides it');
    await unknown.waitForSelector('#lint:not([hidden]) .lint-count[data-severity="error"]', { timeout: 15000 });
    await unknown.locator('#lint summary').click();
    const item = unknown.locator('#lint .lint-item', { hasText: 'request.unknownAction' });
    assert.match(await item.textContent(), requestWords[lang].action);
    await item.click();
    assert.equal(await unknown.evaluate(() => document.activeElement?.id), 'req-action');
    assert.deepEqual(unknown.problems, []);
    await unknown.context().close();
  });
}
