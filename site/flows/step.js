// One step of a flow: its title, the Go code it runs, and once run its
// outcome against what the flow expects, the HTTP exchange and the
// authorizations. The element carries the test contract:
// data-testid="flow-step", data-operation, data-expect, data-outcome.

import { h } from '../dom.js';
import { w, pick } from './words.js';

export function renderStep(i, step, result, { slotLabel, renderCheck }) {
  const outcome = result ? result.outcome : '';
  const matches = result && outcome === step.expect;
  const el = h('li', {
    class: `step ${result ? (matches ? 'as-expected' : 'unexpected') : 'not-run'}`,
    'data-testid': 'flow-step',
    'data-step': step.id,
    'data-operation': step.operation,
    'data-expect': step.expect,
    'data-outcome': result ? outcome : null,
  },
  h('div', { class: 'step-head' },
    h('span', { class: 'step-n' }, String(i + 1)),
    h('h3', { class: 'step-title' }, pick(step.title)),
    h('code', { class: 'op' }, step.operation),
    h('span', { class: 'expect' }, w('expect', { v: outcomeWord(step.expect) })),
    h('span', { class: `outcome ${result ? (outcome === 'ok' ? 'ok' : outcome === 'skipped' ? 'skipped' : 'err') : 'none'}`, 'data-testid': 'flow-outcome' },
      result ? outcomeWord(outcome) : w('notRun'),
      result ? h('span', { class: 'visually-hidden' }, ` (${matches ? w('matchesExpect') : w('differsExpect')})`) : null)),
  step.uses && step.uses.length ? h('p', { class: 'uses' }, step.uses.map(slotLabel).join(' · ')) : null,
  h('pre', { class: 'code' }, h('code', { class: 'language-go', 'aria-label': w('code') }, step.code)),
  result ? resultParts(result, renderCheck) : null);
  return el;
}

function outcomeWord(o) {
  if (o === 'ok') return w('outcomeOk');
  if (o === 'skipped') return w('outcomeSkipped');
  return o;
}

function resultParts(r, renderCheck) {
  const parts = [];
  if (r.message) parts.push(h('p', { class: 'message' }, r.message));
  for (const n of r.notes || []) {
    parts.push(h('div', { class: 'note' }, h('span', { class: 'note-label' }, pick(n.label)), h('pre', {}, n.text)));
  }
  const denied = r.checks.some((c) => c.decision !== 'allowed');
  parts.push(h('details', { class: 'checks', open: denied },
    h('summary', {}, `${w('authorizations')} (${r.checks.length})`),
    r.checks.length ? r.checks.map(renderCheck) : h('p', { class: 'help' }, w(r.real ? 'noChecksReal' : 'noChecks'))));
  parts.push(h('details', { class: 'http' },
    h('summary', {}, `${w('http')} (${r.http.length})`),
    r.http.length ? r.http.map(exchange) : h('p', { class: 'help' }, w('noHTTP'))));
  return parts;
}

function exchange(x) {
  const req = x.request;
  const resp = x.response;
  return h('div', { class: 'exchange' },
    h('h4', {}, w('request')),
    h('pre', { class: 'wire', 'data-testid': 'flow-http-request' }, `${req.method} ${req.url}\n${headerText(req.headers)}${bodyText(req)}`),
    h('h4', {}, w('response')),
    h('pre', { class: 'wire', 'data-testid': 'flow-http-response' }, `HTTP/1.1 ${resp.status}\n${headerText(resp.headers)}${bodyText(resp)}`));
}

function headerText(hs) {
  return hs.map(([k, v]) => `${k}: ${v}\n`).join('');
}

function bodyText(m) {
  if (!m.size) return '';
  if (!m.body) return `\n${w('bodyBinary', { n: m.size })}`;
  return `\n${m.body}`;
}
