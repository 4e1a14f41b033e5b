// The linter's findings: as diagnostics in the policy editors, and counted
// by severity (with a compact list) under the decision. The linter runs a
// moment after each decision, in its own worker (see engine.js), so it
// never delays one.

import { h } from './dom.js';
import { t, language } from './i18n.js';

// LINT_DELAY is how long typing must pause before the policies are linted.
const LINT_DELAY = 300;

// The linter's severities (Access Analyzer's) as CodeMirror's.
const SEVERITY = { error: 'error', 'security warning': 'warning', warning: 'warning', suggestion: 'info' };
const ORDER = ['error', 'security warning', 'warning', 'suggestion'];

export function createLintPanel({ el, engine, diagnostics, slotOf, nameOf, onReveal }) {
  let timer = 0;
  let seq = 0;
  let findings = []; // [{ key, line, col, endLine, endCol, severity, code, text }]

  // schedule lints text after a pause; a newer call or clear cancels it.
  function schedule(text) {
    clearTimeout(timer);
    const mine = ++seq;
    timer = setTimeout(() => {
      engine.lint(text, (answer, _text, stale) => {
        if (stale || mine !== seq) return;
        if (answer.error) return clear();
        show(answer.findings || []);
      });
    }, LINT_DELAY);
  }

  // clear removes the findings and hides the count: while the scenario
  // cannot be evaluated, the engine's error is what the page shows (a
  // "no findings" there would be stale).
  function clear() {
    clearTimeout(timer);
    seq++;
    if (!findings.length && el.hidden) return;
    findings = [];
    diagnostics.set('lint', new Map());
    el.hidden = true;
    el.replaceChildren();
  }

  let raw = []; // the last findings as the module gave them
  function show(list) {
    raw = list;
    findings = [];
    for (const f of list) {
      // A finding about the request (such as request.credentials) is keyed
      // by its field's path; the others by their policy's slot.
      // A policy's name (policy.name) is a field of its card, not a place
      // in its editor: said under the editor, revealed in the name field.
      const onRequest = (f.path || '').startsWith('request.');
      const onName = /\.name$/.test(f.path || '');
      const key = onRequest ? f.path : slotOf(f.path || '');
      if (!key) continue; // the scenario's own faults are the engine's errors
      const at = f.policyLine
        ? { line: f.policyLine, col: f.policyCol, endLine: f.policyEndLine, endCol: f.policyEndCol }
        : { line: onRequest || onName ? 0 : 1, col: onRequest || onName ? 0 : 1 };
      findings.push({ key, ...at, field: onName ? 'name' : '', severity: f.severity, code: f.code, text: f.text || { en: f.message } });
    }
    const bySlot = new Map();
    for (const f of findings) {
      if (!f.line && !f.field) continue; // a request field has no editor to mark
      const d = { line: f.line, col: f.col, endLine: f.endLine, endCol: f.endCol, severity: SEVERITY[f.severity] || 'info', message: `${f.code}: ${words(f)}` };
      bySlot.set(f.key, [...(bySlot.get(f.key) || []), d]);
    }
    diagnostics.set('lint', bySlot);
    render();
  }

  // render writes the counts and the list under the decision.
  function render() {
    el.hidden = false;
    const counts = ORDER.map((s) => [s, findings.filter((f) => f.severity === s).length]).filter(([, n]) => n);
    const summary = counts.length
      ? counts.map(([s, n]) => h('span', { class: 'lint-count sev-' + SEVERITY[s], 'data-severity': s }, t(`lintCount.${s.replace(' ', '')}${n === 1 ? '' : 's'}`, { n }))).flatMap((x, i) => (i ? [' · ', x] : [x]))
      : [t('lintNone')];
    el.replaceChildren(
      h('details', { class: 'lint', open: el.querySelector('details')?.open || null },
        h('summary', {}, h('span', { class: 'lint-title' }, t('lintTitle')), ' ', ...summary),
        findings.length ? h('ul', { class: 'lint-list' }, findings.map((f) =>
          h('li', { class: 'sev-' + SEVERITY[f.severity] },
            h('button', { type: 'button', class: 'lint-item', onclick: () => onReveal(f.key, { line: f.line, col: f.col, field: f.field }) },
              h('span', { class: 'pos' }, f.line ? `${nameOf(f.key)} ${f.line}:${f.col}` : nameOf(f.key)), ' ',
              h('code', {}, f.code), ' ', words(f)),
            h('a', { class: 'lint-code', href: `checks/${language()}.html#${f.code}`, target: '_blank', rel: 'noopener', title: t('lintAbout', { code: f.code }), 'aria-label': t('lintAbout', { code: f.code }) }, '?')))) : null));
  }

  // words is a finding in the page's language, as the module words it from
  // its check's template and its particulars (api.Finding's text).
  function words(f) {
    return f.text[language()] || f.text.en;
  }

  return { schedule, clear, render: () => (el.hidden ? null : show(raw)), findings: () => findings };
}
