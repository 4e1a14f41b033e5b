// The decision, large, and under it the trace: every policy and statement
// with matched or not and why. Clicking a statement shows it in its editor.
//
// The decision and its headline are shown at once; the trace is built once
// they are painted, and what would change a deny when the module's second
// answer comes (showChanges). Until both are there, the trace is
// aria-busy.

import { h } from './dom.js';
import { t, reason, language, words } from './i18n.js';
import { policyBlock } from './trace.js';
import { keyOfRef } from './scenario.js';

export function createResultPanel({ decisionEl, traceEl, onReveal }) {
  const label = decisionEl.querySelector('.decision-label');
  const detail = decisionEl.querySelector('.decision-detail');

  function setDecision(state, text, why) {
    decisionEl.dataset.decision = state;
    label.textContent = text;
    detail.replaceChildren(...(Array.isArray(why) ? why : [why || '']));
  }

  // changesBlock says what would change a deny (explain.Changes): each
  // edit in words, which shows its statement when clicked.
  function changesBlock(ch) {
    return h('section', { class: 'changes', 'data-testid': 'changes' },
      h('h4', {}, t('whatWouldChange')),
      h('ol', {}, ch.edits.map((e) => {
        const key = keyOfRef(e.policy);
        const text = words(e.text);
        return h('li', {}, e.line && key && !e.newPolicy
          ? h('button', { type: 'button', class: 'linklike edit', onclick: () => onReveal(key, { line: e.line, col: e.column }) }, text)
          : text);
      })),
      h('p', { class: 'help' }, words(ch.text)));
  }

  // The trace's policies: each statement shows its line in its editor.
  const policyEl = (p) => policyBlock(p, { link: { reveal: (pos) => onReveal(keyOfRef(p), pos) } });

  // The trace's parts as last shown, by key: reused while their data is the same.
  let parts = new Map(); // name → { key, el }
  let policyEls = new Map(); // language + policy JSON → element
  function keyed(name, key, build) {
    const old = parts.get(name);
    if (old && old.key === key && old.el.isConnected) return old.el;
    const el = build();
    parts.set(name, { key, el });
    return el;
  }

  // The trace being built or shown: its report, and what would change it
  // (undefined until the module's second answer comes).
  let shown = null;
  let traced = null;
  let changes;
  const waiting = []; // afterTrace's functions
  let traceFrame = 0;
  let traceTimer = 0;

  function stopTrace() {
    shown = traced = changes = null;
    cancelAnimationFrame(traceFrame);
    clearTimeout(traceTimer);
    traceEl.removeAttribute('aria-busy');
    for (const fn of waiting.splice(0)) fn();
  }

  // settle ends the busy state once the trace is built and, for a deny,
  // what would change it has come.
  function settle() {
    if (traced === shown && (shown.decision === 'allowed' || changes !== undefined)) traceEl.removeAttribute('aria-busy');
  }

  function renderTrace(rep) {
    // Typing changes one statement at a time: only the parts of the
    // trace whose data changed are built again.
    const lang = language();
    const ctx = rep.context || [];
    const parts = [
      keyed('caller', lang + JSON.stringify([rep.caller, rep.sameAccount]), () =>
        h('p', { class: 'caller' }, t('caller', { kind: t('kinds.' + rep.caller.kind) }), ' · ', rep.sameAccount ? t('sameAccount') : t('crossAccount'))),
      changes?.edits?.length ? keyed('changes', lang + JSON.stringify(changes), () => changesBlock(changes)) : null,
      keyed('policies', '', () => h('ol', { class: 'policies' })),
      ctx.length ? keyed('ctx', lang + JSON.stringify(ctx), () => h('details', { class: 'ctx' }, h('summary', {}, t('derivedContext')),
        h('table', {}, h('tbody', {}, ctx.map((c) => h('tr', {},
          h('th', { scope: 'row' }, h('code', {}, c.key)),
          h('td', {}, h('code', {}, c.values.join(', '))),
          h('td', { class: 'help' }, c.derived ? t('derived') : ''))))))) : null,
    ].filter(Boolean);
    patchChildren(traceEl, parts);
    const list = parts.find((el) => el.classList.contains('policies'));
    const old = policyEls;
    policyEls = new Map();
    patchChildren(list, rep.policies.map((p) => {
      const key = lang + JSON.stringify(p);
      const el = old.get(key) || policyEl(p);
      old.delete(key); // a second policy with the same data gets its own element
      policyEls.set(key, el);
      return el;
    }));
  }

  return {
    // traceOf builds a report's trace on its own (a row of the "what does
    // this allow?" table): the reason and every policy.
    traceOf(rep) {
      return h('div', { class: 'trace-of' },
        h('p', { class: 'why' }, h('strong', {}, t(rep.decision)), ' — ', words(rep.summary) || reason(rep.reason)),
        rep.changes?.edits?.length ? changesBlock(rep.changes) : null,
        h('ol', { class: 'policies' }, rep.policies.map(policyEl)));
    },
    loading() {
      setDecision('', t('loading'), '');
      stopTrace();
      traceEl.replaceChildren();
      parts = new Map();
    },
    showReport(rep) {
      // The headline names what decided, down to the values compared; the
      // reason code's words follow.
      const headline = words(rep.summary);
      const why = [h('span', { class: 'headline', 'data-testid': 'headline' }, headline || reason(rep.reason))];
      if (headline) why.push(h('span', { class: 'by' }, reason(rep.reason)));
      setDecision(rep.decision, t(rep.decision), why);
      // The trace waits for the decision to be painted: a frame, then a
      // task of its own (a newer report replaces it before it is built).
      if (rep !== shown) {
        // What would change the report shown before is wrong for this one:
        // it goes now, not with the trace a frame later.
        changes = undefined; // the same report again keeps them (a language switch)
        parts.get('changes')?.el.remove();
      }
      shown = rep;
      traced = null;
      traceEl.setAttribute('aria-busy', 'true');
      cancelAnimationFrame(traceFrame);
      clearTimeout(traceTimer);
      traceFrame = requestAnimationFrame(() => {
        traceTimer = setTimeout(() => {
          if (shown !== rep) return;
          renderTrace(rep);
          traced = rep;
          settle();
          for (const fn of waiting.splice(0)) fn();
        }, 0);
      });
    },
    // afterTrace runs fn once the trace of the report shown is built (at
    // once if it is, or if none is being built).
    afterTrace(fn) {
      if (!shown || traced === shown) fn();
      else waiting.push(fn);
    },
    // showChanges puts what would change a deny (explain.Changes, or null
    // when there is nothing to show) in the trace of rep, if rep is still
    // the report shown.
    showChanges(rep, ch) {
      if (rep !== shown) return;
      changes = ch;
      if (traced === rep) renderTrace(rep);
      settle();
    },
    // showError puts the page in the "error" state with a message.
    showError(title, lines = []) {
      setDecision('error', t('error'), [h('span', {}, title), ...lines.map((l) => h('span', { class: 'error-line' }, l))]);
      stopTrace();
      traceEl.replaceChildren();
      parts = new Map();
      policyEls = new Map();
    },
  };
}

// patchChildren makes parent's children the given elements, touching only
// the positions that differ.
function patchChildren(parent, els) {
  els.forEach((el, i) => {
    const at = parent.children[i];
    if (at !== el) parent.insertBefore(el, at || null);
  });
  while (parent.children.length > els.length) parent.lastElementChild.remove();
}
