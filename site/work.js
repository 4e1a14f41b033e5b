// The user's work survives reloads: the draft is saved in this browser
// (localStorage) after every edit and when the page is hidden (pagehide),
// with the link the address showed then. On start (see restoreWork), a
// saved draft wins over the address's link when it was saved at that same
// link: it is the newer work from it (edits of the last moment before a
// reload, or a scenario too large for a link, whose address has none).

import { safeStorage } from './i18n.js';

const KEY = 'iamlab.work';

// MAX_SAVED is the largest draft kept (localStorage holds about 5 MB per
// site, in UTF-16).
export const MAX_SAVED = 2 << 20;

export function saveWork(draftJSON) {
  if (draftJSON.length > MAX_SAVED) return false;
  safeStorage(KEY, JSON.stringify({ draft: draftJSON, link: location.hash }));
  return safeStorage(KEY) !== null;
}

// savedWork returns { draft (JSON text), link } or null.
export function savedWork() {
  try {
    const w = JSON.parse(safeStorage(KEY) || 'null');
    return w && typeof w.draft === 'string' && typeof w.link === 'string' ? w : null;
  } catch {
    return null;
  }
}

// restoreWork says what the page opens with: 'saved' (the saved draft),
// 'link' (the address's link) or 'example'.
export function startWith(hash, saved) {
  if (hash.length > 1) return saved && saved.link === hash ? 'saved' : 'link';
  return saved ? 'saved' : 'example';
}
