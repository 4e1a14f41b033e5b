// Screenshots of tutorial pages in light and dark, Japanese and English,
// for looking at the design: node site/docs/e2e/screenshots.mjs [outdir]
// Serves dist/ like the tests (or uses SITE_BASE, e.g. a running server).
import { mkdirSync } from 'node:fs';
import { startServer, launch, openPage } from '../../e2e/browser.mjs';

const out = process.argv[2] || 'dist/screenshots';
const pages = (process.env.PAGES || 'en/03-sts-upload-role/,ja/01-iam-overview/').split(',');
mkdirSync(out, { recursive: true });
const server = process.env.SITE_BASE ? { url: process.env.SITE_BASE, stop() {} } : await startServer();
const { browser, close } = await launch();
try {
  for (const scheme of ['light', 'dark']) {
    for (const p of pages) {
      const width = Number(process.env.WIDTH || 1400);
      const page = await openPage(browser, server.url + p, { colorScheme: scheme, viewport: { width, height: 1000 } });
      if (process.env.SEARCH) {
        await page.locator('.search-input').fill(process.env.SEARCH);
        await page.locator('.search-results a').first().waitFor({ timeout: 20000 });
        await page.waitForTimeout(300);
      } else if (process.env.SCROLL) {
        await page.locator(process.env.SCROLL).first().scrollIntoViewIfNeeded();
        await page.waitForTimeout(2500);
      } else {
        await page.waitForTimeout(800);
      }
      const name = `${out}/${p.replace(/\W+/g, '-')}${scheme}-${width}.png`;
      await page.screenshot({ path: name, fullPage: !!process.env.FULL });
      console.log(name, page.problems);
      await page.context().close();
    }
  }
} finally {
  await close();
  server.stop();
}
