// Dark mode: follows the system unless the user picks light or dark.

import { safeStorage } from './i18n.js';

const KEY = 'iamlab.theme';

export function currentTheme() {
  const v = safeStorage(KEY);
  return v === 'light' || v === 'dark' ? v : 'system';
}

export function applyTheme(choice = currentTheme()) {
  const root = document.documentElement;
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
  safeStorage(KEY, choice === 'system' ? null : choice);
}
