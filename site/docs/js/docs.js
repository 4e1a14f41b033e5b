// The tutorial pages' script. Everything heavy loads on demand: the
// examples' and exercises' editor and engine when one scrolls into view, mermaid
// when a diagram does, Pagefind when the reader starts a search. Without
// scripts the pages still read: code stays <pre>, diagrams their source.

import { setupMenu, setupTheme, setupTocSpy, setupLanguageSwitch } from './ui.js';
import { setupSearch } from './search.js';
import { showProgress, markPage } from './progress.js';

// root is the site root (where the playground lives), from the page's
// relative data-root, so the site works under any folder of any host.
export const root = new URL(document.documentElement.dataset.root || '/', location.href);

setupMenu();
setupTheme();
setupTocSpy();
setupLanguageSwitch();
setupSearch(root);
showProgress();
markPage();
whenVisible('figure[data-iamlab]', async (el) => (await import('./lab.js')).upgrade(el, root));
whenVisible('[data-testid="exercise"]', async (el) => (await import('./exercise.js')).upgrade(el, root));
whenVisible('pre.mermaid', async (el) => (await import('./diagrams.js')).draw(el));

// whenVisible runs fn once for each element matching selector when it
// comes near the viewport (a screen ahead, so it is ready on arrival).
function whenVisible(selector, fn) {
  const els = document.querySelectorAll(selector);
  if (!els.length) return;
  const run = (el) => fn(el).catch((e) => console.warn('iamlab:', e));
  if (!('IntersectionObserver' in window)) {
    els.forEach(run);
    return;
  }
  const io = new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (!e.isIntersecting) continue;
      io.unobserve(e.target);
      run(e.target);
    }
  }, { rootMargin: '600px 0px' });
  els.forEach((el) => io.observe(el));
}
