// Loaded first, as a tiny classic script in <head>: starts the engine's
// worker, which downloads and compiles the module on its own thread, before
// the page's bundle has even been parsed. engine.js picks it up.

self.iamlabBoot = { worker: new Worker('worker.js') };
