// Loaded first, as a tiny classic script in <head>: starts the flows
// module's worker, which downloads and compiles the module and fetches
// the catalog files the flow reads (listed on this script's tag) while the
// page builds. main.js picks it up.

(() => {
  const files = (document.currentScript.dataset.catalog || '').split(' ').filter(Boolean);
  const worker = new Worker('../worker.js');
  worker.postMessage({ id: 0, op: 'preload', args: files });
  self.iamlabFlowsBoot = { worker };
})();
