// "What does this allow?": the decision of every action a pattern matches
// ("s3", "s3:Put*"), against the current policies, principal, resource and
// context, as the IAM console's policy simulator shows a service. The
// module decides them all in one call (api.Allows); a row opens the trace
// of its action.

import { h, uid } from './dom.js';
import { t, reason } from './i18n.js';

// RERUN_DELAY is how long edits must pause before an open table is
// decided again.
const RERUN_DELAY = 400;

export function createAllowsPanel(root, { engine, getState, result }) {
  let answer = null; // the last table
  let seq = 0;
  let timer = 0;
  const inputId = uid('allows');
  const input = h('input', { id: inputId, type: 'text', spellcheck: 'false', autocomplete: 'off', placeholder: 's3, s3:Put*, iam:*User*',
    onkeydown: (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        run();
      }
    } });
  const body = h('div', { class: 'allows-body', 'aria-live': 'polite' });
  const details = h('details', { class: 'allows', 'data-testid': 'allows', ontoggle: () => {
    if (details.open) run();
  } },
  h('summary', {}, h('span', { class: 'allows-title' })),
  h('div', { class: 'allows-form' },
    h('label', { for: inputId }), input,
    h('button', { type: 'button', onclick: () => run() })),
  body);
  root.replaceChildren(details);
  render();

  async function run() {
    clearTimeout(timer);
    const r = getState().request;
    if (!input.value.trim()) input.value = /^[\w-]+:/.test(r.action) ? r.action.split(':')[0] : 's3';
    const mine = ++seq;
    const t0 = performance.now();
    const ans = await engine.call('allows', JSON.stringify(getState()), input.value.trim());
    if (mine !== seq) return;
    performance.measure('iamlab:allows', { start: t0, end: performance.now(), detail: { workerMs: ans.ms, rows: ans.rows?.length || 0 } });
    answer = ans;
    render();
  }

  // render writes the table (or the reason there is none).
  function render() {
    details.querySelector('.allows-title').textContent = t('allows.title');
    details.querySelector('label').textContent = t('allows.pattern');
    details.querySelector('.allows-form button').textContent = t('allows.decide');
    if (!answer) return body.replaceChildren(h('p', { class: 'help' }, t('allows.help')));
    if (answer.error) return body.replaceChildren(h('p', { class: 'field-message' }, answer.error.params?.pattern ? t('allows.none', answer.error.params) : answer.error.msg));
    const rows = answer.rows || [];
    const count = (d) => rows.filter((r) => r.decision === d).length;
    body.replaceChildren(
      h('p', { class: 'allows-summary', 'data-testid': 'allows-summary' },
        t('allows.summary', { n: rows.length, pattern: answer.pattern, allowed: count('allowed'), explicitDeny: count('explicitDeny'), implicitDeny: count('implicitDeny') }),
        answer.truncated ? ' ' + t('allows.truncated', { total: answer.total }) : ''),
      h('table', { class: 'allows-table' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('action')), h('th', { scope: 'col' }, t('allows.access')), h('th', { scope: 'col' }, t('decision')))),
        h('tbody', {}, rows.map(row))));
  }

  function row(r) {
    const tr = h('tr', { class: 'allows-row', 'data-action': r.action, 'data-decision': r.decision },
      h('td', {}, h('button', { type: 'button', class: 'linklike', 'aria-expanded': 'false', title: reason({ code: r.reason }), onclick: (e) => openTrace(tr, r, e.currentTarget) }, r.action)),
      h('td', { class: 'help' }, r.access),
      h('td', {}, h('span', { class: `pill ${pillClass(r.decision)}` }, t(r.decision))));
    return tr;
  }

  // openTrace shows the trace of one row's action under it.
  async function openTrace(tr, r, button) {
    const next = tr.nextElementSibling;
    if (next?.classList.contains('allows-trace')) {
      next.remove();
      button.setAttribute('aria-expanded', 'false');
      return;
    }
    const draft = structuredClone(getState());
    draft.request.action = r.action;
    const ans = await engine.call('evaluateDraft', JSON.stringify(draft));
    if (ans.report && ans.report.decision !== 'allowed') ans.report.changes = (await engine.call('changesDraft', JSON.stringify(draft))).changes;
    const cell = h('td', { colspan: 3 });
    if (ans.report) cell.append(result.traceOf(ans.report));
    else cell.append(h('p', { class: 'field-message' }, ans.error?.msg || ''));
    tr.after(h('tr', { class: 'allows-trace' }, cell));
    button.setAttribute('aria-expanded', 'true');
  }

  return {
    render,
    // stale decides an open table again after edits pause.
    stale() {
      if (!answer) return;
      clearTimeout(timer);
      timer = setTimeout(() => details.open && run(), RERUN_DELAY);
    },
  };
}

const pillClass = (d) => (d === 'allowed' ? 'allow' : d === 'explicitDeny' ? 'deny' : 'none');
