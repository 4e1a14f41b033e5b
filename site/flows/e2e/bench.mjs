// Browser benchmarks of the flow pages (make bench-web), medians of
// several runs:
// - navigation to a flow page until its first step can run (a fresh
//   context each time: a cold cache), budget 2.5 s;
// - the whole Cognito flow run after load, as the worker times it, budget
//   300 ms;
// - one simulated call (a step that makes one SDK call, as the flows
//   module times it), budget 2 ms.

import { startServer, launch } from '../../e2e/browser.mjs';
import { median } from '../../e2e/helpers.mjs';

const ROUNDS = Number(process.env.ROUNDS || 5);
const server = await startServer();
const { browser, close } = await launch();
const out = { ready: [], cognito: [], call: [], setup: [], calls: [], traces: [] };
try {
  for (let i = 0; i < ROUNDS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url + 'flows/cognito-identity-pool/');
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
    out.ready.push(await page.evaluate(() => performance.getEntriesByName('iamlab:flow-ready')[0].startTime));
    for (let j = 0; j < 3; j++) {
      const runs = Number(await page.evaluate(() => document.body.dataset.runs || 0));
      await page.getByTestId('flow-run').click();
      await page.waitForFunction((n) => Number(document.body.dataset.runs || 0) > n && !document.body.dataset.running, runs, { timeout: 60000 });
      const ms = Number((await page.locator('#flow-status').textContent()).match(/([\d.]+) ms/)[1]);
      if (j > 0) { // the first run after load warms the code
        out.cognito.push(ms);
        const t = await page.evaluate(() => window.__flowsLastResult.timing);
        out.setup.push(t.setup);
        out.calls.push(t.calls);
        out.traces.push(t.traces);
      }
    }
    const calls = await page.evaluate(() => window.__flowsLastResult?.steps.filter((s) => s.http.length === 1).map((s) => s.ms) || []);
    out.call.push(median(calls));
    await context.close();
  }
} finally {
  await close();
  server.stop();
}
const line = (name, xs, budget) => console.log(`${name.padEnd(40)} median ${median(xs).toFixed(1)} ms  (runs: ${xs.map((x) => x.toFixed(0)).join(', ')}; budget ${budget} ms)`);
line('navigation → first step runnable', out.ready, 2500);
line('whole Cognito flow after load', out.cognito, 300);
line('one simulated call', out.call, 2);
line('  of the Cognito run: world set-up', out.setup, '-');
line('  of the Cognito run: the calls', out.calls, '-');
line('  of the Cognito run: traces, scenarios', out.traces, '-');
