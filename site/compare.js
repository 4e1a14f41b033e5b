// "Compare with AWS" in the playground: the scenario asked of IAM's policy
// simulator (SimulateCustomPolicy, and SimulatePrincipalPolicy when the
// caller is an IAM user or role), AWS's decision shown beside the
// engine's, with what the simulator was not given. The simulated account
// answers in simulated mode, the learner's in real mode (real.js). The
// question is made and put by the flows module (package compare), loaded
// from flows/ only when the learner first asks: the playground's own
// module does not grow.

import './real.css';
import { h } from './dom.js';
import { language, t } from './i18n.js';
import { createRealMode } from './real.js';
import { connect } from './flows/engine.js';


// createComparePanel draws the panel into el. engine is the playground's
// (for the scenario's text); getDraft() is the draft being edited.
export function createComparePanel(el, { engine, getDraft }) {
  let flows = null; // the flows module's worker, started on first use
  const call = (op, ...args) => {
    flows ||= connect(new Worker('flows/worker.js'));
    return flows(op, ...args);
  };
  const w = (key, params) => t('compare.' + key, params);
  const realBox = h('div');
  const runButton = h('button', { type: 'button', class: 'primary', 'data-testid': 'compare-run', onclick: compare });
  const out = h('div', { class: 'compare-result', 'data-testid': 'compare-result', role: 'status', 'aria-live': 'polite' });
  const heading = h('h3', {});
  const intro = h('p', { class: 'help' });
  let last = null; // the last answer, drawn again on a language switch
  const real = createRealMode({
    el: realBox, callers: [{ id: 'you', label: () => w('you') }], call, lang: language,
    onChange: () => {
      last = null;
      out.replaceChildren();
      delete out.dataset.aws;
      syncButton();
    },
  });

  function syncButton() {
    runButton.disabled = real.mode() === 'real' && !real.ready();
    runButton.title = runButton.disabled ? w('notReady') : '';
  }

  async function compare() {
    const mode = real.mode();
    out.replaceChildren(h('p', { class: 'help' }, flows ? w('asking') : w('loading')));
    delete out.dataset.aws;
    runButton.disabled = true;
    try {
      const text = await engine.call('scenarioText', getDraft());
      if (text.text === undefined) throw new Error(text.error?.msg || 'no scenario');
      const creds = mode === 'real' ? JSON.stringify(real.credentials().you) : '';
      const ans = await call('compare', text.text, mode, creds, location.origin);
      if (ans.error) throw new Error(`${ans.error.code}: ${ans.error.msg}`);
      last = { answer: ans.answer, mode };
      draw();
    } catch (e) {
      out.replaceChildren(h('p', { class: 'compare-error', 'data-testid': 'compare-error' }, e.message));
    } finally {
      syncButton();
    }
  }

  function side(title, s, ours, testid) {
    if (s.error) {
      return h('div', { class: 'compare-side', 'data-testid': testid, 'data-error': s.error.code },
        h('h4', {}, title), h('p', { class: 'compare-error' }, `${s.error.code}: ${s.error.msg}`));
    }
    return h('div', { class: `compare-side d-${s.decision}`, 'data-testid': testid, 'data-decision': s.decision, 'data-same': String(s.decision === ours) },
      h('h4', {}, title),
      h('p', { class: 'compare-verdict' }, w('decisions.' + s.decision), ' — ', w(s.decision === ours ? 'same' : 'differs')),
      s.matched.length ? h('p', {}, w('matched'), s.matched.map((m) => w('line', { policy: m.policy, line: m.line })).join(', ')) : null,
      s.missing.length ? h('p', {}, w('missing'), s.missing.join(', ')) : null);
  }

  function draw() {
    if (!last) return;
    const a = last.answer;
    const where = w(last.mode === 'real' ? 'yourAccount' : 'simulatedAccount');
    const sides = [
      h('div', { class: `compare-side d-${a.ours}`, 'data-testid': 'compare-ours', 'data-decision': a.ours },
        h('h4', {}, w('ours')), h('p', { class: 'compare-verdict' }, w('decisions.' + a.ours))),
      side(`${w('custom')} ${where}`, a.custom, a.ours, 'compare-custom'),
    ];
    if (a.principal) sides.push(side(`${w('principal', { arn: a.source })} ${where}`, a.principal, a.ours, 'compare-principal'));
    out.dataset.aws = a.custom.decision || 'error';
    out.dataset.ours = a.ours;
    out.replaceChildren(
      h('div', { class: 'compare-sides' }, sides),
      h('details', { class: 'compare-details', open: a.notes.some((n) => n.lacks) },
        h('summary', {}, w('notes')),
        h('ul', { class: 'compare-notes' }, a.notes.map((n) => h('li', { class: n.lacks ? 'lacks' : '', 'data-note': n.code }, n[language()] || n.en)))));
  }

  function render() {
    heading.textContent = w('title');
    intro.textContent = w('intro');
    runButton.textContent = w('run');
    real.render();
    draw();
    syncButton();
  }

  el.replaceChildren(heading, intro, realBox, runButton, out);
  el.classList.add('compare-pane');
  render();
  return { render };
}
