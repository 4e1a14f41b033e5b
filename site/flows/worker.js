// The flows worker: runs the flows module (the simulated AWS, the SDK
// clients and the engine) off the main thread. Messages in:
// { id, op, args }; out: { id, result, ms }. A run that needs catalog
// files ({"needs": [...]}) gets them here, fetched from the playground's
// catalog, and runs again.

// Go's wasm_exec.js is put in front of this file by tools/build.

const MAX_ROUNDS = 4;
const OPS = new Set(['flows', 'flow', 'run', 'linkEncode', 'linkDecode', 'shareScenario',
  'realMode', 'parseCredentials', 'whoami', 'cognitoSignIn', 'runReal', 'compare']); // real.go's: some answer a Promise

let api = null;
const ready = start();
ready.catch(() => {});

async function start() {
  const go = new Go();
  const t0 = performance.now();
  const { instance } = await WebAssembly.instantiateStreaming(fetch('flows.wasm'), go.importObject);
  const t1 = performance.now();
  go.run(instance).then(() => {
    api = null;
    self.postMessage({ fatal: 'the flows module stopped' });
  });
  api = globalThis.iamlabFlows;
  self.postMessage({ ready: { loadMs: t1 - t0, startMs: performance.now() - t1 } });
  return api;
}

const fetches = new Map();

// fetchFile gets one catalog file once, and hands it to the module once
// the module runs.
function fetchFile(path) {
  if (!fetches.has(path)) {
    const text = fetch('../catalog/' + path).then((r) => {
      if (!r.ok) throw new Error(`catalog/${path}: HTTP ${r.status}`);
      return r.text();
    });
    fetches.set(path, Promise.all([text, ready]).then(([t, mod]) => {
      const ok = JSON.parse(mod.addFile(path, t));
      if (ok.error) throw new Error(ok.error.msg);
    }).catch((e) => {
      fetches.delete(path);
      throw e;
    }));
  }
  return fetches.get(path);
}

async function handle(op, args) {
  if (op === 'preload') {
    await Promise.all(args.map(fetchFile));
    return { ok: true };
  }
  if (!OPS.has(op)) return { error: { code: 'worker.op', msg: 'unknown operation ' + op } };
  const mod = await ready;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const answer = JSON.parse(await mod[op](...args));
    if (!answer.needs) return answer;
    await Promise.all(answer.needs.map(fetchFile));
  }
  return { error: { code: 'worker.catalog', msg: 'the run kept asking for catalog files' } };
}

self.onmessage = async (e) => {
  const { id, op, args = [] } = e.data;
  const t = performance.now();
  let result;
  try {
    result = await handle(op, args);
  } catch (err) {
    result = { error: { code: 'worker', msg: String(err && err.message ? err.message : err) } };
  }
  self.postMessage({ id, result, ms: performance.now() - t });
};
