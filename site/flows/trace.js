// The engine's trace of one authorization, in the playground's look: the
// decision and why, then every policy and statement with matched or not
// and why. A statement of a policy the flow lets the learner edit is a
// button that shows it in that policy's editor.

import { h } from '../dom.js';
import { reason } from '../i18n.js';
import { w } from './words.js';

// renderCheck draws check ({action, resource, decision, message, trace,
// slots}); reveal(slot, {line, col}) moves that slot's editor;
// slotLabel(slot) names it.
export function renderCheck(check, { reveal, slotLabel, openPlayground }) {
  const rep = check.trace;
  const head = h('div', { class: 'check-head' },
    h('span', { class: `pill decision-pill d-${check.decision}` }, w('decisions.' + check.decision)),
    h('code', { class: 'check-action' }, check.action),
    h('code', { class: 'check-resource' }, check.resource));
  const body = [head];
  if (rep) {
    body.push(h('p', { class: 'check-why' }, reason(rep.reason)));
    body.push(h('p', { class: 'caller' }, w('caller', { kind: w('kinds.' + rep.caller.kind), arn: rep.caller.arn })));
    body.push(h('ol', { class: 'policies' }, rep.policies.map((p, i) => policyBlock(p, check.slots[i] || '', reveal, slotLabel))));
    const ctx = rep.context || [];
    if (ctx.length) {
      body.push(h('details', { class: 'ctx' }, h('summary', {}, w('context')),
        h('table', {}, h('tbody', {}, ctx.map((c) => h('tr', {},
          h('th', { scope: 'row' }, h('code', {}, c.key)),
          h('td', {}, h('code', {}, c.values.join(', ')))))))));
    }
  }
  if (check.message) body.push(h('p', { class: 'check-message' }, check.message));
  body.push(h('p', {}, h('button', { type: 'button', class: 'link-button', 'data-testid': 'flow-open-playground', onclick: () => openPlayground(check) }, w('openPlayground'))));
  return h('div', { class: `check d-${check.decision}`, 'data-testid': 'flow-trace', 'data-decision': check.decision }, body);
}

function policyTitle(p) {
  const level = p.type === 'scp' || p.type === 'rcp' ? ` · ${p.target || ''}` : '';
  return `${w('types.' + p.type)}${level} · ${p.name || '#' + (p.index + 1)}`;
}

function policyBlock(p, slot, reveal, slotLabel) {
  const effect = !p.applies ? w('notApplicable') : p.denies ? w('policyDenies') : p.allows ? w('policyAllows') : w('policyNoEffect');
  const cls = !p.applies ? 'na' : p.denies ? 'deny' : p.allows ? 'allow' : 'none';
  return h('li', { class: `policy ${cls}`, 'data-slot': slot || null },
    h('div', { class: 'policy-head' },
      h('span', { class: 'policy-title' }, policyTitle(p)),
      h('span', { class: `pill ${cls}` }, effect)),
    p.notApplicable ? h('p', { class: 'why' }, reason(p.notApplicable)) : null,
    h('ul', { class: 'stmts' }, p.statements.map((s) => statementRow(s, slot, reveal, slotLabel))));
}

function statementRow(s, slot, reveal, slotLabel) {
  const title = s.sid ? s.sid : w('statement', { n: s.index + 1 });
  const parts = [
    h('span', { class: 'stmt-mark', 'aria-hidden': 'true' }, s.matched ? '●' : '○'),
    h('span', { class: 'stmt-title' }, title),
    h('span', { class: 'effect' }, s.effect),
    h('span', { class: 'stmt-state' }, s.matched ? w('matched') : w('notMatched')),
    h('span', { class: 'pos' }, `${s.line}:${s.column}`),
  ];
  const head = slot
    ? h('button', { type: 'button', class: 'stmt-button', title: w('goTo', { slot: slotLabel(slot) }), onclick: () => reveal(slot, { line: s.line, col: s.column }) }, parts)
    : h('div', { class: 'stmt-button static' }, parts);
  let cond = null;
  if (s.condition) {
    const text = w('condition', {
      op: s.condition.operator,
      key: s.condition.key,
      want: JSON.stringify(s.condition.policyValues),
      got: s.condition.present ? JSON.stringify(s.condition.requestValues) : w('conditionAbsent'),
    });
    cond = slot
      ? h('button', { type: 'button', class: 'cond cond-button', 'data-testid': 'flow-condition', onclick: () => reveal(slot, { line: s.condition.line, col: s.condition.column }) }, text)
      : h('p', { class: 'cond', 'data-testid': 'flow-condition' }, text);
  }
  return h('li', { class: `stmt ${s.matched ? 'matched' : 'unmatched'} effect-${s.effect.toLowerCase()}` },
    head, h('p', { class: 'why' }, reason(s.reason)), cond);
}
