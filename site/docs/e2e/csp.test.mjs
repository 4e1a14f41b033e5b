// The tutorial pages on a static host that sends no headers of its own
// (plain files, as GitHub Pages or a bucket would serve them): the page's
// meta tag must still give it the playground's Content-Security-Policy,
// and everything on the page must work under it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { launch, openPage } from '../../e2e/browser.mjs';

const DIST = path.resolve('dist');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
  '.xml': 'application/xml', '.txt': 'text/plain',
};

// plainHost serves dist/ with a Content-Type and nothing else: a folder
// path gets its index.html, anything missing 404.
function plainHost() {
  const server = http.createServer(async (req, res) => {
    let name = path.join(DIST, decodeURIComponent(new URL(req.url, 'http://host').pathname));
    try {
      if ((await stat(name)).isDirectory()) name = path.join(name, 'index.html');
      const body = await readFile(name);
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(name)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let host, chrome, url;
before(async () => {
  host = await plainHost();
  url = `http://127.0.0.1:${host.address().port}/`;
  chrome = await launch();
});
after(async () => {
  await chrome?.close();
  host?.close();
});

const policyOf = (html) => /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];

test('a tutorial page on a plain static host has the playground policy, and its examples, diagrams and search work under it', async () => {
  const playground = policyOf(await readFile(path.join(DIST, 'index.html'), 'utf8'));
  assert.ok(playground, 'the playground has its policy');

  const page = await openPage(chrome.browser, url + 'en/08-ddos-layers/');
  const res = await page.request.get(url + 'en/08-ddos-layers/');
  assert.equal(res.headers()['content-security-policy'], undefined, 'the host sends no policy');
  assert.equal(policyOf(await res.text()), playground);

  // Under the policy: the engine (a worker compiling WebAssembly), the
  // diagrams and the search run, and nothing is refused.
  const fig = page.locator('figure[data-iamlab]').first();
  await fig.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('figure[data-iamlab] [data-testid="decision"]').dataset.decision !== '', null, { timeout: 20000 });
  const decision = fig.getByTestId('decision');
  assert.equal(await decision.getAttribute('data-decision'), await decision.getAttribute('data-expect'));
  await page.evaluate(() => document.querySelector('pre.mermaid, figure.diagram')?.scrollIntoView());
  await page.locator('figure.diagram svg').first().waitFor({ timeout: 20000 });
  await page.locator('.search-input').fill('trust policy');
  await page.locator('.search-results a').first().waitFor({ timeout: 20000 });
  assert.deepEqual(page.problems, []);

  // And what the policy forbids is refused: a script written into the page.
  const ran = await page.evaluate(() => new Promise((resolve) => {
    document.addEventListener('securitypolicyviolation', (e) => resolve(`refused: ${e.violatedDirective}`), { once: true });
    const s = document.createElement('script');
    s.textContent = 'window.injected = true';
    document.body.append(s);
    setTimeout(() => resolve(window.injected ? 'ran' : 'neither ran nor was refused'), 2000);
  }));
  assert.match(ran, /^refused: script-src/);
  await page.context().close();
});
