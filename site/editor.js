// A CodeMirror 6 JSON editor for one policy: highlighting, bracket
// matching, diagnostics, format on demand, and moving the cursor to a
// line and column the engine reported.

import { EditorState, Compartment, Annotation, Transaction } from '@codemirror/state';
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
  highlightSpecialChars,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import {
  bracketMatching, indentOnInput, syntaxHighlighting, HighlightStyle, foldGutter, foldKeymap,
} from '@codemirror/language';
import { closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { searchKeymap, highlightSelectionMatches } from '@codemirror/search';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { tags } from '@lezer/highlight';

// Colours come from CSS variables so that one style serves light and dark.
const highlight = HighlightStyle.define([
  { tag: tags.propertyName, color: 'var(--syn-key)' },
  { tag: tags.string, color: 'var(--syn-string)' },
  { tag: tags.number, color: 'var(--syn-number)' },
  { tag: [tags.bool, tags.null], color: 'var(--syn-keyword)' },
  { tag: tags.invalid, color: 'var(--syn-invalid)' },
]);

// quiet marks a change the page made itself (an AWS managed policy's text
// arriving): it is not the user's edit, so onChange does not hear it.
const quiet = Annotation.define();

// createEditor makes an editor in parent. onChange(text) runs after each
// edit; onFormat lets the keyboard shortcut report a failure.
export function createEditor({ parent, text, label, readOnly = false, onChange = () => {} }) {
  const labelled = new Compartment();
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(),
        foldGutter(),
        lintGutter(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        highlightActiveLine(),
        highlightActiveLineGutter(),
        highlightSelectionMatches(),
        syntaxHighlighting(highlight),
        json(),
        EditorView.lineWrapping,
        EditorState.tabSize.of(2),
        EditorState.readOnly.of(readOnly),
        labelled.of(EditorView.contentAttributes.of({ 'aria-label': label })),
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...foldKeymap]),
        EditorView.domEventHandlers({ beforeinput: insertLines }),
      ],
    }),
    // The new text goes to the engine before the editor redraws, so that
    // the worker evaluates while the main thread updates the DOM.
    dispatchTransactions(trs, view) {
      const last = trs[trs.length - 1];
      if (trs.some((tr) => tr.docChanged && !tr.annotation(quiet))) onChange(last.newDoc.toString());
      view.update(trs);
    },
  });
  view.dom.classList.add('policy-editor');

  return {
    view,
    text: () => view.state.doc.toString(),
    setLabel(l) {
      view.dispatch({ effects: labelled.reconfigure(EditorView.contentAttributes.of({ 'aria-label': l })) });
    },
    // setText replaces the text as an edit (undoable, heard by onChange);
    // showText shows a text the page loaded, as no edit at all.
    setText(t) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: t } });
    },
    showText(t) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: t }, annotations: [quiet.of(true), Transaction.addToHistory.of(false)] });
    },
    // format re-indents the JSON; it reports false when the text does not parse.
    format() {
      let v;
      try {
        v = JSON.parse(view.state.doc.toString());
      } catch {
        return false;
      }
      const out = JSON.stringify(v, null, 2);
      if (out !== view.state.doc.toString()) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: out } });
      return true;
    },
    // diagnose shows [{line, col, endLine?, endCol?, message, severity}]
    // (1-based, columns in code points as the engine counts them); without
    // an end, the token at the start is underlined.
    diagnose(list) {
      const diags = list.map((d) => {
        const from = offsetOf(view.state, d.line, d.col);
        const end = d.endLine ? offsetOf(view.state, d.endLine, d.endCol) : 0;
        return { from, to: end > from ? end : wordEnd(view.state, from), severity: d.severity || 'error', message: d.message };
      });
      view.dispatch(setDiagnostics(view.state, diags));
    },
    // reveal puts the cursor at line/col.
    reveal({ line, col }) {
      const at = offsetOf(view.state, line, col);
      view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
      view.focus();
    },
    destroy: () => view.destroy(),
  };
}

// insertLines puts text of several lines that arrives as typed input (an
// input method, dictation, an assistive tool or a test driver's insertText;
// not a paste, which CodeMirror reads from the clipboard) into the editor
// in one change. Left to the browser, Chrome inserts such text into the
// editable DOM a line at a time, each line laid out again: minutes for a
// policy of a few thousand lines, before CodeMirror or the engine see it.
function insertLines(e, view) {
  if (e.inputType !== 'insertText' || !e.data || !e.data.includes('\n') || view.state.readOnly) return false;
  e.preventDefault();
  view.dispatch(view.state.replaceSelection(e.data), { userEvent: 'input', scrollIntoView: true });
  return true;
}

// offsetOf converts a 1-based line and a column in code points to a
// document offset (UTF-16), clamped to the document.
export function offsetOf(state, line, col) {
  const doc = state.doc;
  const l = doc.line(Math.min(Math.max(1, line || 1), doc.lines));
  let off = 0;
  let cps = 1;
  const text = l.text;
  while (cps < (col || 1) && off < text.length) {
    off += text.codePointAt(off) > 0xffff ? 2 : 1;
    cps++;
  }
  return l.from + off;
}

// wordEnd is the end of the token at from (a string or a bare word), so
// that a diagnostic underlines it; at least one character, within the line.
function wordEnd(state, from) {
  const line = state.doc.lineAt(from);
  const m = /^("([^"\\]|\\.)*"?|[^\s,:\]}]+)/.exec(line.text.slice(from - line.from));
  return Math.min(line.to, from + Math.max(1, m ? m[0].length : 1));
}
