// The engine's trace of one policy, as the playground and the flow pages
// both draw it: every statement with matched or not and why, and what
// matched, element by element. A statement (and a condition) of a policy
// that is in an editor is a button that shows its line there.

import { h } from './dom.js';
import { t, reason, message } from './i18n.js';

// TRACE_STATEMENTS is how many statements of one policy the trace draws at
// first, those that matched first: the others wait behind a button, since
// a pasted policy of thousands of statements would take seconds of layout
// on every decision.
export const TRACE_STATEMENTS = 100;

// policyBlock draws policy p (explain.Policy). link, when p is in an
// editor, is { reveal({line, col}), name } (name: how the title names the
// policy, p.name by default); without it the statements are static rows.
// attrs are extra attributes of the policy's element.
export function policyBlock(p, { link = null, attrs = {} } = {}) {
  const effect = !p.applies ? t('notApplicable') : p.denies ? t('policyDenies') : p.allows ? t('policyAllows') : t('policyNoEffect');
  const cls = !p.applies ? 'na' : p.denies ? 'deny' : p.allows ? 'allow' : 'none';
  return h('li', { ...attrs, class: `policy ${cls}` },
    h('div', { class: 'policy-head' },
      h('span', { class: 'policy-title' }, policyTitle(p)),
      h('span', { class: `pill ${cls}` }, effect)),
    p.notApplicable ? h('p', { class: 'why' }, reason(p.notApplicable)) : null,
    statementList(p, link));
}

function policyTitle(p) {
  const type = t('types.' + p.type);
  const level = p.type === 'scp' || p.type === 'rcp' ? ` · ${t('level', { n: (p.level || 0) + 1 })} ${p.target || ''}` : '';
  return `${type}${level} · ${p.name || '#' + (p.index + 1)}`;
}

// statementList draws at most TRACE_STATEMENTS statements of a policy (in
// their order, those that matched first), and a button for the others.
function statementList(p, link) {
  const all = p.statements;
  const row = (s) => statementRow(p, s, link);
  const list = h('ul', { class: 'stmts' });
  if (all.length <= TRACE_STATEMENTS) {
    list.append(...all.map(row));
    return list;
  }
  const first = new Set([...all.filter((s) => s.matched), ...all.filter((s) => !s.matched)].slice(0, TRACE_STATEMENTS));
  const more = h('li', {}, h('button', {
    type: 'button', class: 'linklike more', 'data-testid': 'more-statements',
    onclick: () => list.replaceChildren(...all.map(row)),
  }, t('moreStatements', { n: all.length - first.size })));
  list.append(...all.filter((s) => first.has(s)).map(row), more);
  return list;
}

function statementRow(p, s, link) {
  const title = s.sid ? s.sid : t('statement', { n: s.index + 1 });
  const parts = [
    h('span', { class: 'stmt-mark', 'aria-hidden': 'true' }, s.matched ? '●' : '○'),
    h('span', { class: 'stmt-title' }, title),
    h('span', { class: 'effect' }, s.effect),
    h('span', { class: 'stmt-state' }, s.matched ? t('matched') : t('notMatched')),
    h('span', { class: 'pos' }, `${s.line}:${s.column}`),
  ];
  const head = link
    ? h('button', { type: 'button', class: 'stmt-button', title: t('goToStatement', { n: s.index + 1, policy: link.name ?? p.name ?? '' }),
      onclick: () => link.reveal({ line: s.line, col: s.column }) }, parts)
    : h('div', { class: 'stmt-button static' }, parts);
  const cond = s.condition
    ? h('p', { class: 'cond', 'data-testid': 'condition' }, goTo(link, s.condition, t('condition', {
      op: s.condition.operator,
      key: s.condition.key,
      want: JSON.stringify(s.condition.policyValues),
      got: s.condition.present ? JSON.stringify(s.condition.requestValues) : t('conditionAbsent'),
    })))
    : null;
  return h('li', { class: `stmt ${s.matched ? 'matched' : 'unmatched'} effect-${s.effect.toLowerCase()}`, 'data-testid': 'statement' },
    head,
    h('p', { class: 'why' }, reason(s.reason), s.unresolvedVariable ? ` (${t('unresolved', { v: s.unresolvedVariable })})` : ''),
    s.match ? matchList(s.match, link) : cond);
}

// goTo makes the parts of a condition a button to its line when the
// policy is in an editor.
function goTo(link, c, ...parts) {
  if (!link || !c.line) return parts;
  return h('button', { type: 'button', class: 'linklike cond-go', onclick: () => link.reveal({ line: c.line, col: c.column }) }, parts);
}

// matchList says how each element of a statement took the request: what
// matched as well as what did not (explain.Match), each condition with
// the values compared and the rule that decided it.
function matchList(m, link) {
  const el = (name, e) => e && h('li', { class: e.applies ? 'hit' : 'miss' },
    h('span', { class: 'mark', 'aria-hidden': 'true' }, e.applies ? '✓' : '✗'), ' ',
    h('span', { class: 'el-name' }, (e.not ? 'Not' : '') + name), ' ',
    e.index >= 0 && e.value ? h('code', {}, e.value) : h('span', { class: 'help' }, t(e.not ? 'matchNoneExcluded' : 'matchNone')),
    e.grant ? h('span', { class: 'help' }, ` (${t('grant.' + e.grant)})`) : null,
    e.nullVariable ? h('span', { class: 'help' }, ` (${t('unresolved', { v: e.nullVariable })})`) : null);
  return h('ul', { class: 'match', 'data-testid': 'match' },
    el('Action', m.action),
    el('Resource', m.resource),
    el('Principal', m.principal),
    (m.conditions || []).map((c) => h('li', { class: c.holds ? 'hit' : 'miss', 'data-testid': 'condition' },
      goTo(link, c,
        h('span', { class: 'mark', 'aria-hidden': 'true' }, c.holds ? '✓' : '✗'), ' ',
        h('span', { class: 'el-name' }, c.operator), ' ', h('code', {}, c.key), ' ',
        t('conditionValues', {
          want: JSON.stringify(c.comparedValues || c.policyValues),
          got: c.present ? JSON.stringify(c.requestValues) : t('conditionAbsent'),
        })),
      c.rule ? h('span', { class: 'rule help' }, ' — ', message('condition.rule.' + c.rule)) : null)));
}
