// Search with Pagefind. The index is built after the pages (one per
// language: Pagefind picks the one matching <html lang>); its script and
// data load on the first focus of the search box. A result links to the
// section where the words are found most, not only to the page.

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
      const data = await Promise.all(found.results.slice(0, 16).map((r) => r.data()));
      results = data.filter((d) => containsCJK(q, d.content)).slice(0, 8);
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
    const sub = bestSection(r);
    a.href = sub?.url || r.url;
    const t = document.createElement('span');
    t.className = 'r-title';
    t.textContent = r.meta?.title || r.url;
    if (sub?.title && sub.title !== t.textContent) {
      const s = document.createElement('span');
      s.className = 'r-section';
      s.textContent = sub.title;
      t.append(' › ', s);
    }
    const ex = document.createElement('span');
    ex.className = 'r-excerpt';
    // Pagefind's excerpt is escaped text with <mark> around the hits.
    ex.innerHTML = sub?.excerpt || r.excerpt;
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

// bestSection is the section (a heading with an id) with the most hits.
function bestSection(r) {
  const subs = (r.sub_results || []).filter((s) => s.url && s.url.includes('#'));
  let best = null;
  for (const s of subs) {
    if (!best || (s.locations?.length || 0) > (best.locations?.length || 0)) best = s;
  }
  return best;
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f]/;

// containsCJK keeps a result only if the page holds each Japanese word of
// the query as written. Pagefind matches Japanese by its pieces, so a
// string of unrelated characters would otherwise still find pages that
// use those characters somewhere.
function containsCJK(query, content) {
  const norm = (s) => s.normalize('NFKC').toLowerCase();
  const text = norm(content || '');
  return query.split(/\s+/).filter((w) => CJK.test(w)).every((w) => text.includes(norm(w)));
}
