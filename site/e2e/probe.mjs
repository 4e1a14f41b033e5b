import { startServer, launch, openPage, decision } from './browser.mjs';
const server = await startServer();
const { browser, close } = await launch();
for (let i = 0; i < 5; i++) {
  const page = await openPage(browser, server.url + '?lang=en');
  await decision(page);
  console.log(await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const r = (n) => performance.getEntriesByName(n)[0]?.startTime.toFixed(0);
    const res = (s) => performance.getEntriesByType('resource').filter((e) => e.name.endsWith(s)).map((e) => `${e.startTime.toFixed(0)}-${e.responseEnd.toFixed(0)}`)[0];
    return `dcl ${nav.domContentLoadedEventEnd.toFixed(0)} app.js ${res('app.js')} wasm ${res('.wasm')} ready ${r("iamlab:engine-ready")} ${JSON.stringify(performance.getEntriesByName("iamlab:engine-ready")[0]?.detail)} first ${r('iamlab:first-decision')}`;
  }));
  await page.context().close();
}
await close(); server.stop();
