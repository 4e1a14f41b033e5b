// Questions the page asks in a dialog of its own (never window.confirm):
// whether to replace edited work, which slot a bare policy goes into,
// which user or role of an account to take. Each resolves to the answer,
// or null when the user closes the dialog.

import { h } from './dom.js';
import { t } from './i18n.js';

function ask(title, body, choices) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'ask', 'data-testid': 'ask', 'aria-labelledby': 'ask-title' },
      h('h2', { id: 'ask-title' }, title),
      ...body,
      h('div', { class: 'ask-buttons' }, choices.map(([value, label, primary]) =>
        h('button', { type: 'button', class: primary ? 'primary' : '', 'data-choice': value, onclick: () => done(value) }, label))));
    const done = (value) => {
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      done(null);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

// confirmReplace asks before edited work is replaced by what.
export async function confirmReplace(what) {
  const v = await ask(t('replace.title'), [h('p', {}, t('replace.body', { what }))],
    [['keep', t('replace.keep')], ['replace', t('replace.replace'), true]]);
  return v === 'replace';
}

// pickSlot asks where a bare policy goes; suggested is the engine's guess.
export function pickSlot(suggested, slots) {
  const choices = slots.map((s) => [s.name, t('slotNames.' + s.name), s.name === suggested]);
  return ask(t('pickSlot.title'), [h('p', {}, t('pickSlot.body'))], [...choices, ['', t('cancel')]]);
}

// pickPrincipal asks which user or role of an account's details to take.
export function pickPrincipal(principals) {
  const list = h('select', { id: 'ask-principal', size: Math.min(8, principals.length) },
    principals.map((p, i) => h('option', { value: p.arn, selected: i === 0 }, `${t('kinds.' + p.kind)} ${p.name} — ${t('pickPrincipal.count', { n: p.policies })}`)));
  return ask(t('pickPrincipal.title'), [h('p', {}, t('pickPrincipal.body')), h('label', { for: 'ask-principal', class: 'visually-hidden' }, t('pickPrincipal.title')), list],
    [['', t('cancel')], ['take', t('pickPrincipal.take'), true]]).then((v) => (v === 'take' ? list.value : null));
}

// pasteDialog asks for pasted JSON (a scenario, a policy, account details)
// or a share link.
export function pasteDialog() {
  const area = h('textarea', { id: 'paste-text', rows: 10, spellcheck: 'false', placeholder: t('paste.placeholder') });
  const p = ask(t('paste.title'), [h('p', {}, t('paste.body')), h('label', { for: 'paste-text', class: 'visually-hidden' }, t('paste.title')), area],
    [['', t('cancel')], ['import', t('paste.import'), true]]).then((v) => (v === 'import' ? area.value : null));
  area.focus();
  return p;
}
