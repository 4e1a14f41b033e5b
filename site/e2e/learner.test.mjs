// The playground as a learner meets it (issue 18), in English and Japanese:
// presets and templates that evaluate, imports that ask, a layout that keeps
// the decision in view, every message in the page's language, examples
// that teach, "what does this allow?", and an account's data imported.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request as httpGet } from 'node:http';
import { useBrowser, decision } from './browser.mjs';
import { fragment, setEditor, scenario } from './helpers.mjs';

const lab = useBrowser();
const LANGS = ['en', 'ja'];
const words = {
  en: { cross: /cross-account/, used: /Used: 111122223333 \(another account than the caller’s\)/, lint: /Amazon S3 has no action/, field: /must be a 12-digit account ID/, json: /line 1, column/, v2: /newer version of IAM Lab/, allows: /actions of s3:\*: \d+ allowed/, slot: /Where does this policy go/ },
  ja: { cross: /クロスアカウント/, used: /使用: 111122223333 \(呼び出し元とは別のアカウント\)/, lint: /Amazon S3 にアクション "GetObjekt" はありません: "s3:GetObject" ではありませんか\?/, field: /リソースのアカウントは 12 桁/, json: /JSON の構文エラーです/, v2: /新しいバージョンの IAM Lab/, allows: /s3:\* のアクション \d+ 個: 許可 \d+/, slot: /このポリシーをどこに入れますか/ },
};
const settle = (page) => page.waitForTimeout(400);

for (const lang of LANGS) {
  test(`${lang}: "user of another account" is cross-account, and the resource account used is shown`, async () => {
    const page = await lab.open(`?lang=${lang}`);
    await decision(page);
    await page.selectOption('#examples', 'unset-allow-deny');
    await decision(page, 'allowed');
    await page.selectOption('#request-fields select.preset', { index: 3 }); // User of another account
    await page.waitForFunction(() => document.querySelector('.caller')?.textContent.length > 0);
    await settle(page);
    assert.match(await page.locator('.caller').textContent(), words[lang].cross);
    assert.equal(await page.inputValue('#req-resourceAccount'), '111122223333');
    assert.match(await page.getByTestId('resource-account-used').textContent(), words[lang].used);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test(`${lang}: every "add" button inserts a policy that evaluates`, async () => {
    const page = await lab.open(`?lang=${lang}`);
    await decision(page);
    const labels = lang === 'en'
      ? ['Add inline policy', 'Add a permissions boundary', 'Add a session policy', 'Add a resource-based policy', 'Add level', 'Add policy', 'Add level', 'Add policy']
      : ['インラインポリシーを追加', 'アクセス許可の境界を追加', 'セッションポリシーを追加', 'リソースベースのポリシーを追加', '階層を追加', 'ポリシーを追加', '階層を追加', 'ポリシーを追加'];
    for (const [i, label] of labels.entries()) {
      // The first "add level" and "add policy" are the SCPs', the second
      // ones the RCPs'.
      const buttons = page.locator('#policy-slots button', { hasText: label });
      await (i === 4 || i === 5 ? buttons.first() : buttons.last()).click();
      await settle(page);
      await page.waitForFunction(() => document.querySelector('[data-testid="decision"]').dataset.decision !== '');
      const d = await page.getByTestId('decision').getAttribute('data-decision');
      assert.notEqual(d, 'error', `after add button ${i}: ${await page.locator('.decision-detail').textContent()}`);
    }
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test(`${lang}: a bare policy file is accepted into the slot the learner picks`, async () => {
    const page = await lab.open(`?lang=${lang}`);
    await decision(page);
    const policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:PutObject","Resource":"*"}]}';
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#import')]);
    await chooser.setFiles({ name: 'deny-put.json', mimeType: 'application/json', buffer: Buffer.from(policy) });
    await page.getByTestId('ask').waitFor();
    assert.match(await page.getByTestId('ask').textContent(), words[lang].slot);
    assert.equal(await page.locator('[data-choice="identity"]').getAttribute('class'), 'primary', 'the likely slot is suggested');
    await page.click('[data-choice="boundary"]');
    assert.equal(await decision(page, 'allowed'), 'explicitDeny');
    assert.equal(await page.locator('[data-slot="permissionsBoundary"]').count(), 1);
    assert.equal(await page.locator('[data-slot="identityPolicies[0]"]').count(), 1, 'the scenario was kept');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test(`${lang}: every message is in the page's language — lint, request fields, JSON errors, links`, async () => {
    const page = await lab.open(`?lang=${lang}`);
    await decision(page);
    await page.fill('#req-action', 's3:GetObject');
    await setEditor(page, 0, '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObjekt","Resource":"*"}]}');
    await page.waitForSelector('#lint .lint-count', { timeout: 20000 });
    await page.locator('#lint summary').click();
    assert.match(await page.locator('#lint .lint-list').textContent(), words[lang].lint);
    if (lang === 'ja') assert.doesNotMatch(await page.locator('#lint .lint-list').textContent(), /has no action/, 'no English left in a Japanese finding');
    const about = await page.locator('#lint .lint-code').first().getAttribute('href');
    assert.equal(about, `checks/${lang}.html#action.unknown`);
    await page.fill('#req-resourceAccount', '12');
    assert.equal(await decision(page, 'implicitDeny'), 'error');
    assert.match(await page.locator('#req-resourceAccount-msg').textContent(), words[lang].field);
    assert.equal(await page.locator('#lint').isHidden(), true, 'no stale "no findings" under an error');
    await page.fill('#req-resourceAccount', '');
    await setEditor(page, 0, '{"Version": ');
    await decision(page, 'implicitDeny');
    assert.match(await page.locator('.decision-detail').textContent(), words[lang].json);
    // The linter's reference the finding links to has the check.
    await page.goto(lab.url + about);
    assert.equal(await page.locator('[id="action.unknown"]').count(), 1);
    // in the page's language: the registry's summary of the check.
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    assert.match(await page.locator('[id="action.unknown"] .summary').textContent(), lang === 'ja' ? /サービスにないアクションです/ : /an action the service does not have/);
    await page.context().close();

    const v2 = await lab.open(`?lang=${lang}#v2.` + fragment(scenario('{}')).slice(3));
    assert.equal(await decision(v2), 'error');
    assert.match(await v2.locator('.decision-detail').textContent(), words[lang].v2);
    await v2.context().close();
  });

  test(`${lang}: examples teach, link their tutorial section, and the menu shows the loaded one`, async () => {
    const page = await lab.open(`?lang=${lang}`);
    await decision(page);
    assert.equal(await page.inputValue('#examples'), 's3-direct-upload');
    await page.selectOption('#examples', 'permissions-boundary');
    await decision(page, 'allowed');
    assert.equal(await page.inputValue('#examples'), 'permissions-boundary');
    const info = page.locator('#example-info');
    assert.ok((await info.locator('.teaches').textContent()).length > 20);
    assert.ok((await info.locator('.try').textContent()).length > 20);
    assert.equal(await page.locator('#tutorials').getAttribute('href'), `${lang}/`);
    // Every example's tutorial link names a heading of that tutorial.
    const links = await page.evaluate(async () => (await import('./app.js').catch(() => null), [...document.querySelectorAll('#examples option')].map((o) => o.value).filter(Boolean)));
    for (const id of links) {
      await page.selectOption('#examples', id);
      await page.waitForFunction((id) => document.querySelector('#examples').value === id, id);
      const href = await info.locator('a').getAttribute('href');
      const [, pageName, anchor] = /^(?:en|ja)\/([^/]+)\/#(.+)$/.exec(href) || [];
      assert.ok(pageName, `${id}: ${href}`);
      const md = readFileSync(`content/${lang}/${pageName}.md`, 'utf8');
      const anchors = [...md.matchAll(/^#{2,3} (.+)$/gm)].map((m) => slug(m[1]));
      assert.ok(anchors.includes(decodeURIComponent(anchor)), `${id}: #${anchor} is no heading of ${pageName} (${anchors.join(', ')})`);
    }
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test(`${lang}: "what does this allow?" decides every S3 action, and a row opens its trace`, async () => {
    const page = await lab.open(`?lang=${lang}`);
    await decision(page);
    await page.locator('[data-testid="allows"] summary').click();
    await page.waitForSelector('[data-testid="allows-summary"]', { timeout: 20000 });
    assert.match(await page.getByTestId('allows-summary').textContent(), words[lang].allows);
    const rows = page.locator('.allows-row');
    assert.ok(await rows.count() > 150, `${await rows.count()} rows`);
    // The example lets the role put objects: PutObject allowed, and
    // DeleteBucket not.
    assert.equal(await page.locator('.allows-row[data-action="s3:PutObject"]').getAttribute('data-decision'), 'allowed');
    assert.equal(await page.locator('.allows-row[data-action="s3:DeleteBucket"]').getAttribute('data-decision'), 'implicitDeny');
    await page.locator('.allows-row[data-action="s3:PutObject"] button').click();
    await page.waitForSelector('.allows-trace .policy');
    // A pattern, expanded with the catalog.
    await page.fill('[data-testid="allows"] input', 's3:Put*');
    await page.press('[data-testid="allows"] input', 'Enter');
    await page.waitForFunction(() => [...document.querySelectorAll('.allows-row')].every((r) => r.dataset.action.startsWith('s3:Put')));
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test(`${lang}: an account's authorization details fill the scenario with a user's policies`, async () => {
    const page = await lab.open(`?lang=${lang}`);
    await decision(page);
    await page.click('#paste');
    await page.fill('#paste-text', readFileSync('api/testdata/account-authorization-details.json', 'utf8'));
    await page.click('[data-choice="import"]');
    await page.waitForSelector('#ask-principal');
    await page.selectOption('#ask-principal', 'arn:aws:iam::111122223333:user/alice');
    await page.click('[data-choice="take"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-slot^="identityPolicies"]').length === 4);
    assert.equal(await page.locator('[data-slot="permissionsBoundary"]').count(), 1);
    assert.equal(await page.inputValue('#req-principal'), 'arn:aws:iam::111122223333:user/alice');
    await page.fill('#req-action', 's3:DeleteObject');
    assert.equal(await decision(page, 'allowed'), 'explicitDeny');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}

for (const lang of LANGS) {
  test(`${lang}: the decision and the start of its trace are in view at 1440×900; at 390 px the decision stays in view`, async () => {
    const wide = await lab.open(`?lang=${lang}`, { viewport: { width: 1440, height: 900 } });
    await decision(wide);
    for (const sel of ['[data-testid="decision"]', '#trace .policy']) {
      const box = await wide.locator(sel).first().boundingBox();
      assert.ok(box && box.y >= 0 && box.y + Math.min(box.height, 60) <= 900, `${sel} at ${JSON.stringify(box)}`);
    }
    await wide.context().close();

    const narrow = await lab.open(`?lang=${lang}`, { viewport: { width: 390, height: 844 } });
    await decision(narrow);
    for (const y of [0, 1500, 100000]) {
      await narrow.evaluate((y) => window.scrollTo(0, y), y);
      const box = await narrow.getByTestId('decision').boundingBox();
      assert.ok(box.y >= 0 && box.y + box.height <= 844, `scrolled to ${y}: decision at ${JSON.stringify(box)}`);
      assert.ok(await narrow.locator('.decision-detail').isVisible());
    }
    // The principal shows whole; the Cognito example's two keys read apart.
    const fits = (sel) => narrow.locator(sel).evaluateAll((els) => els.map((e) => e.scrollWidth <= e.clientWidth + 1));
    assert.deepEqual(await fits('#req-principal'), [true]);
    await narrow.selectOption('#examples', 'cognito-identity-pool');
    await narrow.waitForFunction(() => document.querySelector('#req-principal').value === 'cognito-identity.amazonaws.com');
    assert.deepEqual(await fits('.context-row input:first-of-type'), [true, true]);
    assert.deepEqual(narrow.problems, []);
    await narrow.context().close();
  });
}

for (const lang of LANGS) {
  test(`${lang}: the ${lang} tutorial opens the playground in its language; the hint does not ask for Ctrl+Enter`, async () => {
    // The browser prefers the other language: only the tutorial's tells.
    const page = await lab.browser.newContext({ locale: lang === 'ja' ? 'en-US' : 'ja-JP' }).then((c) => c.newPage());
    await page.goto(lab.url + '#' + fragment(scenario('{}')), { referer: lab.url + `${lang}/01-iam-overview/` });
    await decision(page);
    assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
    assert.doesNotMatch(await page.locator('#evaluate-hint').textContent(), /Ctrl|⌘|Enter/);
    await page.context().close();
  });
}

test('the module served is within 1.2 MB (brotli, as tools/serve sends it)', async () => {
  const bytes = await new Promise((resolve, reject) => {
    httpGet(lab.url + 'iamlab.wasm', { headers: { 'Accept-Encoding': 'br' } }, (res) => {
      assert.equal(res.headers['content-encoding'], 'br');
      let n = 0;
      res.on('data', (d) => (n += d.length));
      res.on('end', () => resolve(n));
    }).on('error', reject).end();
  });
  console.log(`iamlab.wasm served: ${bytes} bytes brotli`);
  assert.ok(bytes <= 1_200_000, `${bytes} bytes`);
});

// slug is the heading ID of markup/headingid (Slug): letters, digits and
// marks lower-cased, any other run a dash.
function slug(text) {
  let out = '';
  let dash = false;
  for (const ch of text.replace(/`/g, '').toLowerCase()) {
    if (/[\p{L}\p{Nd}\p{Mn}]/u.test(ch)) {
      if (dash && out) out += '-';
      dash = false;
      out += ch;
    } else dash = true;
  }
  return out || 'section';
}
