// Loaded first, as a tiny classic script in <head> (bundled as an IIFE):
// starts the engine's worker, which downloads and compiles the module on
// its own thread, before the page's bundle has even been parsed. engine.js
// picks it up.

const boot = { worker: new Worker('worker.js') };
// The worker's "ready" message may come before engine.js listens: it is
// kept here for engine.js to mark.
boot.worker.addEventListener('message', (e) => {
  if (e.data.ready) boot.ready ||= e.data.ready;
});
self.iamlabBoot = boot;
