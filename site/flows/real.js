// Real mode on a flow page: the switch, the banner and the callers'
// credentials (../real.js) above the steps, and runs that send the flow's
// calls to the learner's AWS account through the relay. A real run starts
// only from the run button: an edit never calls AWS by itself.

import { h } from '../dom.js';
import { createRealMode } from '../real.js';
import { pick, w as words } from './words.js';


// setupRealMode adds real mode to the page. els.run is the run button;
// onChange(mode) lets the page clear what the other mode showed.
export async function setupRealMode({ def, call, lang, els, onChange }) {
  const box = h('section', { class: 'real-mode', 'data-testid': 'real-mode', 'aria-label': 'AWS' });
  els.run.closest('.run-bar').before(box);
  const ans = await call('realMode', def.name);
  const spec = ans.mode || { callers: [], unavailable: { en: ans.error?.msg || '', ja: ans.error?.msg || '' } };
  const note = h('div', { class: 'real-notes' });
  const panel = h('div');
  box.append(panel, note);
  const w = (k) => words('real.' + k);

  if (spec.unavailable) {
    box.dataset.unavailable = 'true';
    note.replaceChildren(h('p', { class: 'help', 'data-testid': 'real-unavailable' }, pick(spec.unavailable)));
    return { active: () => false, run: null, render: () => note.replaceChildren(h('p', { class: 'help', 'data-testid': 'real-unavailable' }, pick(spec.unavailable))) };
  }

  const real = createRealMode({
    el: panel, callers: spec.callers, call, lang,
    onChange: (mode) => {
      notes(mode);
      els.run.disabled = mode === 'real' && !real.ready();
      els.run.title = els.run.disabled ? w('notReady') : '';
      onChange(mode);
    },
  });

  function notes(mode) {
    note.replaceChildren(...(mode === 'real' ? [
      h('p', { class: 'help' }, w('needs'), pick(spec.needs)),
      h('p', { class: 'help' }, w('editsNote')),
    ] : []));
  }

  return {
    active: () => real.mode() === 'real',
    // run runs the flow in the learner's account: {result} as run answers.
    run: (edits) => call('runReal', def.name, JSON.stringify(edits), JSON.stringify(real.credentials()), location.origin),
    render: () => {
      real.render();
      notes(real.mode());
    },
  };
}
