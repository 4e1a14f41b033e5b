// An exercise, upgraded in place. The build left the task readable without
// scripts (prompt, goals, the starting policy); here the reader answers and
// the playground's WebAssembly engine checks the answer. Nothing is decided
// in JavaScript: a prediction is compared with the engine's decision, and a
// policy is put into each goal's scenario (which the build prepared, with
// the starting policy at data.edit) and evaluated there. A wrong answer says
// which goal gives which decision; a right one sets data-solved="true" and
// records the exercise in the reader's progress.

import { createEditor } from '../../editor.js';
import { setLanguage, reason as reasonText } from '../../i18n.js';
import { getEngine } from './engine.js';
import { markSolved } from './progress.js';

const WORDS = {
  en: {
    decisions: { allowed: 'allowed', explicitDeny: 'explicit deny', implicitDeny: 'implicit deny', denied: 'denied' },
    choose: 'Choose an answer first.',
    checking: 'Asking the engine…',
    right: 'Right: the engine says {d}.',
    wrong: 'Not {d}. Read the scenario again, then try another answer.',
    reveal: 'The engine says {d}.',
    solved: 'Every goal holds. Solved!',
    failing: '{n} of {total} goals do not hold yet:',
    goal: '{say}: wants {want}, the engine says {got}{why}.',
    invalid: 'The policy cannot be evaluated: {msg}',
    linter: 'The linter says:',
    why: ' ({r})',
    engine: 'The engine could not start',
  },
  ja: {
    decisions: { allowed: '許可', explicitDeny: '明示的な拒否', implicitDeny: '暗黙的な拒否', denied: '拒否' },
    choose: '先に答えを選んでください。',
    checking: 'エンジンに問い合わせています…',
    right: '正解です。エンジンの判定は「{d}」です。',
    wrong: '「{d}」ではありません。シナリオをもう一度読んで、別の答えを選んでみてください。',
    reveal: 'エンジンの判定は「{d}」でした。',
    solved: 'すべての条件を満たしました。正解です。',
    failing: '{total} 個の条件のうち、{n} 個がまだ満たされていません。',
    goal: '{say}: 求める結果は「{want}」、エンジンの判定は「{got}」{why}。',
    invalid: 'このポリシーは評価できません: {msg}',
    linter: 'ポリシーチェックの指摘:',
    why: '({r})',
    engine: 'エンジンを起動できませんでした',
  },
};

function fill(s, params) {
  return s.replace(/\{(\w+)\}/g, (m, k) => (k in params ? params[k] : m));
}

export function upgrade(section, root) {
  const lang = document.documentElement.lang;
  const words = WORDS[lang] || WORDS.en;
  setLanguage(lang);
  const data = JSON.parse(section.querySelector('.ex-data').textContent);
  const page = document.querySelector('article[data-page]')?.dataset.page || '';
  const engine = getEngine(root);
  const bar = section.querySelector('.ex-bar');
  const check = section.querySelector('.ex-check');
  const feedback = section.querySelector('.ex-feedback');
  const hint = section.querySelector('.ex-hint');
  const explain = section.querySelector('.ex-explain');
  section.querySelector('.ex-noscript').hidden = true;
  bar.hidden = false;

  const say = (...nodes) => feedback.replaceChildren(...nodes);
  const para = (text, cls) => {
    const p = document.createElement('p');
    if (cls) p.className = cls;
    p.textContent = text;
    return p;
  };
  const solve = () => {
    section.dataset.solved = 'true';
    section.querySelector('.ex-done').hidden = false;
    if (hint) hint.hidden = true;
    if (explain) explain.hidden = false;
    markSolved(page, data.id);
  };
  const fail = () => {
    if (section.dataset.solved !== 'true') section.dataset.solved = 'false';
    if (hint) hint.hidden = false;
  };
  const ask = async (text) => {
    try {
      return await engine.evaluate(text);
    } catch (e) {
      return { error: { msg: `${words.engine}: ${e.message}` } };
    }
  };

  if (data.kind === 'predict') {
    predict();
  } else {
    policy();
  }

  function predict() {
    const choices = section.querySelector('.ex-choices');
    choices.hidden = false;
    let wrong = 0;
    check.addEventListener('click', async () => {
      const chosen = choices.querySelector('input:checked')?.value;
      if (!chosen) return say(para(words.choose));
      say(para(words.checking));
      const answer = await ask(data.scenario);
      if (!answer.report) return say(para(fill(words.invalid, { msg: answer.error?.msg || '' }), 'ex-bad'));
      const d = answer.report.decision;
      const why = answer.report.reason ? reasonText(answer.report.reason) : '';
      if (chosen === d) {
        solve();
        return say(para(fill(words.right, { d: words.decisions[d] }), 'ex-good'), para(why));
      }
      wrong++;
      fail();
      const lines = [para(fill(words.wrong, { d: words.decisions[chosen] }), 'ex-bad')];
      // After two wrong answers the engine's answer helps more than a third guess.
      if (wrong >= 2) lines.push(para(fill(words.reveal, { d: words.decisions[d] })), para(why));
      say(...lines);
    });
  }

  function policy() {
    const box = section.querySelector('.ex-editor');
    const pre = box.querySelector('pre');
    const editor = createEditor({ parent: box, text: data.start, label: box.dataset.label, onChange: () => {} });
    pre.remove();
    const goals = [...section.querySelectorAll('.ex-goal')];
    const reset = section.querySelector('.ex-reset');
    const show = section.querySelector('.ex-show');
    reset.addEventListener('click', () => editor.setText(data.start));
    show.addEventListener('click', () => editor.setText(data.solution));
    check.addEventListener('click', run);

    async function run() {
      check.disabled = true;
      say(para(words.checking));
      try {
        await evaluateGoals();
      } finally {
        check.disabled = false;
      }
    }

    async function evaluateGoals() {
      const text = editor.text();
      const failing = [];
      editor.diagnose([]);
      for (const [i, goal] of data.goals.entries()) {
        const s = structuredClone(goal.scenario);
        setAt(s, data.edit, text);
        const answer = await ask(JSON.stringify(s));
        if (!answer.report) {
          const err = answer.error || {};
          const at = err.policy || err;
          if (at.line) editor.diagnose([{ line: at.line, col: at.col, message: at.msg || err.msg }]);
          fail();
          show.hidden = false;
          return say(para(fill(words.invalid, { msg: at.msg || err.msg || '' }), 'ex-bad'));
        }
        const d = answer.report.decision;
        const li = goals[i];
        const out = li.querySelector('.ex-got');
        out.dataset.decision = d;
        out.textContent = words.decisions[d] || d;
        const ok = goal.want === 'denied' ? d !== 'allowed' : d === goal.want;
        li.classList.toggle('ex-ok', ok);
        li.classList.toggle('ex-miss', !ok);
        if (!ok) {
          failing.push({
            say: li.querySelector('.ex-say').textContent,
            want: words.decisions[goal.want],
            got: words.decisions[d] || d,
            why: answer.report.reason ? fill(words.why, { r: reasonText(answer.report.reason) }) : '',
          });
        }
      }
      const lines = [];
      if (failing.length === 0) {
        solve();
        lines.push(para(words.solved, 'ex-good'));
      } else {
        fail();
        show.hidden = false;
        lines.push(para(fill(words.failing, { n: failing.length, total: data.goals.length }), 'ex-bad'));
        const ul = document.createElement('ul');
        for (const f of failing) {
          const li = document.createElement('li');
          li.textContent = fill(words.goal, f);
          ul.append(li);
        }
        lines.push(ul);
      }
      if (data.lint) lines.push(...(await linted(text)));
      say(...lines);
    }

    // said is a finding in the page's language (the module words it).
    const said = (f) => f.text?.[lang] || f.message;

    // linted runs the linter on the first goal's scenario and lists what it
    // says about the edited policy, with the places marked in the editor.
    async function linted(text) {
      const s = structuredClone(data.goals[0].scenario);
      setAt(s, data.edit, text);
      let findings = [];
      try {
        findings = (await engine.lint(JSON.stringify(s))).findings || [];
      } catch {
        return [];
      }
      const where = pathOf(data.edit);
      const mine = findings.filter((f) => f.path === where && f.policyLine && f.severity !== 'suggestion');
      if (!mine.length) return [];
      editor.diagnose(mine.map((f) => ({
        line: f.policyLine, col: f.policyCol, endLine: f.policyEndLine, endCol: f.policyEndCol,
        message: said(f), severity: f.severity === 'error' ? 'error' : 'warning',
      })));
      const ul = document.createElement('ul');
      ul.className = 'ex-lint';
      for (const f of mine) {
        const li = document.createElement('li');
        const code = document.createElement('code');
        code.textContent = f.code;
        li.append(code, ` ${said(f)}`);
        ul.append(li);
      }
      return [para(words.linter), ul];
    }
  }
}

// setAt puts value at path (keys and indexes) in a decoded JSON value.
function setAt(obj, path, value) {
  let o = obj;
  for (const step of path.slice(0, -1)) o = o[step];
  o[path[path.length - 1]] = value;
}

// pathOf names the edited policy as the linter does: resourcePolicy,
// identityPolicies[0], serviceControlPolicies[1].policies[0].
function pathOf(path) {
  let s = '';
  for (const step of path.slice(0, -1)) s += typeof step === 'number' ? `[${step}]` : (s ? '.' : '') + step;
  return s;
}
