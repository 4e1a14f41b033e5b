// Real mode, shared by the flow pages and the playground's "Compare with
// AWS": the switch between the simulated AWS and the learner's account,
// the banner that says which is on, and the credentials of each caller.
//
// Credentials live in this module's memory only: never in the address, a
// share link, localStorage, sessionStorage, IndexedDB, a cookie or the
// console. They go to the flows module with each call (which keeps
// nothing) and leave the page only as SigV4 signatures through the relay.
// "Forget credentials" drops them; so does closing the tab. Before any
// run, GetCallerIdentity says whom they belong to. The rules (parsing
// pasted text, SRP, signing) are the flows module's: this file draws.

import { h, uid } from './dom.js';

const words = {
  en: {
    where: 'Where the calls go',
    simulated: 'Simulated AWS',
    real: 'My AWS account',
    bannerSimulated: 'Simulated: every call stays in this page, on the simulated AWS.',
    bannerReal: 'My AWS account: calls go to AWS through this site’s relay, signed with your credentials. They are kept in this tab’s memory only, never stored or logged.',
    forget: 'Forget credentials',
    forgotten: 'Credentials forgotten.',
    kindKeys: 'Access key',
    kindPaste: 'Paste CLI output',
    kindCognito: 'Cognito sign-in',
    accessKeyId: 'Access key ID',
    secretAccessKey: 'Secret access key',
    sessionToken: 'Session token (temporary credentials only)',
    pasteHelp: 'The output of aws sts get-session-token (or assume-role, or aws configure export-credentials), or AWS_ACCESS_KEY_ID=… lines.',
    userPoolId: 'User pool ID (us-east-1_…)',
    clientId: 'App client ID (no secret, USER_SRP_AUTH)',
    identityPoolId: 'Identity pool ID',
    username: 'User name',
    password: 'Password',
    use: 'Use these credentials',
    checking: 'Asking AWS who these credentials are (GetCallerIdentity)…',
    identity: 'Signed as {arn} (account {account})',
    notSet: 'No credentials yet.',
    failed: 'Refused: {code}: {msg}',
    noRelay: 'There is no relay here: real mode needs the site served by its Cloudflare Worker (make worker-dev).',
    temporary: 'temporary, expires {when}',
  },
  ja: {
    where: '呼び出し先',
    simulated: 'シミュレートされた AWS',
    real: '自分の AWS アカウント',
    bannerSimulated: 'シミュレーション: すべての呼び出しはこのページの中の、シミュレートされた AWS で完結します。',
    bannerReal: '自分の AWS アカウント: 呼び出しはこのサイトのリレーを通って AWS に届き、あなたの認証情報で署名されます。認証情報はこのタブのメモリにだけ置かれ、保存もログ出力もされません。',
    forget: '認証情報を消去',
    forgotten: '認証情報を消去しました。',
    kindKeys: 'アクセスキー',
    kindPaste: 'CLI の出力を貼り付け',
    kindCognito: 'Cognito でサインイン',
    accessKeyId: 'アクセスキー ID',
    secretAccessKey: 'シークレットアクセスキー',
    sessionToken: 'セッショントークン (一時的な認証情報のみ)',
    pasteHelp: 'aws sts get-session-token (または assume-role、aws configure export-credentials) の出力、または AWS_ACCESS_KEY_ID=… の行。',
    userPoolId: 'ユーザープール ID (us-east-1_…)',
    clientId: 'アプリクライアント ID (シークレットなし、USER_SRP_AUTH)',
    identityPoolId: 'ID プール ID',
    username: 'ユーザー名',
    password: 'パスワード',
    use: 'この認証情報を使う',
    checking: 'この認証情報の持ち主を AWS に問い合わせています (GetCallerIdentity)…',
    identity: '{arn} (アカウント {account}) として署名します',
    notSet: '認証情報はまだありません。',
    failed: '拒否されました: {code}: {msg}',
    noRelay: 'ここにはリレーがありません: リアルモードには Cloudflare Worker が配信するサイトが必要です (make worker-dev)。',
    temporary: '一時的な認証情報、{when} に失効',
  },
};

// createRealMode draws the switch, the banner and a credentials form per
// caller ({id, label: {en, ja} or a function}) into el. call(op, ...args) reaches the
// flows module (its worker). lang() is the page's language. onChange(mode)
// runs when the mode or the credentials change.
export function createRealMode({ el, callers, call, lang, onChange = () => {} }) {
  let mode = 'simulated';
  const held = new Map(); // caller id → { credentials, identity }: memory only
  const w = (key, params = {}) => String((words[lang()] || words.en)[key] ?? words.en[key] ?? key)
    .replace(/\{(\w+)\}/g, (m, p) => (p in params ? String(params[p]) : m));
  const name = uid('where');
  const forms = new Map();

  function ready() {
    return mode === 'real' && callers.length > 0 && callers.every((c) => held.get(c.id)?.identity);
  }

  function credentials() {
    const out = {};
    for (const [id, v] of held) if (v.identity) out[id] = v.credentials;
    return out;
  }

  function forget() {
    held.clear();
    for (const f of forms.values()) f.clear();
    render();
    status(w('forgotten'));
    onChange(mode);
  }

  const statusEl = h('p', { class: 'real-status', role: 'status', 'aria-live': 'polite' });
  function status(text) {
    statusEl.textContent = text || '';
  }

  async function setMode(m) {
    mode = m;
    if (m === 'real' && !(await relayHere())) status(w('noRelay'));
    render();
    onChange(mode);
  }

  function render() {
    const pick = (value) => h('label', { class: 'real-choice' },
      h('input', { type: 'radio', name, value, checked: mode === value, 'data-testid': 'mode-' + value, onchange: () => setMode(value) }),
      ' ', w(value));
    const parts = [
      h('fieldset', { class: 'real-switch' }, h('legend', {}, w('where')), pick('simulated'), pick('real')),
      h('p', { class: `real-banner ${mode}`, 'data-testid': 'real-banner', 'data-mode': mode }, w(mode === 'real' ? 'bannerReal' : 'bannerSimulated')),
    ];
    if (mode === 'real') {
      for (const c of callers) {
        let f = forms.get(c.id);
        if (!f) forms.set(c.id, (f = callerForm(c)));
        parts.push(f.render());
      }
      parts.push(h('button', { type: 'button', class: 'real-forget', 'data-testid': 'real-forget', onclick: forget }, w('forget')));
    }
    parts.push(statusEl);
    el.replaceChildren(...parts);
    el.dataset.mode = mode;
    el.dataset.ready = String(ready());
  }

  // callerForm is the credentials form of one caller.
  function callerForm(c) {
    let kind = 'keys';
    const inputs = {};
    const field = (key, type = 'text') => {
      const id = uid('cred');
      inputs[key] ||= h('input', { id, type, autocomplete: 'off', spellcheck: 'false', 'data-testid': 'real-' + key });
      inputs[key].id = id;
      return h('label', { class: 'real-field', for: id }, h('span', {}, w(key)), inputs[key]);
    };
    const paste = h('textarea', { rows: 4, autocomplete: 'off', spellcheck: 'false', 'data-testid': 'real-paste' });
    const out = h('p', { class: 'real-identity', 'data-testid': 'real-identity', 'data-caller': c.id });
    const kinds = ['keys', 'paste', 'cognito'];
    const kindName = uid('kind');

    async function use() {
      let creds;
      out.textContent = w('checking');
      out.classList.remove('refused');
      if (kind === 'keys') {
        creds = { accessKeyId: inputs.accessKeyId.value.trim(), secretAccessKey: inputs.secretAccessKey.value.trim(), sessionToken: inputs.sessionToken.value.trim() };
      } else if (kind === 'paste') {
        const ans = await call('parseCredentials', paste.value);
        if (ans.error) return refused(ans.error);
        creds = ans.credentials;
      } else {
        const login = { userPoolId: inputs.userPoolId.value.trim(), clientId: inputs.clientId.value.trim(), identityPoolId: inputs.identityPoolId.value.trim(),
          username: inputs.username.value.trim(), password: inputs.password.value };
        const ans = await call('cognitoSignIn', JSON.stringify(login), location.origin);
        if (ans.error) return refused(ans.error);
        creds = ans.credentials;
      }
      const ans = await call('whoami', JSON.stringify(creds), location.origin);
      if (ans.error) return refused(ans.error);
      held.set(c.id, { credentials: creds, identity: ans.identity });
      clear();
      show();
      el.dataset.ready = String(ready());
      onChange(mode);
    }

    function refused(e) {
      held.delete(c.id);
      out.textContent = w('failed', { code: e.code, msg: e.msg });
      out.classList.add('refused');
      el.dataset.ready = String(ready());
      onChange(mode);
    }

    function show() {
      const v = held.get(c.id);
      out.classList.remove('refused');
      if (!v) {
        out.textContent = w('notSet');
        delete out.dataset.arn;
        return;
      }
      const exp = v.credentials.expires ? ` — ${w('temporary', { when: v.credentials.expires })}` : '';
      out.textContent = w('identity', { arn: v.identity.arn, account: v.identity.account }) + exp;
      out.dataset.arn = v.identity.arn;
    }

    // clear empties every field: what was typed is not kept in the page.
    function clear() {
      for (const i of Object.values(inputs)) i.value = '';
      paste.value = '';
      show();
    }

    function render() {
      const body = kind === 'keys' ? [field('accessKeyId'), field('secretAccessKey', 'password'), field('sessionToken', 'password')]
        : kind === 'paste' ? [h('label', { class: 'real-field' }, h('span', {}, w('pasteHelp')), paste)]
          : [field('userPoolId'), field('clientId'), field('identityPoolId'), field('username'), field('password', 'password')];
      if (!out.textContent) show();
      return h('fieldset', { class: 'real-caller', 'data-testid': 'real-caller', 'data-caller': c.id },
        h('legend', {}, typeof c.label === 'function' ? c.label() : c.label[lang()] || c.label.en),
        h('div', { class: 'real-kinds', role: 'radiogroup' }, kinds.map((k) => h('label', {},
          h('input', { type: 'radio', name: kindName, value: k, checked: kind === k, 'data-testid': 'real-kind-' + k,
            onchange: () => { kind = k; el.querySelector(`[data-caller="${CSS.escape(c.id)}"]`)?.replaceWith(render()); } }),
          ' ', w('kind' + k[0].toUpperCase() + k.slice(1))))),
        ...body,
        h('button', { type: 'button', class: 'real-use', 'data-testid': 'real-use', onclick: use }, w('use')),
        out);
    }

    return { render, clear: () => { clear(); out.textContent = ''; } };
  }

  render();
  return { mode: () => mode, ready, credentials, forget, render };
}

// relayHere reports whether the page is served with the relay (the
// Worker): it answers a same-origin preflight itself (204), which reaches
// no AWS and counts against no limit; a static server refuses it.
async function relayHere() {
  try {
    const r = await fetch('/relay/sts.amazonaws.com/', { method: 'OPTIONS' });
    return r.status === 204;
  } catch {
    return false;
  }
}
