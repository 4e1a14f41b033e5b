// The page's side of the evaluation worker: calls are promises, and
// evaluations are coalesced so that only the newest scenario waits.

export function startEngine() {
  // boot.js has started the worker already.
  const boot = self.iamlabBoot || {};
  delete self.iamlabBoot;
  const worker = boot.worker || new Worker('worker.js');
  let next = 1;
  const waiting = new Map();
  worker.addEventListener('message', (e) => {
    const { id, result, ms, fatal, ready } = e.data;
    if (ready) performance.mark('iamlab:engine-ready', { detail: ready });
    if (fatal) {
      for (const w of waiting.values()) w.reject(new Error(fatal));
      waiting.clear();
      return;
    }
    const w = waiting.get(id);
    if (!w) return;
    waiting.delete(id);
    w.resolve({ ...result, ms });
  });
  worker.addEventListener('error', (e) => {
    for (const w of waiting.values()) w.reject(new Error(e.message || 'worker error'));
    waiting.clear();
  });

  function call(op, ...args) {
    return new Promise((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, op, args });
    });
  }

  // evaluate keeps at most one evaluation in flight and one queued: the
  // queued one is replaced by newer text, and onResult sees every answer.
  let inFlight = false;
  let queued = null;
  function evaluate(text, onResult) {
    queued = { text, onResult };
    if (!inFlight) pump();
  }
  async function pump() {
    while (queued) {
      const { text, onResult } = queued;
      queued = null;
      inFlight = true;
      let answer;
      try {
        answer = await call('evaluate', text);
      } catch (e) {
        answer = { error: { code: 'engine', msg: e.message } };
      }
      inFlight = false;
      performance.mark('iamlab:answer');
      onResult(answer, text, queued !== null);
    }
  }

  return { call, evaluate };
}
