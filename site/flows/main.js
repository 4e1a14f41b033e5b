// A flow page: the flow's policies in editors, its steps with their Go
// code, and, once run in the flows module's worker, each step's HTTP
// exchange, outcome and authorizations with the engine's trace. Editing a
// policy runs the flow again and redraws the steps from the first one the
// policy affects. The state (the edits) is shared as a #f1. link.

import { h } from '../dom.js';
import { pickLanguage, setLanguage, safeStorage } from '../i18n.js';
import { applyTheme, currentTheme } from '../theme.js';
import { createEditor } from '../editor.js';
import { w, pick, setWordsLanguage } from './words.js';
import { connect } from './engine.js';
import { renderStep } from './step.js';
import { renderCheck } from './trace.js';
import { setupRealMode } from './real.js';

const EDIT_DELAY_MS = 250;

const def = JSON.parse(document.getElementById('flow-data').textContent);
const els = {
  title: document.getElementById('flow-title'),
  summary: document.getElementById('flow-summary'),
  status: document.getElementById('flow-status'),
  error: document.getElementById('flow-error'),
  run: document.getElementById('flow-run'),
  share: document.getElementById('flow-share'),
  shareLink: document.getElementById('flow-share-link'),
  slots: document.getElementById('flow-slots'),
  steps: document.getElementById('flow-steps'),
  config: document.getElementById('flow-config'),
  lang: document.getElementById('lang'),
  theme: document.getElementById('theme'),
};

const state = {
  edits: {}, // slot → text the learner typed (only slots that differ)
  result: null, // the last run's result
  shown: [], // the step elements, in order
  dirtyFrom: def.steps.length, // the first step an edit since the last run affects
};
const editors = new Map(); // slot id → editor
const call = connect(self.iamlabFlowsBoot && self.iamlabFlowsBoot.worker);
let real = { active: () => false, render() {} }; // real.js, once the module is ready

let lang = pickLanguage();
setLanguage(lang);
setWordsLanguage(lang);
applyTheme();

function slotLabel(id) {
  const s = def.slots.find((x) => x.id === id);
  return s ? pick(s.label) : id;
}

function reveal(slot, pos) {
  const ed = editors.get(slot);
  if (!ed) return;
  ed.view.dom.scrollIntoView({ block: 'center' });
  ed.reveal(pos);
}

async function openPlayground(check) {
  const ans = await call('shareScenario', check.scenario);
  if (ans.error) return showError(ans.error.msg);
  await remember();
  location.href = `../../?lang=${lang}#${ans.fragment}`;
}

function showError(msg) {
  els.error.hidden = !msg;
  els.error.textContent = msg || '';
}

// renderStatic draws what does not depend on a run.
function renderStatic() {
  document.title = `${pick(def.title)} — ${w('lab')}`;
  els.title.textContent = pick(def.title);
  els.summary.textContent = pick(def.summary);
  for (const el of document.querySelectorAll('[data-w]')) el.textContent = w(el.dataset.w);
  els.config.replaceChildren(h('code', { class: 'language-go' }, def.config));
  for (const s of def.slots) {
    let ed = editors.get(s.id);
    if (!ed) {
      const holder = h('div', { class: 'slot-editor' });
      const box = h('section', { class: 'slot', 'data-testid': 'flow-policy', 'data-slot': s.id },
        h('h3', { class: 'slot-title' }, pick(s.label)),
        holder,
        h('p', { class: 'slot-error', hidden: true, 'data-testid': 'flow-policy-error' }),
        h('button', { type: 'button', class: 'reset', onclick: () => resetSlot(s.id) }, w('reset')));
      els.slots.append(box);
      ed = createEditor({ parent: holder, text: state.edits[s.id] ?? s.text, label: pick(s.label), onChange: (text) => edited(s.id, text) });
      editors.set(s.id, ed);
    } else {
      const box = els.slots.querySelector(`[data-slot="${s.id}"]`);
      box.querySelector('.slot-title').textContent = pick(s.label);
      box.querySelector('.reset').textContent = w('reset');
      ed.setLabel(pick(s.label));
    }
  }
  renderSteps(0);
}

function renderSteps(from) {
  const results = state.result ? state.result.steps : [];
  def.steps.forEach((s, i) => {
    if (i < from && state.shown[i]) return;
    const el = renderStep(i, s, results[i], { slotLabel, renderCheck: (c) => renderCheck(c, { reveal, slotLabel, openPlayground }) });
    if (state.shown[i]) state.shown[i].replaceWith(el);
    else els.steps.append(el);
    state.shown[i] = el;
  });
}

function showSetup(setup) {
  for (const box of els.slots.querySelectorAll('[data-slot]')) {
    const err = box.querySelector('.slot-error');
    const mine = setup && setup.slot === box.dataset.slot;
    err.hidden = !mine;
    err.textContent = mine ? w('setupRefused', { slot: slotLabel(setup.slot), code: setup.code, msg: setup.msg }) + (setup.line ? w('setupAt', { line: setup.line, col: setup.col }) : '') : '';
    const ed = editors.get(box.dataset.slot);
    if (ed) ed.diagnose(mine && setup.line ? [{ line: setup.line, col: setup.col, message: setup.msg }] : []);
  }
  if (setup && !setup.slot) showError(`${setup.code}: ${setup.msg}`);
}

let running = null;
let again = false;

// run runs the flow with the current edits and redraws from `from`.
async function run(from = 0) {
  state.dirtyFrom = Math.min(state.dirtyFrom, from);
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    do {
      again = false;
      const redraw = state.dirtyFrom;
      state.dirtyFrom = def.steps.length;
      els.status.textContent = w('running');
      els.run.disabled = true;
      document.body.dataset.running = 'true';
      const ans = await (real.active() ? real.run(state.edits) : call('run', def.name, JSON.stringify(state.edits)));
      if (ans.error) {
        showError(ans.error.msg);
        continue;
      }
      showError('');
      state.result = ans.result;
      window.__flowsLastResult = ans.result; // for the benchmark (bench.mjs)
      showSetup(ans.result.setup);
      if (ans.result.setup) {
        for (const el of state.shown) delete el.dataset.outcome;
      } else {
        renderSteps(redraw);
      }
      els.status.textContent = w("ran", { n: ans.result.steps.length, ms: Math.round(ans.ms) });
      els.status.title = JSON.stringify(ans.result.timing);
    } while (again);
    els.run.disabled = false;
    delete document.body.dataset.running;
    document.body.dataset.runs = String(Number(document.body.dataset.runs || 0) + 1);
    performance.mark('iamlab:flow-ran');
    running = null;
  })();
  return running;
}

// modeChanged forgets what the other mode's run showed.
function modeChanged() {
  state.result = null;
  renderSteps(0);
  els.status.textContent = '';
}

let timer = 0;
function edited(slot, text) {
  const s = def.slots.find((x) => x.id === slot);
  if (text === s.text) delete state.edits[slot];
  else state.edits[slot] = text;
  state.dirtyFrom = Math.min(state.dirtyFrom, s.first);
  clearTimeout(timer);
  timer = setTimeout(() => real.active() || run(state.dirtyFrom), EDIT_DELAY_MS); // AWS is called only from the button
}

function resetSlot(slot) {
  const s = def.slots.find((x) => x.id === slot);
  editors.get(slot).setText(s.text);
}

// remember puts the flow's link in the address, so that a reload or the
// back button finds the edits.
async function remember() {
  if (Object.keys(state.edits).length === 0) {
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
    return '';
  }
  const ans = await call('linkEncode', JSON.stringify({ flow: def.name, edits: state.edits }));
  if (ans.error) {
    showError(ans.error.msg);
    return '';
  }
  history.replaceState(null, '', `${location.pathname}${location.search}#${ans.fragment}`);
  return location.href;
}

async function share() {
  const url = (await remember()) || location.href;
  els.shareLink.hidden = false;
  els.shareLink.value = url;
  try {
    await navigator.clipboard.writeText(url);
    els.status.textContent = w('shareCopied');
  } catch {
    els.status.textContent = w('shareShown');
    els.shareLink.select();
  }
}

// openLink reads a #f1. link: its edits go into the editors; a refused
// link says why and leaves the flow as its author wrote it.
async function openLink() {
  const frag = location.hash.slice(1);
  if (!frag) return;
  const ans = await call('linkDecode', frag);
  const why = ans.error ? ans.error.msg : ans.state.flow !== def.name ? w('linkOtherFlow', { flow: ans.state.flow }) : '';
  if (why) {
    showError(w('linkRefused', { why }));
    return;
  }
  for (const [slot, text] of Object.entries(ans.state.edits || {})) {
    const ed = editors.get(slot);
    if (!ed) continue;
    state.edits[slot] = text;
    ed.showText ? ed.showText(text) : ed.setText(text);
  }
}

function setupControls() {
  els.lang.value = lang;
  els.lang.addEventListener('change', () => {
    lang = els.lang.value;
    safeStorage('iamlab.lang', lang);
    setLanguage(lang);
    setWordsLanguage(lang);
    const u = new URL(location.href);
    u.searchParams.set('lang', lang);
    history.replaceState(null, '', u);
    renderStatic();
    real.render();
  });
  els.theme.value = currentTheme();
  els.theme.addEventListener('change', () => applyTheme(els.theme.value));
  els.run.addEventListener('click', () => run(0));
  els.share.addEventListener('click', share);
}

async function main() {
  setupControls();
  renderStatic();
  els.status.textContent = w('loading');
  els.run.disabled = true;
  await call('flows'); // the module is ready
  await openLink();
  real = await setupRealMode({ def, call, lang: () => lang, els, onChange: modeChanged });
  els.run.disabled = false;
  els.status.textContent = w('ready', { n: def.steps.length });
  document.body.dataset.ready = 'true';
  performance.mark('iamlab:flow-ready');
  if (Object.keys(state.edits).length) run(0);
}

main();
