// The reader's progress through the exercises, kept in this browser only
// (localStorage, no account): for each page, the IDs of the exercises
// solved. Exercise IDs are the same in every language, so progress made
// on the Japanese page shows on the English one too.

const KEY = 'iamlab.exercises';

function load() {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) || '{}');
    return v && typeof v === 'object' ? v : {};
  } catch {
    return {};
  }
}

export function solved(page) {
  const ids = load()[page];
  return new Set(Array.isArray(ids) ? ids : []);
}

export function markSolved(page, id) {
  const all = load();
  const ids = new Set(Array.isArray(all[page]) ? all[page] : []);
  ids.add(id);
  all[page] = [...ids];
  try {
    localStorage.setItem(KEY, JSON.stringify(all));
  } catch {
    // storage may be off: the page still works, it just forgets
  }
  showProgress();
}

const WORDS = {
  en: (n, total) => `${n} of ${total} exercises solved`,
  ja: (n, total) => `演習 ${total} 問中 ${n} 問正解`,
};

// showProgress writes "solved/total" next to each page in the sidebar.
export function showProgress() {
  const say = WORDS[document.documentElement.lang] || WORDS.en;
  for (const el of document.querySelectorAll('.nav-progress[data-page]')) {
    const total = Number(el.dataset.total);
    const ids = solved(el.dataset.page);
    const n = Math.min(ids.size, total);
    el.textContent = `${n}/${total}`;
    el.title = say(n, total);
    el.setAttribute('aria-label', say(n, total));
    el.classList.toggle('done', n === total);
    el.hidden = false;
  }
}

// markPage flags the exercises of this page that the reader solved before,
// and hides the note for readers without scripts (each exercise's own
// script loads only when it comes into view).
export function markPage() {
  const page = document.querySelector('article[data-page]')?.dataset.page;
  if (!page) return;
  const ids = solved(page);
  for (const ex of document.querySelectorAll('[data-testid="exercise"]')) {
    ex.querySelector('.ex-noscript').hidden = true;
    if (ids.has(ex.dataset.id)) {
      ex.dataset.solved = 'true';
      ex.querySelector('.ex-done').hidden = false;
    }
  }
}
