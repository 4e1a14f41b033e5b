// The engine for the examples: the playground's WebAssembly module run by
// the playground's worker (dist/worker.js, built from site/worker.js), one
// worker for the whole page. The playground's own client (site/engine.js)
// resolves its URLs against the page and keeps a single queued evaluation
// for its single editor; a page of examples needs root-relative URLs and
// an answer for every example, so this is a small client of the same
// worker protocol: {module} once, then {id, op, args} → {id, result}.

let engine = null;

export function getEngine(root) {
  if (!engine) engine = start(root);
  return engine;
}

function start(root) {
  const worker = new Worker(new URL('worker.js', root));
  const compiled = WebAssembly.compileStreaming(fetch(new URL('iamlab.wasm', root)));
  compiled.then((module) => worker.postMessage({ module }), () => {});
  let next = 1;
  const waiting = new Map();
  const failAll = (msg) => {
    for (const w of waiting.values()) w.reject(new Error(msg));
    waiting.clear();
  };
  worker.addEventListener('message', (e) => {
    const { id, result, fatal } = e.data || {};
    if (fatal) return failAll(fatal);
    const w = waiting.get(id);
    if (!w) return;
    waiting.delete(id);
    w.resolve(result);
  });
  worker.addEventListener('error', (e) => failAll(e.message || 'worker error'));

  function call(op, ...args) {
    return new Promise((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      compiled.then(() => worker.postMessage({ id, op, args }), reject);
    });
  }
  return { evaluate: (text) => call('evaluate', text) };
}
