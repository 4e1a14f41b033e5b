// One scenario reader (issue 16): the page reads scenarios through the
// module (the Go reader), so whatever the CLI evaluates, the page evaluates
// the same. Every scenario of testdata/ goes the page's way — imported as
// a file is (importText), then evaluated as the page's draft
// (evaluateDraft), in the page's worker — and must give the CLI's decision
// and reason.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { useBrowser, decision } from './browser.mjs';

const lab = useBrowser();

function cli(path) {
  try {
    const r = JSON.parse(execFileSync('bin/iamlab', ['eval', path], { encoding: 'utf8' }));
    return { decision: r.decision, reason: r.reason?.code };
  } catch (e) {
    return { error: String(e.stderr).trim() };
  }
}

test('every scenario of testdata/ gives the same decision in the CLI and in the page', async () => {
  const paths = ['testdata/sample', 'testdata/conformance'].flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.json')).map((f) => `${d}/${f}`));
  assert.ok(paths.length > 500, paths.length);
  const page = await lab.open('?lang=en');
  await decision(page);
  const texts = paths.map((p) => readFileSync(p, 'utf8'));
  const answers = await page.evaluate(async (texts) => {
    const w = new Worker('worker.js');
    let id = 0;
    const call = (op, ...args) => new Promise((resolve) => {
      const mine = ++id;
      const on = (e) => {
        if (e.data.id !== mine) return;
        w.removeEventListener('message', on);
        resolve(e.data.result);
      };
      w.addEventListener('message', on);
      w.postMessage({ id: mine, op, args });
    });
    const out = [];
    for (const text of texts) {
      const imp = await call('importText', text);
      if (!imp.draft) {
        out.push({ importError: imp.error || imp.kind });
        continue;
      }
      const ans = await call('evaluateDraft', JSON.stringify(imp.draft));
      out.push(ans.report ? { decision: ans.report.decision, reason: ans.report.reason?.code } : { error: ans.error?.msg });
    }
    w.terminate();
    return out;
  }, texts);
  const differ = [];
  paths.forEach((p, i) => {
    const want = cli(p);
    const got = answers[i];
    if (want.error ? !got.error : got.decision !== want.decision || got.reason !== want.reason) differ.push(`${p}: CLI ${JSON.stringify(want)}, page ${JSON.stringify(got)}`);
  });
  assert.deepEqual(differ, []);
  await page.context().close();
});
