// Search with Pagefind. The index is built after the pages (one per
// language: Pagefind picks the one matching <html lang>); its script and
// data load on the first focus of the search box.

export function setupSearch(root) {
  const box = document.querySelector('.search');
  if (!box) return;
  const input = box.querySelector('.search-input');
  const list = box.querySelector('.search-results');
  box.hidden = false;
  let pagefind = null;
  let seq = 0;

  async function load() {
    if (!pagefind) {
      pagefind = import(/* @vite-ignore */ new URL('pagefind/pagefind.js', root).href).then(async (pf) => {
        await pf.options({ baseUrl: root.pathname });
        return pf;
      });
    }
    return pagefind;
  }

  input.addEventListener('focus', () => load().catch(() => {}), { once: true });
  input.addEventListener('input', async () => {
    const q = input.value.trim();
    const mine = ++seq;
    if (!q) {
      list.hidden = true;
      return;
    }
    let results;
    try {
      const pf = await load();
      const found = await pf.debouncedSearch(q, {}, 150);
      if (found === null || mine !== seq) return; // a newer query replaced it
      results = await Promise.all(found.results.slice(0, 8).map((r) => r.data()));
    } catch (e) {
      results = [];
      console.warn('search:', e);
    }
    if (mine !== seq) return;
    list.replaceChildren(...(results.length ? results.map(item) : [none()]));
    list.hidden = false;
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      input.value = '';
      list.hidden = true;
    } else if (e.key === 'ArrowDown') {
      list.querySelector('a')?.focus();
      e.preventDefault();
    }
  });
  list.addEventListener('keydown', (e) => {
    const a = document.activeElement;
    if (e.key === 'ArrowDown') a.nextElementSibling?.focus();
    else if (e.key === 'ArrowUp') (a.previousElementSibling || input).focus();
    else return;
    e.preventDefault();
  });
  document.addEventListener('click', (e) => {
    if (!box.contains(e.target)) list.hidden = true;
  });
  // "/" focuses the search box, as on many documentation sites.
  document.addEventListener('keydown', (e) => {
    if (e.key === '/' && !e.target.closest('input, textarea, .cm-editor')) {
      e.preventDefault();
      input.focus();
    }
  });

  function item(r) {
    const a = document.createElement('a');
    a.href = r.url;
    const t = document.createElement('span');
    t.className = 'r-title';
    t.textContent = r.meta?.title || r.url;
    const ex = document.createElement('span');
    ex.className = 'r-excerpt';
    // Pagefind's excerpt is escaped text with <mark> around the hits.
    ex.innerHTML = r.excerpt;
    a.append(t, ex);
    return a;
  }
  function none() {
    const p = document.createElement('div');
    p.className = 'r-none';
    p.textContent = input.dataset.noResults;
    return p;
  }
}
