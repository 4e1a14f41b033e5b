// The page's side of the evaluation worker: calls are promises, and
// evaluations are coalesced so that only the newest scenario waits.
//
// What follows a decision runs in a second worker with the same module,
// started after the first decision: the linter (some of its checks read
// the whole service catalog) and "what would change" a deny (which decides
// edited copies of the scenario again). On its own thread neither ever
// delays a decision.

export function startEngine() {
  // boot.js has started the worker already.
  const boot = self.iamlabBoot || {};
  delete self.iamlabBoot;
  let marked = false;
  const markReady = (detail) => {
    if (marked) return;
    marked = true;
    performance.mark('iamlab:engine-ready', { detail });
  };
  if (boot.ready) markReady(boot.ready);
  const main = connect(boot.worker || new Worker('worker.js'), markReady);
  let second = null;
  const aside = (op, arg) => {
    second ||= connect(new Worker('worker.js'), () => {});
    return second(op, arg);
  };

  const evaluate = coalesced((draft) => main('evaluateDraft', draft), () => performance.mark('iamlab:answer'));
  const lint = coalesced((draft) => aside('lintDraft', draft));
  const changes = coalesced((draft) => aside('changesDraft', draft));

  return { call: main, evaluate, lint, changes };
}

// connect makes call(op, ...args) → Promise of the worker's answer;
// onReady gets the worker's "ready" message.
function connect(worker, onReady) {
  let next = 1;
  const waiting = new Map();
  const failAll = (err) => {
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  worker.addEventListener('message', (e) => {
    const { id, result, ms, fatal, ready } = e.data;
    if (ready) onReady(ready);
    if (fatal) return failAll(new Error(fatal));
    const w = waiting.get(id);
    if (!w) return;
    waiting.delete(id);
    w.resolve({ ...result, ms });
  });
  worker.addEventListener('error', (e) => failAll(new Error(e.message || 'worker error')));
  return (op, ...args) =>
    new Promise((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, op, args });
    });
}

// coalesced keeps at most one call in flight and one queued: the queued
// one is replaced by newer text, and onResult(answer, text, stale) sees
// every answer (stale when newer text is already waiting).
function coalesced(run, onAnswer = () => {}) {
  let inFlight = false;
  let queued = null;
  async function pump() {
    while (queued) {
      const { text, onResult } = queued;
      queued = null;
      inFlight = true;
      let answer;
      try {
        answer = await run(text);
      } catch (e) {
        answer = { error: { code: 'engine', msg: e.message } };
      }
      inFlight = false;
      onAnswer();
      onResult(answer, text, queued !== null);
    }
  }
  return (text, onResult) => {
    queued = { text, onResult };
    if (!inFlight) pump();
  };
}
