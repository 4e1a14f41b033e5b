// The page's side of the flows worker: call(op, ...args) → Promise of the
// answer, with the worker's time in ms.

export function connect(booted) {
  const worker = booted || new Worker('../worker.js');
  let next = 1;
  const waiting = new Map();
  const failAll = (msg) => {
    for (const p of waiting.values()) p({ error: { code: 'worker', msg } });
    waiting.clear();
  };
  worker.addEventListener('message', (e) => {
    const { id, result, ms, fatal } = e.data;
    if (fatal) return failAll(fatal);
    const p = waiting.get(id);
    if (!p) return;
    waiting.delete(id);
    p({ ...result, ms });
  });
  worker.addEventListener('error', (e) => failAll(e.message || 'the flows worker failed'));
  return (op, ...args) => new Promise((resolve) => {
    const id = next++;
    waiting.set(id, resolve);
    worker.postMessage({ id, op, args });
  });
}
