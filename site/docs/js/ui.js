// Small page behaviours: the mobile menu, the theme button, and marking
// the current section in the on-this-page list.

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
