// The user's work is never lost (issue 17): links the page writes open,
// the address never carries an older scenario than the editors, opening a
// link never rewrites it, nothing replaces edits without asking, the last
// edits survive a reload, and the page reads links with the one decoder.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { useBrowser, openPage, decision } from './browser.mjs';
import { fragment, setEditor, editorText, goCall, scenario } from './helpers.mjs';

const lab = useBrowser();

const allowGet = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }\n  ]\n}';

// big is a policy of about 354 KB that compresses well: over the 256 KiB a
// link may inflate to, under the 64 KiB of payload.
const big = '{\n  "Version": "2012-10-17",\n  "Statement": [\n' +
  Array.from({ length: 2740 }, (_, i) => `    { "Sid": "S${i}", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/folder-${i}/*" }`).join(',\n') +
  '\n  ]\n}';

const ask = (page) => page.getByTestId('ask');

test('1. a scenario too large for a link is refused at once by Share, never "copied"', async () => {
  assert.ok(big.length > 350_000, big.length);
  const page = await lab.open('?lang=en');
  await decision(page);
  await page.fill('#req-action', 's3:GetObject');
  await setEditor(page, 0, big);
  await page.waitForFunction(() => document.querySelector('.cm-content').textContent.includes('folder-2739'));
  await page.click('#share');
  await page.waitForSelector('#toast:not([hidden])');
  const toast = await page.locator('#toast').textContent();
  assert.doesNotMatch(toast, /copied/i);
  assert.match(toast, /No link: .*256 KiB/);
  assert.equal(await page.evaluate(() => location.hash), '', 'the address carries no link of an older scenario');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('2. past the link limit the page says so, and a reload restores what was typed', async () => {
  const page = await lab.open('?lang=en');
  await decision(page);
  await setEditor(page, 0, allowGet);
  await page.waitForFunction(() => location.hash.startsWith('#v1.'));
  await setEditor(page, 0, big);
  await page.waitForSelector('#notice:not([hidden])', { timeout: 10000 });
  assert.match(await page.locator('#notice').textContent(), /too large for a share link.*reload restores it/);
  assert.equal(await page.evaluate(() => location.hash), '');
  await page.reload();
  await decision(page);
  // CodeMirror draws only the lines in view: the first ones tell.
  assert.match(await page.locator('.cm-content').nth(0).textContent(), /folder-0\/\*/, 'the large policy came back, not the last one that fitted a link');
  await page.waitForSelector('#notice:not([hidden])', { timeout: 10000 });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('3. opening a link never changes it: a refused one stays refused with a managed policy, a valid one is not rewritten', async () => {
  // identityPolicies[1] is of the wrong shape: the link is refused, and its
  // AWS managed policy loads into its editor meanwhile.
  const refusedLink = '#' + fragment(JSON.stringify({
    request: { principal: 'arn:aws:iam::111122223333:user/alice', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' },
    identityPolicies: [{ arn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }, 7],
  }));
  const page = await lab.open('?lang=en' + refusedLink);
  assert.equal(await decision(page), 'error');
  await page.waitForFunction(() => document.querySelector('.cm-content')?.textContent.includes('s3:Get*'));
  await page.waitForTimeout(800); // the hash would be rewritten 250 ms after an edit
  assert.equal(await page.getByTestId('decision').getAttribute('data-decision'), 'error');
  assert.equal(await page.evaluate(() => location.hash), refusedLink);
  await page.context().close();

  // A valid link with a field the page does not use keeps every byte.
  const validLink = '#' + fragment(JSON.stringify({ ...JSON.parse(scenario(allowGet)), notes: 'kept', expected: 'allowed' }));
  const valid = await lab.open('?lang=en' + validLink);
  assert.equal(await decision(valid), 'allowed');
  await valid.waitForTimeout(800);
  assert.equal(await valid.evaluate(() => location.hash), validLink);
  assert.deepEqual(valid.problems, []);
  await valid.context().close();
});

test('4. examples, files and links pasted into the address ask before replacing edits', async () => {
  const page = await lab.open('?lang=en');
  await decision(page);
  await setEditor(page, 0, allowGet.replace('s3:GetObject', 's3:ListBucket'));
  const mine = await editorText(page, 0);

  // An example: "Keep mine" keeps the edits.
  await page.selectOption('#examples', 'unset-allow-deny');
  await ask(page).waitFor();
  await page.click('[data-choice="keep"]');
  assert.equal(await editorText(page, 0), mine);

  // A file: asked too.
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#import')]);
  await chooser.setFiles({ name: 'deny.json', mimeType: 'application/json', buffer: Buffer.from(readFileSync('site/examples/unset-allow-deny.json')) });
  await ask(page).waitFor();
  assert.match(await ask(page).textContent(), /deny\.json/);
  await page.click('[data-choice="keep"]');
  assert.equal(await editorText(page, 0), mine);

  // A link pasted into the address of this tab is not ignored: it asks,
  // and keeping the edits puts their link back.
  await page.waitForFunction(() => location.hash.startsWith('#v1.'));
  const own = await page.evaluate(() => location.hash);
  const other = '#' + fragment(scenario(allowGet.replace('Allow', 'Deny')));
  await page.evaluate((h) => (location.hash = h), other);
  await ask(page).waitFor();
  await page.click('[data-choice="keep"]');
  await page.waitForFunction((h) => location.hash === h, own);
  assert.equal(await editorText(page, 0), mine);

  // Replace: the link opens.
  await page.evaluate((h) => (location.hash = h), other);
  await ask(page).waitFor();
  await page.click('[data-choice="replace"]');
  assert.equal(await decision(page, 'allowed'), 'explicitDeny');
  assert.equal(await page.evaluate(() => location.hash), other, 'the opened link is not rewritten');

  // Not edited since: an example replaces it without asking.
  await page.selectOption('#examples', 'kms-key-policy');
  assert.equal(await decision(page, 'explicitDeny'), 'allowed');
  assert.equal(await ask(page).count(), 0);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('4. the last edits before a reload are kept (pagehide), and a language switch keeps undo', async () => {
  const page = await lab.open('?lang=en');
  await decision(page);
  await setEditor(page, 0, allowGet);
  await page.waitForFunction(() => location.hash.startsWith('#v1.'));
  const last = allowGet.replace('s3:GetObject', 's3:GetObjectAcl');
  await setEditor(page, 0, last);
  await page.reload(); // at once: the link has not followed this edit yet
  await decision(page);
  assert.equal(await editorText(page, 0), last);

  // Undo after a language switch.
  await page.locator('.cm-content').nth(0).click();
  await page.keyboard.press('End');
  await page.keyboard.type(' ');
  await page.selectOption('#lang', 'ja');
  await page.locator('.cm-content').nth(0).click();
  await page.keyboard.press('ControlOrMeta+Z');
  assert.equal(await editorText(page, 0), last);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

// 5. One decoder: the page opens links through the module's Go decoder,
// and the shared corpus (share/testdata/corpus.json, also run by the Go
// test) gives the same answer in the page.
test('5. the share corpus: the page accepts exactly the links Go accepts', async () => {
  const corpus = JSON.parse(readFileSync('share/testdata/corpus.json', 'utf8'));
  const page = await lab.open('?lang=en');
  await decision(page);
  for (const c of corpus) {
    const ans = await goCall(page, 'openLink', c.fragment);
    const code = ans.error?.code?.startsWith('share.') ? ans.error.code : '';
    assert.equal(code, c.code, `${c.name}: ${JSON.stringify(ans.error)}`);
  }
  await page.context().close();
  // In the page itself: refused with the codec's reason.
  for (const [name, msg] of [['leading zero', /not a scenario link/], ['plus sign', /not a scenario link/], ['bytes after the stream', /damaged/], ['line break', /damaged/], ['later version', /newer version of IAM Lab/]]) {
    const c = corpus.find((x) => x.name === name);
    const p = await lab.open('?lang=en#' + encodeURI(c.fragment.replace(/^#/, '')).replace(/%0A/g, '%0A'));
    assert.equal(await decision(p), 'error', name);
    assert.match(await p.locator('.decision-detail').textContent(), msg, name);
    await p.context().close();
  }
  const good = corpus.find((x) => x.name === "another encoder (fastest level)");
  const ok = await lab.open('?lang=en#' + good.fragment);
  assert.equal(await decision(ok), 'implicitDeny');
  assert.equal(await ok.inputValue('#req-resource'), 'arn:aws:s3:::b/k');
  await ok.context().close();
});

// The tutorials' browser encoder (site/share.js) refuses what the decoder
// refuses: a text over 256 KiB, or one that compresses past 64 KiB of
// payload; what it accepts, the page's decoder opens.
test('1. the tutorials\' encoder refuses what the decoder refuses', async () => {
  const { encodeFragment } = await import('../share.js');
  const refused = async (text) => encodeFragment(text).then(() => false, (e) => e.code === 'share.encodeTooLarge');
  assert.ok(await refused(scenario(big)), 'over 256 KiB once inflated');
  const noise = Array.from({ length: 90_000 }, (_, i) => String.fromCharCode(33 + ((i * 7919) ^ (i >> 3) * 104729) % 90)).join('');
  assert.ok(await refused(JSON.stringify({ request: { principal: noise } })), 'over 64 KiB of payload');
  const frag = await encodeFragment(scenario(allowGet));
  const page = await lab.open('?lang=en');
  await decision(page);
  const ans = await goCall(page, 'openLink', frag);
  assert.equal(ans.draft?.identity?.[0]?.text, allowGet, JSON.stringify(ans.error));
  await page.context().close();
});
