// The evaluation worker: runs the Go WebAssembly module off the main thread.
// Messages in: { id, op, args }; out: { id, result, ms } where result is the
// entry point's answer. Catalog files the module needs ({"needs": [...]})
// are fetched here and handed over before asking again.

// Go's wasm_exec.js is put in front of this file by tools/build.

const MAX_ROUNDS = 6;
const OPS = new Set(['evaluate', 'evaluateDraft', 'changesDraft', 'scenarioText', 'importText', 'importPrincipal', 'openLink', 'shareDraft', 'allows', 'slots', 'template', 'lintDraft', 'lintChecks', 'expand', 'services', 'actions', 'action', 'managedPolicies', 'managedPolicy', 'shareEncode', 'shareDecode', 'lint']);

let api = null;
const ready = start();
ready.catch(() => {}); // each call reports the failure

async function start() {
  const go = new Go();
  // Compiled while it downloads, on this thread: the page's main thread,
  // busy building the page, does not delay it.
  const t0 = performance.now();
  const { instance } = await WebAssembly.instantiateStreaming(fetch('iamlab.wasm'), go.importObject);
  const t1 = performance.now();
  go.run(instance).then(() => {
    api = null;
    self.postMessage({ fatal: 'the engine stopped' });
  });
  api = globalThis.iamlab;
  warmUp();
  self.postMessage({ ready: { origin: performance.timeOrigin, fetchAt: t0, loadMs: t1 - t0, startMs: performance.now() - t1 } });
  return api;
}

// warmUp evaluates a small scenario once, while the page is still being
// built, so that the first real evaluation does not pay for cold code.
function warmUp() {
  api.evaluate(JSON.stringify({
    request: { principal: 'arn:aws:iam::111122223333:user/a', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', context: { 'aws:SourceIp': '192.0.2.1' } },
    identityPolicies: [{ name: 'P', document: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::b/*","Condition":{"IpAddress":{"aws:SourceIp":"192.0.2.0/24"},"StringLike":{"aws:username":"${aws:username}"}}},{"Effect":"Deny","NotAction":"s3:*","Resource":"*"}]}' }],
    resourcePolicy: { name: 'R', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:*', Resource: '*' }] } },
  }));
}

const fetches = new Map();

function fetchFile(path) {
  if (!fetches.has(path)) {
    fetches.set(
      path,
      fetch('catalog/' + path)
        .then((r) => {
          if (!r.ok) throw new Error(`catalog/${path}: HTTP ${r.status}`);
          return r.text();
        })
        .then((text) => {
          api.addFile(path, text);
        })
        .catch((e) => {
          fetches.delete(path);
          throw e;
        }),
    );
  }
  return fetches.get(path);
}

// Some lint checks read every service file, or every AWS managed policy:
// rather than hundreds of requests, those come as one bundle per folder
// ({path: text}, written by tools/build) when many files of it are needed.
const BUNDLES = { 'services/': 'services.bundle.json', 'managed/policies/': 'managed/policies.bundle.json' };
const BUNDLE_FROM = 16;

function fetchBundle(name) {
  const key = 'bundle:' + name;
  if (!fetches.has(key)) {
    fetches.set(
      key,
      fetch('catalog/' + name)
        .then((r) => {
          if (!r.ok) throw new Error(`catalog/${name}: HTTP ${r.status}`);
          return r.json();
        })
        .then((files) => {
          for (const [path, text] of Object.entries(files)) {
            api.addFile(path, text);
            fetches.set(path, Promise.resolve());
          }
        })
        .catch((e) => {
          fetches.delete(key);
          throw e;
        }),
    );
  }
  return fetches.get(key);
}

function fetchAll(needs) {
  const jobs = [];
  let rest = needs;
  for (const [dir, bundle] of Object.entries(BUNDLES)) {
    const inDir = rest.filter((p) => p.startsWith(dir) && !p.slice(dir.length).includes('/'));
    if (inDir.length < BUNDLE_FROM) continue;
    jobs.push(fetchBundle(bundle));
    rest = rest.filter((p) => !inDir.includes(p));
  }
  return Promise.all([...jobs, ...rest.map(fetchFile)]);
}

async function call(op, args) {
  await ready;
  if (!OPS.has(op) || !api) return { error: { code: 'worker.op', msg: 'unknown operation ' + op } };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const answer = JSON.parse(api[op](...args.map(String)));
    if (!answer.needs) return answer;
    await fetchAll(answer.needs);
  }
  return { error: { code: 'catalog.fetch', msg: 'the catalog files could not be loaded' } };
}

self.addEventListener('message', async (e) => {
  const { id, op, args } = e.data || {};
  if (id === undefined) return;
  let result;
  let ms = 0;
  try {
    await ready;
    const t0 = performance.now();
    result = await call(op, args || []);
    ms = performance.now() - t0;
  } catch (err) {
    result = { error: { code: 'worker', msg: String(err && err.message ? err.message : err) } };
  }
  self.postMessage({ id, result, ms });
});
