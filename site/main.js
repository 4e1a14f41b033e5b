// The playground page: wires the engine (a worker running the Go module),
// the policy editors, the request builder, the result, sharing, files,
// examples, language, theme and keyboard.

import './style.css';
import { startEngine } from './engine.js';
import { t, pickLanguage, setLanguage, language, applyStatic, setReasonMessages, safeStorage } from './i18n.js';
import { applyTheme, currentTheme } from './theme.js';
import { emptyScenario, toScenarioText, fromScenarioText, ImportError } from './scenario.js';
import { createPolicyPanel } from './policies.js';
import { createRequestPanel } from './request.js';
import { createResultPanel } from './result.js';
import { encodeFragment, decodeFragment, ShareError } from './share.js';
import { examples, exampleText } from './examples.js';
import { exportScenario, pickScenarioFile } from './files.js';
import { bindKeys, fillShortcuts, modKey } from './keyboard.js';
import { h } from './dom.js';
import { createDiagnostics } from './diagnostics.js';
import { createLintPanel } from './lint.js';
import { openTab } from './tab.js';

performance.mark('iamlab:main');
const engine = startEngine(); // first: the module compiles while the page builds
const $ = (sel) => document.querySelector(sel);

let state = emptyScenario();
let refused = false; // a refused link or file: wait for an edit before evaluating
let firstDecision = true;
let editSeq = 0;
let lastAnswer = null;
let firstDecisionShown;
const idle = new Promise((resolve) => (firstDecisionShown = resolve));
const editTimes = new Map();

setLanguage(pickLanguage());
applyTheme();

const result = createResultPanel({
  decisionEl: $('[data-testid="decision"]'),
  traceEl: $('#trace'),
  onReveal: (key, where) => policies.reveal(key, where),
});
const policies = createPolicyPanel($('#policy-slots'), { getState: () => state, changed, engine, toast });
const diagnostics = createDiagnostics((bySlot) => policies.showProblems(bySlot));
const lint = createLintPanel({
  el: $('#lint'),
  engine,
  diagnostics,
  slotOf,
  nameOf: (key) => (requestField(key) ? t(requestField(key)) : slotName(key)),
  onReveal: (key, where) => (requestField(key) ? document.getElementById('req-' + requestField(key))?.focus() : policies.reveal(key, where)),
});

// requestField names the request field of a path such as "request.action",
// or is '' for a path elsewhere.
function requestField(path) {
  return path.startsWith('request.') ? path.slice('request.'.length) : '';
}
const request = createRequestPanel($('#request-fields'), { getState: () => state, changed, engine, idle });

// changed runs after every edit: evaluate and update the link.
function changed() {
  refused = false;
  const seq = ++editSeq;
  editTimes.set(seq, performance.now());
  evaluate(seq);
  scheduleHash();
}

function evaluate(seq = editSeq, force = false) {
  if (refused) return;
  const text = toScenarioText(state);
  engine.evaluate(text, (answer, _text, stale) => {
    if (stale || refused) return; // a newer edit is on its way
    lastAnswer = answer;
    show(answer, force);
    if (answer.report) lint.schedule(text);
    else lint.clear();
    const start = editTimes.get(seq);
    editTimes.clear();
    if (firstDecision) {
      firstDecision = false;
      performance.mark('iamlab:first-decision', { detail: { evaluateMs: answer.ms } });
      setTimeout(firstDecisionShown, 0);
    } else if (start !== undefined) {
      performance.measure('iamlab:edit-to-decision', { start, end: performance.now() });
    }
  });
}

// show renders an evaluation answer: the report, or the error in its
// editor or field and in the decision.
let shownKey = '';
function show(answer, force = false) {
  // Most keystrokes change nothing the result shows: skip the DOM then.
  const key = JSON.stringify(answer.report || answer.error || null);
  if (key === shownKey && !force) return;
  shownKey = key;
  const slotProblems = new Map();
  const fieldProblems = new Map();
  if (answer.report) {
    result.showReport(answer.report);
  } else {
    const e = answer.error || { msg: 'unknown error' };
    const key = slotOf(e.path || '');
    let where = '';
    if (key && e.policy) {
      slotProblems.set(key, [{ line: e.policy.line, col: e.policy.col, message: e.policy.msg }]);
      where = t('inPolicy', { policy: slotName(key), line: e.policy.line, col: e.policy.col });
    } else if (key) {
      slotProblems.set(key, [{ message: e.msg }]);
    } else if (requestField(e.path || '')) {
      fieldProblems.set(requestField(e.path).split('.')[0], [e.msg]);
    } else if (e.line) {
      where = t('atScenario', { line: e.line, col: e.col });
    }
    result.showError(e.policy ? e.policy.msg : e.msg, [where].filter(Boolean));
  }
  diagnostics.set('evaluate', slotProblems);
  request.showProblems(fieldProblems);
}

// slotOf finds the policy slot a path such as
// "serviceControlPolicies[0].policies[1].document" is in.
function slotOf(path) {
  let best = '';
  for (const key of policies.editors.keys()) {
    if ((path === key || path.startsWith(key + '.')) && key.length > best.length) best = key;
  }
  return best;
}

function slotName(key) {
  const card = document.querySelector(`[data-slot="${CSS.escape(key)}"]`);
  return card?.querySelector('input')?.value || card?.querySelector('.managed-name')?.firstChild?.nextSibling?.textContent || key;
}

// load replaces the scenario, from an example, a link or a file.
function load(text, { source }) {
  let problems = [];
  try {
    ({ state, problems } = fromScenarioText(text));
  } catch (e) {
    // ImportError, or what a hostile file can still cause (a RangeError
    // from absurd nesting): a message, never a stuck page.
    refuse(t(source === 'link' ? 'linkRefused' : 'importRefused', { why: e instanceof ImportError ? e.message : e instanceof RangeError ? t('tooDeep') : String(e.message || e) }));
    return;
  }
  if (!problems.length) {
    refused = false;
    evaluate(); // first: the worker evaluates while the editors are built
  }
  renderAll();
  if (problems.length) refuse(t('importProblems'), problems);
}

// refuse shows why a link or file was not taken, in the "error" state,
// until the user edits the scenario or picks an example.
function refuse(title, lines = []) {
  refused = true;
  lint.clear();
  shownKey = '';
  firstDecisionShown();
  result.showError(title, [...lines, t('editToContinue')]);
}

function renderAll() {
  shownKey = ''; // new editors and fields show no problems yet
  policies.render();
  request.render();
}

// The link: the hash follows the scenario, a moment after the last edit,
// when the page is idle (compressing and replaceState are kept off the
// keystroke's path).
let hashTimer = 0;
function scheduleHash() {
  clearTimeout(hashTimer);
  hashTimer = setTimeout(() => whenIdle(updateHash), 250);
}

const whenIdle = (fn) => (self.requestIdleCallback ? requestIdleCallback(() => fn(), { timeout: 1000 }) : fn());

async function updateHash() {
  try {
    const frag = await encodeFragment(toScenarioText(state));
    history.replaceState(null, '', location.pathname + location.search + '#' + frag);
    return true;
  } catch {
    return false;
  }
}

async function share() {
  clearTimeout(hashTimer);
  if (!(await updateHash())) return toast(t('shareTooLarge'));
  try {
    await navigator.clipboard.writeText(location.href);
    toast(t('shareCopied'));
  } catch {
    toast(t('shareShown') + ' ' + location.href);
  }
}

let toastTimer = 0;
function toast(message) {
  const el = $('#toast');
  el.textContent = message;
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (el.hidden = true), 4000);
}

// Chrome: header controls.
function setupControls() {
  const ex = $('#examples');
  ex.replaceChildren(h('option', { value: '' }, t('examplesPick')), ...examples.map((e) => h('option', { value: e.id }, e[language()])));
  ex.onchange = () => {
    const e = examples.find((x) => x.id === ex.value);
    ex.value = '';
    if (!e) return;
    load(exampleText(e), { source: 'example' });
    scheduleHash();
  };
  const lang = $('#lang');
  lang.value = language();
  lang.onchange = () => {
    setLanguage(lang.value);
    safeStorage('iamlab.lang', lang.value);
    const url = new URL(location.href);
    url.searchParams.set('lang', lang.value);
    history.replaceState(null, '', url);
    refreshTexts();
    renderAll();
    lint.render();
    if (!refused && lastAnswer) show(lastAnswer, true);
  };
  const theme = $('#theme');
  theme.value = currentTheme();
  theme.onchange = () => applyTheme(theme.value);
  $('#share').onclick = share;
  $('#export').onclick = () => exportScenario(toScenarioText(state));
  $('#import').onclick = async () => {
    try {
      const text = await pickScenarioFile($('#import-file'));
      if (text !== null) {
        load(text, { source: 'file' });
        scheduleHash();
      }
    } catch (e) {
      refuse(t('importRefused', { why: e.message }));
    }
  };
  const dialog = $('#shortcuts');
  $('#shortcuts-open').onclick = () => dialog.showModal();
  $('#shortcuts-close').onclick = () => dialog.close();
  bindKeys({
    evaluate: () => {
      refused = false;
      evaluate(editSeq, true); // shown again even if unchanged, so that it is announced
    },
    format: () => policies.formatFocused(),
    share,
    help: () => (dialog.open ? dialog.close() : dialog.showModal()),
  });
}

function refreshTexts() {
  applyStatic();
  document.title = `${t('title')} — ${t('tagline')}`;
  fillShortcuts($('#shortcut-list'));
  $('#evaluate-hint').textContent = t('evaluateHint', { key: `${modKey}+Enter` });
  const ex = $('#examples');
  for (const o of ex.options) {
    const e = examples.find((x) => x.id === o.value);
    o.textContent = e ? e[language()] : t('examplesPick');
  }
}

async function boot() {
  openTab(new URLSearchParams(location.search).get('tab'), idle);
  setupControls();
  refreshTexts();
  result.loading();
  engine.call('reasonCodes').then(
    (a) => setReasonMessages(a.codes || []),
    (e) => result.showError(t('engineFailed', { msg: e.message })),
  );
  if (location.hash.length > 1) {
    let text;
    try {
      text = await decodeFragment(location.hash);
    } catch (e) {
      renderAll();
      const why = e instanceof ShareError ? t('shareErr.' + e.code.replace('share.', ''), e.params) : String(e.message || e);
      refuse(t('linkRefused', { why }));
      return;
    }
    load(text, { source: 'link' });
  } else {
    load(exampleText(examples[0]), { source: 'example' });
  }
}

boot();
