// Keyboard shortcuts and the dialog that lists them.

import { h } from './dom.js';
import { t } from './i18n.js';

const mac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
export const modKey = mac ? '⌘' : 'Ctrl';

export function shortcutList() {
  return [
    [`${modKey}+Enter`, t('keys.evaluate')],
    ['Shift+Alt+F', t('keys.format')],
    ['Shift+Alt+L', t('keys.share')],
    [`${modKey}+F`, t('keys.search')],
    [`${modKey}+Z / ${modKey}+Shift+Z`, t('keys.undo')],
    ['Tab / Shift+Tab', t('keys.tabOut')],
    ['?', t('keys.help')],
  ];
}

export function fillShortcuts(dl) {
  dl.replaceChildren(...shortcutList().flatMap(([k, what]) => [h('dt', {}, h('kbd', {}, k)), h('dd', {}, what)]));
}

// bindKeys calls the handlers; "?" works only outside text fields.
export function bindKeys({ evaluate, format, share, help }) {
  document.addEventListener('keydown', (e) => {
    const mod = mac ? e.metaKey : e.ctrlKey;
    if (mod && e.key === 'Enter') {
      e.preventDefault();
      evaluate();
    } else if (e.shiftKey && e.altKey && e.code === 'KeyF') {
      if (format()) e.preventDefault();
    } else if (e.shiftKey && e.altKey && e.code === 'KeyL') {
      e.preventDefault();
      share();
    } else if (e.key === '?' && !isTextField(e.target)) {
      e.preventDefault();
      help();
    }
  });
}

function isTextField(el) {
  return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement || el?.isContentEditable;
}
