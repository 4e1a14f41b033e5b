// Small page behaviours: the mobile menu, the theme button, marking the
// current section in the on-this-page list, and a language switch that
// keeps the reader's section.

const THEME_KEY = 'iamlab.theme'; // shared with the playground (site/theme.js)

export function setupMenu() {
  const btn = document.querySelector('.menu-btn');
  const nav = document.getElementById('sidebar');
  if (!btn || !nav) return;
  btn.hidden = false;
  btn.addEventListener('click', () => {
    const open = nav.classList.toggle('open');
    btn.setAttribute('aria-expanded', String(open));
  });
}

// The button cycles system → light → dark, as the playground's does.
export function setupTheme() {
  const btn = document.querySelector('.theme-btn');
  if (!btn) return;
  btn.hidden = false;
  const label = btn.getAttribute('aria-label');
  const show = () => {
    const t = document.documentElement.dataset.theme || 'system';
    btn.title = `${label}: ${t}`;
  };
  show();
  btn.addEventListener('click', () => {
    const order = ['system', 'light', 'dark'];
    const now = document.documentElement.dataset.theme || 'system';
    const next = order[(order.indexOf(now) + 1) % order.length];
    if (next === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = next;
    try {
      if (next === 'system') localStorage.removeItem(THEME_KEY);
      else localStorage.setItem(THEME_KEY, next);
    } catch {}
    show();
    document.dispatchEvent(new CustomEvent('iamlab:theme'));
  });
}

export function setupTocSpy() {
  const links = [...document.querySelectorAll('.toc a[href^="#"]')];
  if (!links.length || !('IntersectionObserver' in window)) return;
  const byId = new Map(links.map((a) => [decodeURIComponent(a.hash.slice(1)), a]));
  const visible = new Set();
  const io = new IntersectionObserver((entries) => {
    for (const e of entries) (e.isIntersecting ? visible.add : visible.delete).call(visible, e.target.id);
    const first = [...byId.keys()].find((id) => visible.has(id));
    if (!first) return;
    links.forEach((a) => a.classList.toggle('active', a === byId.get(first)));
  }, { rootMargin: '-64px 0px -60% 0px' });
  for (const id of byId.keys()) {
    const h = document.getElementById(id);
    if (h) io.observe(h);
  }
}

// sections are the page's h2 and h3 headings, the outline the build gives
// every translation of the page in the same order.
function sections() {
  return [...document.querySelectorAll('.prose h2[id], .prose h3[id]')];
}

// currentSection is the index of the last heading above the top of the
// view (under the sticky bar), or -1 before the first.
function currentSection(hs) {
  const top = 90;
  let at = -1;
  hs.forEach((h, i) => {
    if (h.getBoundingClientRect().top <= top) at = i;
  });
  return at;
}

// The other language's link gets the fragment of the same section just
// before it is followed (its data-sections lists that page's section IDs
// in this page's order).
export function setupLanguageSwitch() {
  for (const a of document.querySelectorAll('.lang-switch a[data-sections]')) {
    const ids = a.dataset.sections.split(' ');
    const base = a.getAttribute('href').split('#')[0];
    const update = () => {
      const i = currentSection(sections());
      a.setAttribute('href', i >= 0 && ids[i] ? `${base}#${ids[i]}` : base);
    };
    for (const ev of ['pointerenter', 'focus', 'click']) a.addEventListener(ev, update);
  }
}
