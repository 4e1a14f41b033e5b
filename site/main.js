// The playground page: wires the engine (a worker running the Go module),
// the policy editors, the request builder, the result, sharing, saved
// work, files, examples, language, theme and keyboard.
//
// The user's work is never lost: edits are saved in this browser (work.js)
// and follow the address's link; what would replace edited work (an
// example, a file, a link pasted into the address) asks first; a link that
// is opened is never rewritten until the user edits.

import './style.css';
import { startEngine } from './engine.js';
import { t, pickLanguage, setLanguage, language, applyStatic, safeStorage, problemText } from './i18n.js';
import { applyTheme, currentTheme } from './theme.js';
import { emptyScenario, fromDraft, draftJSON, setSlots, slotKey } from './scenario.js';
import { createPolicyPanel } from './policies.js';
import { createRequestPanel } from './request.js';
import { createResultPanel } from './result.js';
import { examples, exampleText, exampleInfo } from './examples.js';
import { exportScenario, pickFile } from './files.js';
import { bindKeys, fillShortcuts } from './keyboard.js';
import { h } from './dom.js';
import { createDiagnostics } from './diagnostics.js';
import { createLintPanel } from './lint.js';
import { openTab } from './tab.js';
import { saveWork, savedWork, startWith } from './work.js';
import { confirmReplace, pickSlot, pickPrincipal, pasteDialog } from './ask.js';
import { createAllowsPanel } from './allows.js';
import { createComparePanel } from './compare.js';

performance.mark('iamlab:main');
const engine = startEngine(); // first: the module compiles while the page builds
const $ = (sel) => document.querySelector(sel);

let state = emptyScenario();
let slots = [];
let refused = false; // a refused link or file: wait for an edit before evaluating
let dirty = false; // the user edited the scenario since it was loaded
let loadedExample = ''; // the example shown, until another scenario is loaded
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
  nameOf: (key) => (requestField(key) ? requestFieldName(requestField(key)) : slotName(key)),
  onReveal: (key, where) => (requestField(key) ? requestInput(requestField(key))?.focus() : policies.reveal(key, where)),
});

// requestFieldName words a request field such as "action", or
// "context.ec2:Region" (a context key: the field's name, then the key).
function requestFieldName(field) {
  const [name, ...key] = field.split('.');
  return [t(name), ...(key.length ? [key.join('.')] : [])].join(' ');
}

// requestInput is the input of a request field; a context key's is the
// key input of its row.
function requestInput(field) {
  const [name, ...rest] = field.split('.');
  const key = rest.join('.').toLowerCase();
  if (name === 'context' && key) return [...document.querySelectorAll('.context-row input:first-of-type')].find((el) => el.value.toLowerCase() === key);
  return document.getElementById('req-' + name);
}

// requestField names the request field of a path such as "request.action",
// or is '' for a path elsewhere.
function requestField(path) {
  return path.startsWith('request.') ? path.slice('request.'.length) : '';
}
const request = createRequestPanel($('#request-fields'), { getState: () => state, changed, engine, idle });
const allows = createAllowsPanel($('#allows'), { engine, getState: () => state, result });
const compare = createComparePanel($('#compare'), { engine, getDraft: () => draftJSON(state) });

// changed runs after every edit: evaluate, then save the work and update
// the link a moment later.
function changed() {
  refused = false;
  dirty = true;
  const seq = ++editSeq;
  editTimes.set(seq, performance.now());
  evaluate(seq);
  scheduleKeep();
}

function evaluate(seq = editSeq, force = false) {
  if (refused) return;
  const draft = draftJSON(state);
  engine.evaluate(draft, (answer, _text, stale) => {
    if (stale || refused) return; // a newer edit is on its way
    if (show(answer, force)) {
      lastAnswer = answer;
      askChanges(answer.report, draft);
    }
    if (answer.report) lint.schedule(draft);
    else lint.clear();
    allows.stale();
    const start = editTimes.get(seq);
    editTimes.clear();
    if (firstDecision) {
      firstDecision = false;
      performance.mark('iamlab:first-decision', { detail: { evaluateMs: answer.ms } });
      result.afterTrace(firstDecisionShown); // its trace too: ?tab=trace scrolls to it
    } else if (start !== undefined) {
      performance.measure('iamlab:edit-to-decision', { start, end: performance.now() });
    }
  });
}

// askChanges asks, for a report of a deny just shown, what would change it: the
// module's second answer, from the second worker, which the trace shows
// when it comes (the decision never waits for it).
function askChanges(rep, draft) {
  if (!rep || rep.decision === 'allowed') return;
  engine.changes(draft, (ans, _text, stale) => {
    if (!stale) result.showChanges(rep, ans.changes || null);
  });
}

// show renders an evaluation answer: the report, or the error in its
// editor or field and in the decision. It returns false when the answer
// is the one shown already.
let shownKey = '';
function show(answer, force = false) {
  // Most keystrokes change nothing the result shows: skip the DOM then.
  const key = language() + JSON.stringify(answer.report || answer.error || null);
  if (key === shownKey && !force) return false;
  shownKey = key;
  const slotProblems = new Map();
  const fieldProblems = new Map();
  if (answer.report) {
    result.showReport(answer.report);
    request.showResourceAccount(answer.report);
  } else {
    const e = answer.error || { code: 'engine', msg: 'unknown error' };
    const key = slotOf(e.path || '');
    let where = '';
    if (key && e.policy) {
      slotProblems.set(key, [{ line: e.policy.line, col: e.policy.col, message: problemText(e.policy) }]);
      where = t('inPolicy', { policy: slotName(key), line: e.policy.line, col: e.policy.col });
    } else if (key) {
      slotProblems.set(key, [{ message: problemText(e) }]);
    } else if (requestField(e.path || '')) {
      fieldProblems.set(requestField(e.path).split('.')[0], [problemText(e)]);
    } else if (e.line) {
      where = t('atScenario', { line: e.line, col: e.col });
    }
    result.showError(problemText(e.policy || e), [where].filter(Boolean));
    request.showResourceAccount(null);
  }
  diagnostics.set('evaluate', slotProblems);
  request.showProblems(fieldProblems);
  return true;
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

// take shows what the engine read from a link, a file or saved work. A
// scenario replaces the page's; a bare policy goes into the slot the user
// picks; an account's details give the policies of the user or role the
// user picks. It resolves to false when nothing was taken.
async function take(ans, { source, what = '', text = '' }) {
  if (ans.error) {
    refuse(t(/link$/.test(source) ? 'linkRefused' : 'importRefused', { why: problemText(ans.error, source) }));
    return false;
  }
  if (ans.kind === 'policy') return takePolicy(ans.policy);
  if (ans.kind === 'account') return takeAccount(ans.account, text);
  if (what && !(await mayReplace(what))) return false;
  state = fromDraft(ans.draft);
  dirty = source === 'saved';
  loadedExample = '';
  const problems = ans.problems || [];
  if (!problems.length) {
    refused = false;
    evaluate(); // first: the worker evaluates while the editors are built
  }
  renderAll();
  if (problems.length) refuse(t('importProblems'), problems.map((p) => problemText(p)));
  return true;
}

async function mayReplace(what) {
  return !dirty || confirmReplace(what);
}

async function takePolicy(policy) {
  const slot = await pickSlot(policy.slot, slots);
  if (!slot) return false;
  const entry = { name: slot === 'identity' ? freeName(state.identity.map((p) => p.name), 'Imported') : 'Imported', text: policy.text };
  if (slot === 'identity') state.identity.push(entry);
  else if (slot === 'scp' || slot === 'rcp') {
    const field = slot + 's';
    state[field] ||= [];
    if (!state[field].length) state[field].push({ target: 'r-a1b2', policies: [] });
    state[field][state[field].length - 1].policies.push(entry);
  } else state[slot] = entry;
  renderAll();
  changed();
  return true;
}

async function takeAccount(account, text) {
  if (!account.principals.length) {
    refuse(t('importRefused', { why: t('account.empty') }));
    return false;
  }
  const arn = await pickPrincipal(account.principals);
  if (!arn) return false;
  const ans = await engine.call('importPrincipal', text, arn);
  if (ans.error) {
    refuse(t('importRefused', { why: problemText(ans.error) }));
    return false;
  }
  // The user's or role's policies and boundary fill the scenario; the
  // request's action, resource and context stay.
  const d = fromDraft(ans.draft);
  state.request.principal = d.request.principal;
  state.identity = d.identity;
  state.boundary = d.boundary;
  renderAll();
  changed();
  if (ans.problems?.length) toast(ans.problems.map((p) => problemText(p)).join('\n'));
  return true;
}

function freeName(names, base) {
  for (let i = 1; ; i++) if (!names.includes(base + i)) return base + i;
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
  showExample();
}

// Keeping the work: a moment after the last edit, when the page is idle,
// the draft is saved and the link follows it (compressing and
// replaceState are kept off the keystroke's path).
let keepTimer = 0;
function scheduleKeep() {
  clearTimeout(keepTimer);
  keepTimer = setTimeout(() => whenIdle(keep), 250);
}

const whenIdle = (fn) => (self.requestIdleCallback ? requestIdleCallback(() => fn(), { timeout: 1000 }) : fn());

// keep saves the work and updates the link; it resolves to the link's
// refusal (a Problem) when the scenario is too large for one.
async function keep() {
  clearTimeout(keepTimer);
  const draft = draftJSON(state);
  const ans = await engine.call('shareDraft', draft).catch((e) => ({ error: { code: 'engine', msg: e.message } }));
  if (draft !== draftJSON(state)) return null; // a newer edit keeps it again
  if (ans.fragment) {
    setHash('#' + ans.fragment);
    showNotice('');
  } else {
    // The address must not keep an older scenario, which a reload would
    // bring back: it has no link until the scenario fits one again.
    setHash('');
    showNotice(t('linkTooLarge', { why: problemText(ans.error) }));
  }
  if (!saveWork(draft) && dirty) showNotice(t('notSaved'));
  return ans.error || null;
}

function setHash(hash) {
  if (hash === location.hash) return;
  history.replaceState(null, '', location.pathname + location.search + hash);
}

function showNotice(text) {
  const el = $('#notice');
  el.hidden = !text;
  el.textContent = text;
}

async function share() {
  const refusal = await keep();
  if (refusal) return toast(t('shareTooLarge', { why: problemText(refusal) }));
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
  toastTimer = setTimeout(() => (el.hidden = true), 6000);
}

async function loadExample(e, { ask = true } = {}) {
  if (ask && !(await mayReplace(t('replace.example', { name: e[language()] })))) return false;
  const ans = await engine.call('importText', exampleText(e));
  if (!(await take(ans, { source: 'start' }))) return false;
  loadedExample = e.id;
  showExample();
  return true;
}

// showExample marks the example shown in the menu and says what it
// teaches, what to try and where the tutorial explains it.
function showExample() {
  const ex = $('#examples');
  ex.value = loadedExample;
  const info = $('#example-info');
  const e = examples.find((x) => x.id === loadedExample);
  info.hidden = !e;
  if (!e) return;
  const text = exampleInfo(e, language());
  info.replaceChildren(
    h('p', { class: 'teaches' }, h('strong', {}, t('exampleTeaches')), ' ', text.teaches),
    h('p', { class: 'try' }, h('strong', {}, t('exampleTry')), ' ', text.try),
    text.link ? h('p', {}, h('a', { href: text.link }, t('exampleTutorial'))) : null,
  );
}

// Chrome: header controls.
function setupControls() {
  const ex = $('#examples');
  ex.replaceChildren(h('option', { value: '' }, t('examplesPick')), ...examples.map((e) => h('option', { value: e.id }, e[language()])));
  ex.onchange = async () => {
    const e = examples.find((x) => x.id === ex.value);
    if (!e || !(await loadExample(e))) return showExample();
    keep();
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
    renderAll(); // the editors (and their undo history) are kept
    lint.render();
    allows.render();
    compare.render();
    if (!refused && lastAnswer) show(lastAnswer, true);
  };
  const theme = $('#theme');
  theme.value = currentTheme();
  theme.onchange = () => applyTheme(theme.value);
  $('#share').onclick = share;
  $('#export').onclick = async () => {
    const ans = await engine.call('scenarioText', draftJSON(state));
    if (ans.text !== undefined) exportScenario(ans.text);
  };
  $('#import').onclick = async () => {
    try {
      const file = await pickFile($('#import-file'));
      if (file) await importText(file.text, t('replace.file', { name: file.name }));
    } catch (e) {
      refuse(t('importRefused', { why: e.message }));
    }
  };
  $('#paste').onclick = async () => {
    const text = await pasteDialog();
    if (text === null || !text.trim()) return;
    const link = /#(v\d.*)$/s.exec(text.trim());
    if (link && !text.trim().startsWith('{')) return openLink('#' + link[1], { ask: true });
    await importText(text, t('replace.pasted'));
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
  // A link pasted into the address of this tab: opened as a link, after
  // asking if it would replace edits (and, if the user keeps them, the
  // address goes back to their work's link).
  let shownHash = location.hash;
  window.addEventListener('hashchange', async () => {
    if (location.hash === shownHash || location.hash.length < 2) return;
    const before = shownHash;
    if (!(await openLink(location.hash, { ask: true }))) setHash(before);
  });
  // The last edits before the page goes away are saved at once.
  window.addEventListener('pagehide', () => {
    if (dirty && !refused) saveWork(draftJSON(state));
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden' && dirty && !refused) saveWork(draftJSON(state));
  });
  // The address's hash as the page last set or opened it.
  const replace = history.replaceState.bind(history);
  history.replaceState = (...args) => {
    replace(...args);
    shownHash = location.hash;
  };
}

async function importText(text, what) {
  const ans = await engine.call('importText', text);
  if (await take(ans, { source: 'file', what, text })) {
    if (ans.kind === 'scenario') keep();
  }
}

async function openLink(hash, { ask = false } = {}) {
  const ans = await engine.call('openLink', hash);
  if (ask && ans.draft && !(await mayReplace(t('replace.link')))) return false;
  return take(ans, { source: ask ? 'pasted-link' : 'link' }).then((ok) => {
    if (ok) loadedExample = '';
    return ok || !!ans.error;
  });
}

function refreshTexts() {
  applyStatic();
  document.title = `${t('title')} — ${t('tagline')}`;
  fillShortcuts($('#shortcut-list'));
  const ex = $('#examples');
  for (const o of ex.options) {
    const e = examples.find((x) => x.id === o.value);
    o.textContent = e ? e[language()] : t('examplesPick');
  }
  $('#tutorials').href = `${language()}/`;
  showExample();
}

async function restore(saved) {
  const text = await engine.call('scenarioText', saved.draft);
  const ans = text.text === undefined ? text : await engine.call('importText', text.text);
  if (ans.kind !== 'scenario') return false;
  if (location.hash.length > 1) {
    // The saved work came from this link: when it is the link's own
    // scenario, the link stays as it is (opening never rewrites it).
    const link = await engine.call('openLink', location.hash);
    if (link.draft && JSON.stringify(link.draft) === JSON.stringify(ans.draft)) return take(link, { source: 'link' });
  }
  await take(ans, { source: 'saved' });
  scheduleKeep();
  return true;
}

async function boot() {
  openTab(new URLSearchParams(location.search).get('tab'), idle);
  setupControls();
  refreshTexts();
  result.loading();
  await engine.call('slots').then((a) => {
    slots = a.slots || [];
    setSlots(slots);
  }).catch((e) => result.showError(t('engineFailed', { msg: e.message })));
  const saved = savedWork();
  switch (startWith(location.hash, saved)) {
    case 'saved':
      if (await restore(saved)) return;
      if (location.hash.length > 1) return openLink(location.hash);
      return loadExample(examples[0], { ask: false });
    case 'link':
      return openLink(location.hash);
    default:
      return loadExample(examples[0], { ask: false });
  }
}

boot();
