// The policy slots of the scenario: identity policies (inline or AWS
// managed), permissions boundary, session policy, resource policy, and the
// SCP and RCP levels, each policy in its own editor.

import { h, uid } from './dom.js';
import { t } from './i18n.js';
import { createEditor } from './editor.js';
import { slotKey, managedAllowed, draftJSON } from './scenario.js';

export function createPolicyPanel(root, { getState, changed, engine, toast }) {
  const editors = new Map(); // slot key -> editor
  const slotMessages = new Map(); // slot key -> message element
  // Each policy keeps its editor from one render to the next (a language
  // switch, a policy added or removed): its undo history stays.
  const editorOf = new WeakMap(); // slot object -> editor
  let managedList = null;

  function render() {
    const before = new Set(editors.values());
    editors.clear();
    slotMessages.clear();
    const s = getState();
    root.replaceChildren(
      identitySection(s),
      singleSection(s, 'boundary', 'permissionsBoundary', null),
      singleSection(s, 'session', 'sessionPolicy'),
      singleSection(s, 'resource', 'resourcePolicy', 'resourceHelp'),
      levelsSection(s, 'scps', 'scps', 'scpHelp', 'scp', 'FullAWSAccess'),
      levelsSection(s, 'rcps', 'rcps', 'rcpHelp', 'rcp', 'RCP'),
    );
    const kept = new Set(editors.values());
    for (const e of before) if (!kept.has(e)) e.destroy();
  }

  function section(titleKey, helpKey, ...body) {
    const id = uid('sec');
    return h('section', { class: 'slot-section', 'aria-labelledby': id },
      h('h3', { id }, t(titleKey)),
      helpKey && h('p', { class: 'help' }, t(helpKey)),
      ...body);
  }

  function identitySection(s) {
    const cards = s.identity.map((slot, i) => card(slot, slotKey('identity', i), () => {
      s.identity.splice(i, 1);
      structural();
    }));
    return section('identityPolicies', 'identityHelp',
      h('div', { class: 'cards' }, cards),
      h('div', { class: 'add-row' },
        h('button', { type: 'button', onclick: async () => {
          const text = await template('identity');
          s.identity.push({ name: freeName(s.identity, 'Policy'), text });
          structural(slotKey('identity', s.identity.length - 1));
        } }, '+ ', t('addInline')),
        managedPicker((m) => {
          s.identity.push({ name: m.name, arn: m.arn });
          structural();
        })));
  }

  function singleSection(s, field, titleKey, helpKey) {
    const slot = s[field];
    const key = slotKey(field);
    const body = slot
      ? card(slot, key, () => {
        s[field] = null;
        structural();
      })
      : h('div', { class: 'add-row' },
        h('button', { type: 'button', onclick: async () => {
          const text = await template(field);
          s[field] = { name: titleKey === 'resourcePolicy' ? 'ResourcePolicy' : titleKey === 'sessionPolicy' ? 'SessionPolicy' : 'Boundary', text };
          structural(key);
        } }, '+ ', t('add.' + field)),
        managedAllowed(field) && managedPicker((m) => {
          s[field] = { name: m.name, arn: m.arn };
          structural();
        }));
    return section(titleKey, helpKey, body);
  }

  function levelsSection(s, field, titleKey, helpKey, slotName, defaultName) {
    const keyOf = (l, i) => slotKey(slotName, l, i);
    const levels = s[field] || [];
    const body = levels.map((level, l) => {
      const targetId = uid('target');
      return h('fieldset', { class: 'level' },
        h('legend', {}, t('level', { n: l + 1 })),
        h('div', { class: 'level-head' },
          h('label', { for: targetId }, t('levelTarget')),
          h('input', { id: targetId, type: 'text', value: level.target, spellcheck: 'false', oninput: (e) => {
            level.target = e.target.value;
            changed();
          } }),
          h('button', { type: 'button', class: 'quiet', onclick: () => {
            levels.splice(l, 1);
            if (!levels.length) s[field] = null;
            structural();
          } }, t('remove'))),
        level.policies.length ? h('div', { class: 'cards' }, level.policies.map((slot, i) => card(slot, keyOf(l, i), () => {
          level.policies.splice(i, 1);
          structural();
        }))) : h('p', { class: 'help' }, t('noPolicies')),
        h('button', { type: 'button', onclick: async () => {
          const text = await template(slotName);
          level.policies.push({ name: freeName(level.policies, field === 'scps' ? 'SCP' : 'RCP'), text });
          structural(keyOf(l, level.policies.length - 1));
        } }, '+ ', t('addPolicy')));
    });
    return section(titleKey, helpKey, ...body,
      h('button', { type: 'button', onclick: async () => {
        const policies = field === 'scps' ? [{ name: defaultName, text: await template(slotName) }] : [];
        if (!s[field]) s[field] = [];
        const first = s[field].length === 0;
        s[field].push({ target: first ? 'r-a1b2' : '', policies });
        structural();
      } }, '+ ', t('addLevel')));
  }

  // card is one policy: its name, buttons and editor.
  function card(slot, key, onRemove) {
    const nameId = uid('name');
    const msg = h('p', { class: 'slot-message', role: 'alert', hidden: true });
    slotMessages.set(key, msg);
    const box = h('div', { class: 'editor-box' });
    const name = slot.arn
      ? h('span', { class: 'managed-name' }, h('span', { class: 'badge' }, 'AWS'), ' ', slot.name, h('code', { class: 'arn' }, slot.arn))
      : h('span', { class: 'name-field' },
        h('label', { for: nameId, class: 'visually-hidden' }, t('policyName')),
        h('input', { id: nameId, type: 'text', value: slot.name, spellcheck: 'false', 'aria-label': t('policyName'), oninput: (e) => {
          slot.name = e.target.value;
          editor.setLabel(t('editorLabel', { name: slot.name }));
          changed();
        } }));
    const label = slot.arn ? t('managedLabel', { name: slot.name }) : t('editorLabel', { name: slot.name });
    let editor = editorOf.get(slot);
    if (editor && ![...editors.values()].includes(editor)) {
      box.append(editor.view.dom);
      editor.setLabel(label);
      editor.shown = undefined; // its diagnostics are set again
    } else {
      editor = createEditor({
        parent: box,
        text: slot.arn ? '' : slot.text,
        readOnly: !!slot.arn,
        label,
        onChange: (text) => {
          slot.text = text;
          changed();
        },
      });
      editor.managed = !!slot.arn;
      editorOf.set(slot, editor);
      if (slot.arn) loadManaged(slot.arn, editor);
    }
    editors.set(key, editor);
    return h('article', { class: 'card', 'data-slot': key },
      h('header', { class: 'card-head' },
        name,
        h('span', { class: 'card-buttons' },
          !slot.arn && h('button', { type: 'button', class: 'quiet', title: 'Shift+Alt+F', onclick: () => formatEditor(editor) }, t('format')),
          h('button', { type: 'button', class: 'quiet', 'aria-label': `${t('remove')} ${slot.name}`, onclick: onRemove }, t('remove')))),
      box,
      msg);
  }

  // template is the document a new policy of a slot starts from: the
  // module's (api.Template), which allows the request as the engine and
  // the linter take it (a trust policy has no Resource).
  async function template(slot) {
    const ans = await engine.call('template', draftJSON(getState()), slot).catch((e) => ({ error: { msg: e.message } }));
    return ans.text ?? '';
  }

  async function loadManaged(arn, editor) {
    const ans = await engine.call('managedPolicy', arn).catch((e) => ({ error: { msg: e.message } }));
    // Shown, not typed: loading it is no edit, so a refused link stays
    // refused and the link is not rewritten.
    if (ans.error) {
      editor.showText('// ' + ans.error.msg);
      return;
    }
    // Shown as the engine reads it (indented by the catalog), so that the
    // trace's and the linter's lines and columns fall on this text.
    editor.showText(ans.document);
  }

  function managedPicker(onPick) {
    const inputId = uid('managed');
    const listId = uid('managed-list');
    const list = h('datalist', { id: listId });
    const input = h('input', { id: inputId, type: 'text', list: listId, spellcheck: 'false', placeholder: 'AmazonS3ReadOnlyAccess',
      onfocus: () => fillManaged(list), onkeydown: (e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          add();
        }
      } });
    const add = async () => {
      const name = input.value.trim();
      const all = await managedPolicies();
      const m = all.find((p) => p.name === name || p.arn === name);
      if (!m) return toast(t('managedUnknown'));
      onPick(m);
    };
    return h('span', { class: 'managed-picker' },
      h('label', { for: inputId }, t('addManaged')),
      input, list,
      h('button', { type: 'button', onclick: add }, t('managedAdd')));
  }

  async function managedPolicies() {
    if (!managedList) {
      managedList = engine.call('managedPolicies').then((a) => a.policies || []);
    }
    return managedList;
  }

  async function fillManaged(list) {
    if (list.childElementCount) return;
    const all = await managedPolicies();
    list.replaceChildren(...all.map((p) => h('option', { value: p.name })));
  }

  function formatEditor(editor) {
    if (!editor.format()) toast(t('formatFailed'));
  }

  // structural re-renders after a slot was added or removed, focusing the
  // new editor if there is one.
  function structural(focusKey) {
    render();
    changed();
    if (focusKey && editors.has(focusKey)) editors.get(focusKey).view.focus();
  }

  return {
    render,
    editors,
    // showProblems puts each slot's diagnostics in its editor and
    // slot-level messages (no position) under it.
    showProblems(byKey) {
      for (const [key, editor] of editors) {
        const list = byKey.get(key) || [];
        const diags = list.filter((d) => d.line);
        const sig = JSON.stringify(diags);
        if (sig !== editor.shown) editor.diagnose(diags); // a transaction only when they change
        editor.shown = sig;
        const msg = slotMessages.get(key);
        const plain = list.filter((d) => !d.line);
        msg.hidden = !plain.length;
        msg.textContent = plain.map((d) => d.message).join('\n');
      }
    },
    // reveal puts the cursor on a place of a policy: a line and column of
    // its editor, or its name field (where.field 'name').
    reveal(key, where) {
      const e = editors.get(key);
      if (!e) return;
      if (where.field === 'name') {
        document.querySelector(`[data-slot="${CSS.escape(key)}"] .name-field input`)?.focus();
        return;
      }
      e.reveal({ line: where.line, col: where.col });
    },
    formatFocused() {
      for (const e of editors.values()) {
        if (e.view.hasFocus) {
          formatEditor(e);
          return true;
        }
      }
      return false;
    },
  };
}

function freeName(list, base) {
  const names = new Set(list.map((p) => p.name));
  for (let i = 1; ; i++) if (!names.has(base + i)) return base + i;
}
