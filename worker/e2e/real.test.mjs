// Real mode in headless Chromium through the Worker (`make test-worker`):
// the test Worker (build-test/, -tags relaytest) runs under wrangler with
// its relay's upstream at a loopback proxy in front of `iamlab serve`, so
// that "AWS" is the simulated AWS, prepared as each flow's world. The page
// signs for the real AWS hosts and sends its calls to /relay/ as it would
// on the deployed site.
//
// - Every flow that has a real mode, run in the learner's "account" with
//   the learner's credentials (new keys of the world's users, an
//   administrator user, one pair pasted as aws sts get-session-token
//   prints it), reaches every step's outcome of the simulated mode; the
//   relayed calls reached iamlab serve, signed with the learner's keys,
//   never the flow's own. GetCallerIdentity names each caller first.
// - "Compare with AWS" in the playground asks the served IAM
//   (SimulateCustomPolicy, SimulatePrincipalPolicy) and shows its decisions
//   beside the engine's.
// - A Cognito sign-in in the page (USER_SRP_AUTH, then the identity pool)
//   gives the authenticated role's session, named by GetCallerIdentity.
// - No credential shows in the URL, localStorage, sessionStorage,
//   IndexedDB, cookies, the console or the Worker's logs; "Forget
//   credentials" clears them from the page.
//
// Run: node --test worker/e2e/real.test.mjs from the repository's root,
// after make docs, make build and make worker-test-build.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve as absolute } from 'node:path';
import { launch } from '../../site/e2e/browser.mjs';
import { fragment } from '../../site/e2e/helpers.mjs';

const ACCOUNT = '123456789012';
const TEST_HOST = 'x-iamlab-test-host'; // relay.TestHostHeader
const tmp = mkdtempSync(join(tmpdir(), 'iamlab-real-'));
const lab = { backend: null, seen: [], procs: [], logs: [] };
const logText = () => lab.logs.map((l) => l.text).join('');

// The upstream of the test Worker: puts back the AWS host the relay
// carried in X-Iamlab-Test-Host (workerd's fetch sends the URL's host) and
// hands the call to the current iamlab serve, recording what came.
function startProxy() {
  const server = http.createServer((req, res) => {
    const host = req.headers[TEST_HOST];
    const headers = { ...req.headers, host };
    delete headers[TEST_HOST];
    lab.seen.push({ host, method: req.method, path: req.url, authorization: String(req.headers.authorization || ''), token: String(req.headers['x-amz-security-token'] || '') });
    const up = http.request({ host: '127.0.0.1', port: lab.backend.port, method: req.method, path: req.url, headers }, (r) => {
      res.writeHead(r.statusCode, r.headers);
      r.pipe(res);
    });
    up.on('error', (e) => { res.writeHead(502); res.end(String(e)); });
    req.pipe(up);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// spawnUntil starts a process in its own group and resolves with the first
// match of re in its output.
function spawnUntil(cmd, args, opts, re, what) {
  return new Promise((resolve, reject) => {
    const proc = spawn(cmd, args, { ...opts, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    lab.procs.push(proc);
    const log = { text: '' };
    lab.logs.push(log);
    const timer = setTimeout(() => reject(new Error(`${what} did not start:\n${log.text}`)), 90000);
    let done = false;
    const read = (d) => {
      log.text += d;
      const m = !done && re.exec(log.text);
      if (m) { done = true; clearTimeout(timer); resolve({ proc, m }); }
    };
    proc.stdout.on('data', read);
    proc.stderr.on('data', read);
    proc.on('error', (e) => done || reject(e));
    proc.on('exit', (code) => done || reject(new Error(`${what} exited with ${code}:\n${log.text}`)));
  });
}

function stop(proc) {
  try { process.kill(-proc.pid, 'SIGTERM'); } catch { /* gone */ }
}

// serve starts `iamlab serve` with a world file and makes it the backend.
async function serve(worldText) {
  const file = join(tmp, `world-${lab.procs.length}.json`);
  writeFileSync(file, worldText);
  const { proc, m } = await spawnUntil('bin/iamlab', ['serve', '--world', file, '--addr', '127.0.0.1:0'], {}, /simulated AWS at http:\/\/127\.0\.0\.1:(\d+)/, 'iamlab serve');
  if (lab.backend) stop(lab.backend.proc);
  lab.backend = { proc, port: Number(m[1]) };
}

function freePort() {
  return new Promise((resolve) => {
    const s = http.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
}

before(async () => {
  const proxy = await startProxy();
  lab.proxy = proxy;
  await serve(readFileSync('flows/worlds/s3-upload-role.json', 'utf8')); // any world, until a test picks its own
  const port = await freePort();
  await spawnUntil(absolute('node_modules/.bin/wrangler'), ['dev', '--env', 'browser', '--ip', '127.0.0.1', '--port', String(port),
    '--persist-to', join(tmp, 'state'), '--var', `RELAY_TEST_UPSTREAM:http://127.0.0.1:${proxy.address().port}`],
  { cwd: 'worker', env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', XDG_CONFIG_HOME: tmp, WRANGLER_LOG_PATH: tmp, NO_COLOR: '1', CI: 'true' } },
  /Ready on http:\/\/127\.0\.0\.1:\d+/, 'wrangler dev');
  lab.url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) { // the first answer comes a moment after "Ready"
    try { if ((await fetch(lab.url)).ok) break; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  lab.chrome = await launch();
});

after(async () => {
  await lab.chrome?.close();
  for (const p of lab.procs) stop(p);
  lab.proxy?.close();
  rmSync(tmp, { recursive: true, force: true });
});

// open opens a page in a fresh context, keeping every console message.
async function open(path) {
  const context = await lab.chrome.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.consoleText = [];
  page.problems = [];
  const kept = (m) => { page.consoleText.push(m.text()); if (m.type() === 'error') page.problems.push(m.text()); };
  page.on('console', kept);
  page.on('worker', (wk) => wk.on('console', kept)); // the flows module's worker too
  page.on('pageerror', (e) => page.problems.push('pageerror: ' + e.message));
  await page.goto(lab.url + path);
  return page;
}

const rand = (n, alphabet) => [...randomBytes(n)].map((b) => alphabet[b % alphabet.length]).join('');
const newKey = () => ({ id: 'AKIA' + rand(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'), secret: rand(40, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/+') });

// learnerWorld is the flow's world with the learner's credentials added:
// a new key for each caller that is a user of the world, and an
// administrator user (AdministratorAccess) for the caller "admin".
function learnerWorld(name, callers) {
  const world = JSON.parse(readFileSync(`flows/worlds/${name}.json`, 'utf8'));
  const account = world.accounts.find((a) => a.id === ACCOUNT);
  // The relay reaches AWS over https, but this test's chain ends in plain
  // http (iamlab serve has no TLS), where aws:SecureTransport is false: a
  // statement that denies insecure transport would deny here what AWS
  // allows, so the test's world leaves it out.
  for (const b of account.buckets || []) {
    if (b.policy) b.policy.Statement = b.policy.Statement.filter((st) => st.Condition?.Bool?.['aws:SecureTransport'] !== 'false');
  }
  const keys = {};
  for (const id of new Set([...callers, 'admin'])) {
    const key = newKey();
    keys[id] = { ...key, user: id === 'admin' ? 'lab-admin' : id };
    if (id === 'admin') {
      account.users ||= [];
      if (!account.users.some((u) => u.name === 'lab-admin')) account.users.push({ name: 'lab-admin', managedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'], accessKeys: [] });
    }
    const user = (account.users || []).find((u) => u.name === keys[id].user);
    assert.ok(user, `${name}: the world has the user ${keys[id].user}`);
    (user.accessKeys ||= []).push({ id: key.id, secret: key.secret });
  }
  return { text: JSON.stringify(world), keys };
}

// getSessionToken asks the served STS for temporary credentials, as `aws
// sts get-session-token` does, and prints them as that command does.
async function getSessionToken(key) {
  const body = 'Action=GetSessionToken&Version=2011-06-15';
  const date = new Date().toISOString().replace(/[-:]|\.\d+/g, '');
  const day = date.slice(0, 8);
  const host = 'sts.amazonaws.com';
  const sha = (s) => createHash('sha256').update(s).digest('hex');
  const hmac = (k, s) => createHmac('sha256', k).update(s).digest();
  const canonical = ['POST', '/', '', `content-type:application/x-www-form-urlencoded\nhost:${host}\nx-amz-date:${date}\n`, 'content-type;host;x-amz-date', sha(body)].join('\n');
  const scope = `${day}/us-east-1/sts/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', date, scope, sha(canonical)].join('\n');
  let k = hmac('AWS4' + key.secret, day);
  for (const part of ['us-east-1', 'sts', 'aws4_request']) k = hmac(k, part);
  const signature = createHmac('sha256', k).update(toSign).digest('hex');
  const headers = { host, 'content-type': 'application/x-www-form-urlencoded', 'x-amz-date': date,
    authorization: `AWS4-HMAC-SHA256 Credential=${key.id}/${scope}, SignedHeaders=content-type;host;x-amz-date, Signature=${signature}` };
  const xml = await new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: lab.backend.port, method: 'POST', path: '/', headers }, (res) => {
      let s = '';
      res.on('data', (d) => { s += d; });
      res.on('end', () => (res.statusCode === 200 ? resolve(s) : reject(new Error(`GetSessionToken: ${res.statusCode} ${s}`))));
    });
    req.end(body);
  });
  const tag = (t) => new RegExp(`<${t}>([^<]+)</${t}>`).exec(xml)[1];
  return { AccessKeyId: tag('AccessKeyId'), SecretAccessKey: tag('SecretAccessKey'), SessionToken: tag('SessionToken'), Expiration: tag('Expiration') };
}

async function flowReady(page) {
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
}

// runFlow clicks the run button and returns each step's outcome.
async function runFlow(page) {
  const runs = Number(await page.evaluate(() => document.body.dataset.runs || 0));
  await page.getByTestId('flow-run').click();
  try {
    await page.waitForFunction((n) => Number(document.body.dataset.runs || 0) > n && !document.body.dataset.running, runs, { timeout: 90000 });
  } catch (e) {
    const status = await page.locator('#flow-status, [data-testid="flow-status"]').allTextContents();
    throw new Error(`${e.message}; status ${JSON.stringify(status)}; problems ${JSON.stringify(page.problems)}; calls ${lab.seen.length}`);
  }
  const err = await page.locator('#flow-error, [data-testid="flow-error"]').evaluateAll((els) => els.map((e) => e.textContent).join(' ').trim());
  const steps = await page.getByTestId('flow-step').evaluateAll((els) => els.map((e) => ({ id: e.dataset.step, outcome: e.dataset.outcome })));
  return { steps, err };
}

// giveCredentials fills a caller's form (keys typed, or CLI output pasted)
// and waits for GetCallerIdentity's answer.
async function giveCredentials(page, caller, how) {
  const form = page.locator(`[data-testid="real-caller"][data-caller="${caller}"]`);
  if (how.paste) {
    await form.getByTestId('real-kind-paste').check();
    await form.getByTestId('real-paste').fill(how.paste);
  } else {
    await form.getByTestId('real-accessKeyId').fill(how.id);
    await form.getByTestId('real-secretAccessKey').fill(how.secret);
  }
  await form.getByTestId('real-use').click();
  const out = form.getByTestId('real-identity');
  await page.waitForFunction((el) => el.dataset.arn || el.classList.contains('refused'), await out.elementHandle(), { timeout: 30000 });
  return { arn: await out.getAttribute('data-arn'), text: await out.textContent() };
}

// leaks lists where in the browser a secret shows: the URL, both storages,
// IndexedDB, cookies, the console.
async function leaks(page, secrets) {
  const stored = await page.evaluate(async () => {
    const dump = (s) => Object.keys(s).map((k) => k + '=' + s.getItem(k)).join('\n');
    const dbs = [];
    for (const info of (await indexedDB.databases?.()) || []) {
      const db = await new Promise((r, j) => { const q = indexedDB.open(info.name); q.onsuccess = () => r(q.result); q.onerror = j; });
      for (const store of db.objectStoreNames) {
        const all = await new Promise((r) => { const q = db.transaction(store).objectStore(store).getAll(); q.onsuccess = () => r(q.result); });
        dbs.push(info.name + '/' + store + ':' + JSON.stringify(all));
      }
      db.close();
    }
    return { local: dump(localStorage), session: dump(sessionStorage), idb: dbs.join('\n'), url: location.href };
  });
  const places = { url: page.url() + stored.url, localStorage: stored.local, sessionStorage: stored.session, indexedDB: stored.idb,
    cookies: JSON.stringify(await page.context().cookies()), console: page.consoleText.join('\n') };
  const found = [];
  for (const [where, text] of Object.entries(places)) {
    for (const s of secrets) if (s && text.includes(s)) found.push(`${where} holds ${s.slice(0, 8)}…`);
  }
  return found;
}

// The flows with a real mode, and the one without (the lab plays its
// OpenID Connect provider).
const REAL_FLOWS = ['s3-upload-role', 'acm-dns', 'cognito-identity-pool', 'kms-envelope'];

test('every flow with a real mode reaches the simulated mode\'s outcomes through the Worker, with the learner\'s credentials, which never leave memory', async () => {
  for (const [i, name] of REAL_FLOWS.entries()) {
    const lang = i % 2 ? 'ja' : 'en';
    const page = await open(`flows/${name}/?lang=${lang}`);
    await flowReady(page);
    const simulated = await runFlow(page);
    assert.ok(simulated.steps.length > 0 && simulated.steps.every((s) => s.outcome), `${name}: simulated run ${JSON.stringify(simulated)}`);
    assert.equal(await page.getByTestId('real-banner').getAttribute('data-mode'), 'simulated');

    await page.getByTestId('mode-real').check();
    await page.waitForSelector('[data-testid="real-banner"][data-mode="real"]');
    assert.equal(await page.getByTestId('flow-run').isDisabled(), true, `${name}: no run before credentials`);
    assert.equal(await page.getByTestId('real-mode').locator('.real-status').textContent(), '', `${name}: the page found the relay`);
    const banner = await page.getByTestId('real-banner').textContent();
    assert.match(banner, lang === 'ja' ? /自分の AWS アカウント/ : /My AWS account/, `${name}: the banner in ${lang}`);
    const callers = await page.getByTestId('real-caller').evaluateAll((els) => els.map((e) => e.dataset.caller));
    assert.ok(callers.length > 0, `${name}: callers`);

    const { text, keys } = learnerWorld(name, callers);
    await serve(text);
    const secrets = [];
    const given = new Set();
    for (const c of callers) {
      const k = keys[c];
      let how = { id: k.id, secret: k.secret };
      if (name === 'kms-envelope') { // temporary credentials, pasted as the CLI prints them
        const t = await getSessionToken(k);
        how = { paste: JSON.stringify({ Credentials: t }, null, 4) };
        secrets.push(t.AccessKeyId, t.SecretAccessKey, t.SessionToken);
        given.add(t.AccessKeyId);
      } else if (c === 'admin') { // environment lines, pasted
        how = { paste: `export AWS_ACCESS_KEY_ID=${k.id}\nexport AWS_SECRET_ACCESS_KEY=${k.secret}\n` };
      }
      secrets.push(k.id, k.secret);
      given.add(k.id);
      const id = await giveCredentials(page, c, how);
      assert.equal(id.arn, `arn:aws:iam::${ACCOUNT}:user/${k.user}`, `${name}/${c}: GetCallerIdentity ${id.text}`);
    }
    assert.equal(await page.getByTestId('real-mode').locator('[data-mode]').first().getAttribute('data-ready'), 'true');

    lab.seen.length = 0;
    const real = await runFlow(page);
    assert.equal(real.err, '', `${name}: real run error`);
    assert.deepEqual(real.steps.map((s) => `${s.id}:${s.outcome}`), simulated.steps.map((s) => `${s.id}:${s.outcome}`), `${name}: real mode's outcomes`);
    assert.ok(lab.seen.length >= real.steps.length, `${name}: ${lab.seen.length} calls reached iamlab serve through the Worker`);
    const learner = lab.seen.filter((s) => [...given].some((k) => s.authorization.includes(`Credential=${k}/`))).length;
    assert.ok(learner > 0, `${name}: calls signed with the learner's keys`);
    const world = JSON.parse(readFileSync(`flows/worlds/${name}.json`, 'utf8'));
    const worldKeys = world.accounts.flatMap((a) => (a.users || []).flatMap((u) => (u.accessKeys || []).map((k) => k.id)));
    for (const s of lab.seen) {
      for (const k of worldKeys) assert.ok(!s.authorization.includes(`Credential=${k}/`), `${name}: ${s.method} ${s.host}${s.path} signed with the flow's own key ${k}`);
    }

    assert.deepEqual(await leaks(page, secrets), [], `${name}: credentials in the browser`);
    await page.getByTestId('real-forget').click();
    assert.equal(await page.getByTestId('real-mode').locator('[data-mode]').first().getAttribute('data-ready'), 'false');
    assert.equal(await page.getByTestId('flow-run').isDisabled(), true, `${name}: no run after forgetting`);
    const html = await page.evaluate(() => document.documentElement.outerHTML + [...document.querySelectorAll('input, textarea')].map((e) => e.value).join('\n'));
    for (const s of secrets) assert.ok(!html.includes(s), `${name}: the page still shows ${s.slice(0, 8)}… after "forget"`);
    assert.equal(await page.getByTestId('real-identity').first().getAttribute('data-arn'), null);
    assert.deepEqual(page.problems, [], `${name}: console errors`);
    await page.context().close();
  }
  const logs = logText();
  assert.match(logs, /relay POST sts\.[a-z0-9.-]*amazonaws\.com\/ /, 'the Worker logged its relay calls');
  for (const s of ['AWS4-HMAC-SHA256', 'Signature=', 'X-Amz-Security-Token']) assert.ok(!logs.includes(s), `the logs hold ${s}`);
});

test('web-identity says why it has no real mode', async () => {
  const page = await open('flows/web-identity/?lang=ja');
  await flowReady(page);
  const note = await page.getByTestId('real-unavailable').textContent();
  assert.match(note, /OpenID Connect/);
  assert.equal(await page.getByTestId('mode-real').count(), 0);
  await page.context().close();
});

test('"Compare with AWS" in the playground shows the served IAM\'s decisions beside the engine\'s, for these policies and for the user\'s own', async () => {
  const { text, keys } = learnerWorld('s3-upload-role', []);
  await serve(text);
  const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:GetRole', 'iam:PassRole'], Resource: `arn:aws:iam::${ACCOUNT}:role/XX-*` }] }, null, 2);
  const scenario = JSON.stringify({
    request: { principal: `arn:aws:iam::${ACCOUNT}:user/app`, action: 'iam:GetRole', resource: `arn:aws:iam::${ACCOUNT}:role/XX-s3-upload-role` },
    identityPolicies: [{ name: 'XX-get-role-policy', document: doc }],
  });
  const page = await open('?lang=ja#' + fragment(scenario));
  await page.waitForFunction(() => document.querySelector('[data-testid="decision"]')?.dataset.decision === 'allowed', null, { timeout: 60000 });
  const pane = page.locator('#compare');
  await pane.getByTestId('mode-real').check();
  await page.waitForSelector('#compare [data-testid="real-banner"][data-mode="real"]');
  assert.equal(await pane.locator('.real-status').textContent(), '', 'the page found the relay');
  assert.equal(await pane.getByTestId('compare-run').isDisabled(), true, 'no comparison before credentials');
  const id = await giveCredentials(page, 'you', { id: keys.admin.id, secret: keys.admin.secret });
  assert.equal(id.arn, `arn:aws:iam::${ACCOUNT}:user/lab-admin`);
  lab.seen.length = 0;
  await pane.getByTestId('compare-run').click();
  const result = pane.getByTestId('compare-result');
  await page.waitForFunction((el) => el.dataset.aws || el.querySelector('[data-testid="compare-error"]'), await result.elementHandle(), { timeout: 60000 });
  assert.equal(await pane.getByTestId('compare-error').count(), 0, await result.textContent());
  assert.equal(await result.getAttribute('data-ours'), 'allowed');
  for (const side of ['compare-custom', 'compare-principal']) {
    const el = pane.getByTestId(side);
    assert.equal(await el.getAttribute('data-decision'), 'allowed', `${side}: ${await el.textContent()}`);
    assert.equal(await el.getAttribute('data-same'), 'true');
  }
  assert.match(await result.textContent(), /許可/, 'the decisions in Japanese');
  const iam = lab.seen.filter((s) => s.host === 'iam.amazonaws.com' && s.authorization.includes(`Credential=${keys.admin.id}/`));
  assert.equal(iam.length, 2, `SimulateCustomPolicy and SimulatePrincipalPolicy through the Worker: ${JSON.stringify(lab.seen.map((s) => s.host))}`);
  assert.ok(await pane.locator('.compare-notes li').count() > 0, 'the simulator\'s notes');
  assert.deepEqual(await leaks(page, [keys.admin.id, keys.admin.secret]), [], 'credentials in the browser');
  await pane.getByTestId('real-forget').click();
  assert.equal(await pane.getByTestId('compare-run').isDisabled(), true, 'no comparison after forgetting');
  assert.deepEqual(page.problems, [], 'console errors');
  await page.context().close();
});

test('the leak check finds a secret in each place it looks', async () => {
  const page = await open('flows/web-identity/');
  await flowReady(page);
  const probe = 'PROBE' + rand(20, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
  await page.evaluate(async (p) => {
    localStorage.setItem('a', p);
    sessionStorage.setItem('b', p);
    console.log('c', p);
    const db = await new Promise((r) => { const q = indexedDB.open('probe'); q.onupgradeneeded = () => q.result.createObjectStore('s'); q.onsuccess = () => r(q.result); });
    await new Promise((r) => { const tx = db.transaction('s', 'readwrite'); tx.objectStore('s').put(p, 'k'); tx.oncomplete = r; });
    db.close();
    history.replaceState(null, '', '#' + p);
  }, probe);
  const found = await leaks(page, [probe]);
  assert.deepEqual(found.map((f) => f.split(' ')[0]).sort(), ['console', 'indexedDB', 'localStorage', 'sessionStorage', 'url']);
  await page.context().close();
});

test('a Cognito sign-in in the page (SRP through the Worker) gives the identity pool\'s role, named by GetCallerIdentity', async () => {
  const world = JSON.parse(readFileSync('flows/worlds/cognito-identity-pool.json', 'utf8'));
  const pool = world.accounts[0].userPools.find((p) => p.id === 'us-east-1_XXseedPol');
  const password = 'Pw-' + rand(12, 'abcdefghijkmnopqrstuvwxyz') + '7!A';
  (pool.users ||= []).push({ username: 'taro@example.com', password,
    attributes: { email: 'taro@example.com', given_name: 'Taro', family_name: 'Yamada', picture: 'https://example.com/t.png' } });
  await serve(JSON.stringify(world));
  const page = await open('?lang=en');
  const pane = page.locator('#compare');
  await pane.getByTestId('mode-real').check();
  const form = pane.locator('[data-testid="real-caller"][data-caller="you"]');
  await form.getByTestId('real-kind-cognito').check();
  await form.getByTestId('real-userPoolId').fill('us-east-1_XXseedPol');
  await form.getByTestId('real-clientId').fill('xxwebclient000000000000001');
  await form.getByTestId('real-identityPoolId').fill(world.accounts[0].identityPools[0].IdentityPoolId);
  await form.getByTestId('real-username').fill('taro@example.com');
  await form.getByTestId('real-password').fill(password);
  lab.seen.length = 0;
  await form.getByTestId('real-use').click();
  const out = form.getByTestId('real-identity');
  await page.waitForFunction((el) => el.dataset.arn || el.classList.contains('refused'), await out.elementHandle(), { timeout: 30000 });
  assert.match(await out.getAttribute('data-arn') || await out.textContent(), new RegExp(`^arn:aws:sts::${ACCOUNT}:assumed-role/XX-cognito-auth-role/`));
  assert.deepEqual([...new Set(lab.seen.map((s) => s.host))].sort(), ['cognito-identity.us-east-1.amazonaws.com', 'cognito-idp.us-east-1.amazonaws.com', 'sts.us-east-1.amazonaws.com'].sort(),
    'InitiateAuth and RespondToAuthChallenge, GetId and GetCredentialsForIdentity, then GetCallerIdentity, through the Worker');
  assert.equal(await form.getByTestId('real-password').inputValue(), '', 'the password is not kept in the form');
  // The session the sign-in gave, as GetCallerIdentity arrived signed with it.
  const who = lab.seen.find((s) => s.host.startsWith('sts.'));
  const session = [who.token, /Credential=([A-Z0-9]+)\//.exec(who.authorization)[1]];
  assert.ok(session[0] && session[1].startsWith('ASIA'), 'temporary credentials');
  assert.deepEqual(await leaks(page, [password, ...session]), []);
  assert.deepEqual(page.problems, [], 'console errors');
  await page.context().close();
});
