// An embedded example, upgraded in place: the scenario's <pre> becomes the
// playground's CodeMirror editor, every edit is evaluated by the engine,
// the decision element shows the answer (data-decision, as share-url.md
// asks, next to data-expect, the answer the text states), and the
// "Open in playground" link follows the edits.

import { StateField, StateEffect } from '@codemirror/state';
import { Decoration, EditorView } from '@codemirror/view';
import { foldEffect } from '@codemirror/language';
import { createEditor } from '../../editor.js';
import { encodeFragment } from '../../share.js';
import { setLanguage, reason as reasonText } from '../../i18n.js';
import { getEngine } from './engine.js';

const WORDS = {
  en: {
    loading: 'Evaluating…', allowed: 'Allowed', explicitDeny: 'Explicit deny', implicitDeny: 'Implicit deny',
    error: 'Cannot evaluate', reset: 'Reset', edited: 'edited', engine: 'The engine could not start',
  },
  ja: {
    loading: '評価中…', allowed: '許可', explicitDeny: '明示的な拒否', implicitDeny: '暗黙的な拒否',
    error: '評価できません', reset: '元に戻す', edited: '編集済み', engine: 'エンジンを起動できませんでした',
  },
};

export function upgrade(fig, root) {
  const words = WORDS[document.documentElement.lang] || WORDS.en;
  setLanguage(document.documentElement.lang); // the playground's reason texts, in the page's language
  const body = fig.querySelector('.lab-body');
  const pre = body.querySelector('pre');
  const out = fig.querySelector('[data-testid="decision"]');
  const open = fig.querySelector('.lab-open');
  const foot = fig.querySelector('.lab-foot');
  const original = pre.textContent;
  const base = open.getAttribute('href').split('#')[0];
  const engine = getEngine(root);

  const reason = document.createElement('p');
  reason.className = 'lab-reason';
  const reset = document.createElement('button');
  reset.type = 'button';
  reset.className = 'lab-reset';
  reset.textContent = words.reset;
  reset.hidden = true;
  foot.insertBefore(reset, open);
  foot.append(reason);

  let seq = 0;
  const editor = createEditor({ parent: body, text: original, label: body.dataset.label, onChange: run });
  pre.remove();
  markLines(editor.view, numbers(fig.dataset.changed));
  foldLines(editor.view, fig.dataset.fold);
  reset.addEventListener('click', () => editor.setText(original));
  run(original);

  async function run(text) {
    const mine = ++seq;
    reset.hidden = text === original;
    show('', words.loading);
    let answer;
    try {
      answer = await engine.evaluate(text);
    } catch (e) {
      answer = { error: { msg: `${words.engine}: ${e.message}` } };
    }
    if (mine !== seq) return; // a newer edit is on its way
    if (answer.report) {
      const d = answer.report.decision;
      show(d, words[d] || d, answer.report.reason ? reasonText(answer.report.reason) : '');
      editor.diagnose([]);
    } else {
      const err = answer.error || {};
      show('error', words.error, err.msg || '');
      if (err.line) editor.diagnose([{ line: err.line, col: err.col, message: err.msg }]);
    }
    try {
      open.href = base + '#' + (await encodeFragment(text));
    } catch {
      // too large to share: the link keeps the last text that fitted
    }
  }

  function show(decision, label, why = '') {
    out.dataset.decision = decision;
    out.textContent = label;
    reason.textContent = why;
    fig.classList.toggle('lab-matches', decision === fig.dataset.expect);
  }
}

function numbers(attr) {
  return (attr || '').split(' ').filter(Boolean).map(Number);
}

// foldLines folds the build's ranges ("5-6 9-9": context entries no policy
// of the example uses), each from the end of the line before it, so the
// entry above stays whole and the placeholder opens the fold.
function foldLines(view, attr) {
  const doc = view.state.doc;
  const effects = [];
  for (const r of (attr || '').split(' ').filter(Boolean)) {
    const [a, b] = r.split('-').map(Number);
    if (a < 2 || b > doc.lines || b < a) continue;
    effects.push(foldEffect.of({ from: doc.line(a - 1).to, to: doc.line(b).to }));
  }
  if (effects.length) view.dispatch({ effects });
}

// markLines gives the lines that changed from the previous example a
// background; the marks follow the text as the reader edits.
function markLines(view, lines) {
  if (!lines.length) return;
  const deco = Decoration.line({ class: 'cm-changed' });
  const field = StateField.define({
    create: (state) => Decoration.set(lines.filter((l) => l <= state.doc.lines).map((l) => deco.range(state.doc.line(l).from))),
    update: (set, tr) => set.map(tr.changes),
    provide: (f) => EditorView.decorations.from(f),
  });
  view.dispatch({ effects: StateEffect.appendConfig.of(field) });
}
