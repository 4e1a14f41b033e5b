// The engine for the examples: the playground's worker (dist/worker.js,
// built from site/worker.js), which downloads, compiles and runs the
// WebAssembly module on its own thread; one worker for the whole page.
// The playground's own client (site/engine.js) takes the worker its page
// started in <head> and keeps a single queued evaluation for its single
// editor; a page of examples starts the worker only when an example comes
// into view, resolves URLs against the site root, and needs an answer for
// every example, so this is a small client of the same protocol:
// {id, op, args} → {id, result}, or {fatal}.

let engine = null;

export function getEngine(root) {
  if (!engine) engine = start(root);
  return engine;
}

function start(root) {
  const worker = new Worker(new URL('worker.js', root));
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
    if (!w) return; // e.g. the worker's {ready} report
    waiting.delete(id);
    w.resolve(result);
  });
  worker.addEventListener('error', (e) => failAll(e.message || 'worker error'));

  function call(op, ...args) {
    return new Promise((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, op, args });
    });
  }
  return { evaluate: (text) => call('evaluate', text), lint: (text) => call('lint', text) };
}
