// Screenshots of the playground in light and dark, Japanese and English:
// node site/e2e/screenshots.mjs [outdir]
import { mkdirSync } from 'node:fs';
import { startServer, launch, openPage, decision } from './browser.mjs';

const out = process.argv[2] || 'dist/screenshots';
mkdirSync(out, { recursive: true });
const server = await startServer();
const { browser, close } = await launch();
try {
  for (const scheme of ['light', 'dark']) {
    for (const lang of ['en', 'ja']) {
      const page = await openPage(browser, `${server.url}?lang=${lang}`, { colorScheme: scheme });
      await decision(page);
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${out}/${lang}-${scheme}.png` });
      console.log(`${out}/${lang}-${scheme}.png`, page.problems);
      await page.context().close();
    }
  }
} finally {
  await close();
  server.stop();
}
