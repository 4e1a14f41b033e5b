// Test harness: serves dist/ with tools/serve on a free port and drives
// Debian's Chromium through playwright-core (which never downloads a
// browser here: executablePath is given).

import { spawn } from 'node:child_process';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// startServer runs bin/iamlab-serve and resolves to its base URL.
export function startServer() {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.env.IAMLAB_SERVE || 'bin/iamlab-serve', ['-dir', 'dist', '-addr', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    proc.on('error', reject);
    proc.stdout.on('data', (d) => {
      const m = /http:\/\/[\d.:]+\//.exec(String(d));
      if (m) resolve({ url: m[0], stop: () => proc.kill() });
    });
    proc.on('exit', (code) => reject(new Error('server exited with ' + code)));
  });
}

// launch starts Chromium (playwright gives it a fresh temporary profile).
export async function launch() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  return { browser, close: () => browser.close() };
}

// openPage opens url in a fresh context, recording console errors and
// page errors in page.problems.
export async function openPage(browser, url, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, ...options });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') page.problems.push('console: ' + m.text());
  });
  page.on('pageerror', (e) => page.problems.push('pageerror: ' + e.message));
  page.on('dialog', (d) => {
    page.problems.push('dialog: ' + d.message());
    d.dismiss();
  });
  await page.goto(url);
  return page;
}

// decision waits until the page shows a decision (not "") and returns it,
// with its trace built and, for a deny, what would change it (the
// playground's #trace is aria-busy until then).
export async function decision(page, not = '') {
  const el = page.getByTestId('decision');
  await page.waitForFunction((n) => {
    const d = document.querySelector('[data-testid="decision"]').dataset.decision;
    return d !== '' && d !== n && document.querySelector('#trace')?.getAttribute('aria-busy') !== 'true';
  }, not, { timeout: 15000 });
  return el.getAttribute('data-decision');
}

// useBrowser starts the server and Chromium before a test file's tests and
// stops them after. lab.url is the server's base URL once started, and
// lab.open(path, options) opens a page at that URL plus path.
export function useBrowser() {
  const lab = {};
  before(async () => {
    lab.server = await startServer();
    lab.chrome = await launch();
    lab.url = lab.server.url;
    lab.browser = lab.chrome.browser;
    lab.open = (path = '', options) => openPage(lab.chrome.browser, lab.server.url + path, options);
  });
  after(async () => {
    await lab.chrome?.close();
    lab.server?.stop();
  });
  return lab;
}
