// The engine's trace of one authorization: the decision and why, then
// every policy in the playground's trace view (../trace.js). A statement
// of a policy the flow lets the learner edit is a button that shows it in
// that policy's editor.

import { h } from '../dom.js';
import { reason } from '../i18n.js';
import { policyBlock } from '../trace.js';
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
    body.push(h('ol', { class: 'policies' }, rep.policies.map((p, i) => {
      // Only a policy the flow lets the learner edit has an editor to show.
      const slot = check.slots[i] || '';
      const link = slot ? { reveal: (pos) => reveal(slot, pos), name: slotLabel(slot) } : null;
      return policyBlock(p, { link, attrs: { 'data-slot': slot || null } });
    })));
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
