// The flow pages' words in English and Japanese. The engine's reason codes
// are translated by the playground's i18n.js (reason), which this reads.

const en = {
  lab: 'IAM Lab',
  flows: 'Flows',
  playground: 'Playground',
  language: 'Language',
  theme: 'Theme',
  themeSystem: 'System',
  themeLight: 'Light',
  themeDark: 'Dark',
  runAll: 'Run every step',
  running: 'Running…',
  loading: 'Loading the simulated AWS…',
  ready: 'Ready: {n} steps.',
  ran: 'Ran {n} steps in {ms} ms.',
  share: 'Share',
  shareCopied: 'Link copied to the clipboard.',
  shareShown: 'Copy this link:',
  policies: 'Policies of the flow',
  policiesHelp: 'Edit any policy: the flow runs again from the first step it affects.',
  reset: 'Reset',
  steps: 'Steps',
  config: 'How each step builds its aws.Config',
  expect: 'expected: {v}',
  outcomeOk: 'OK',
  outcomeSkipped: 'skipped (an earlier step did not succeed)',
  notRun: 'not run yet',
  matchesExpect: 'as expected',
  differsExpect: 'differs from what the flow expects',
  code: 'Go (aws-sdk-go-v2)',
  http: 'HTTP',
  request: 'Request',
  response: 'Response',
  bodyBinary: '{n} bytes of binary data',
  noHTTP: 'No HTTP call.',
  authorizations: 'Authorization',
  noChecks: 'No authorization was needed for this call.',
  noChecksReal: 'AWS answers without saying how it decided: the simulated mode shows the engine’s trace of this call.',
  real: {
    needs: 'What must exist in the account: ',
    editsNote: 'In your account, your account’s policies decide: edits of the flow’s policies apply to simulated runs, and to the policies a step sends itself.',
    notReady: 'Give credentials for every caller first.',
  },
  openPlayground: 'Open in playground',
  notes: 'Notes',
  setupRefused: '{slot}: {code}: {msg}',
  setupAt: ' (line {line}, column {col})',
  linkRefused: 'This link cannot be opened: {why}',
  linkOtherFlow: 'the link is for another flow ({flow})',
  flowList: 'The source document’s flows, step by step, on the simulated AWS',
  decisions: { allowed: 'Allowed', explicitDeny: 'Explicit deny', implicitDeny: 'Implicit deny' },
  kinds: { user: 'IAM user', role: 'IAM role', roleSession: 'role session', federatedUser: 'federated user', root: 'root user', service: 'AWS service', anonymous: 'anonymous', identityProvider: 'identity provider' },
  caller: 'Caller: {kind} {arn}',
  context: 'Request context',
};

const ja = {
  lab: 'IAM Lab',
  flows: 'フロー',
  playground: 'プレイグラウンド',
  language: '言語',
  theme: 'テーマ',
  themeSystem: 'システム',
  themeLight: 'ライト',
  themeDark: 'ダーク',
  runAll: 'すべてのステップを実行',
  running: '実行中…',
  loading: 'シミュレートされた AWS を読み込んでいます…',
  ready: '準備完了: {n} ステップ',
  ran: '{n} ステップを {ms} ms で実行しました。',
  share: '共有',
  shareCopied: 'リンクをクリップボードにコピーしました。',
  shareShown: 'このリンクをコピーしてください:',
  policies: 'フローのポリシー',
  policiesHelp: 'どのポリシーも編集できます。影響する最初のステップからフローが再実行されます。',
  reset: '元に戻す',
  steps: 'ステップ',
  config: '各ステップの aws.Config の作り方',
  expect: '想定: {v}',
  outcomeOk: 'OK',
  outcomeSkipped: 'スキップ (前のステップが成功しなかった)',
  notRun: '未実行',
  matchesExpect: '想定どおり',
  differsExpect: 'フローの想定と異なる',
  code: 'Go (aws-sdk-go-v2)',
  http: 'HTTP',
  request: 'リクエスト',
  response: 'レスポンス',
  bodyBinary: '{n} バイトのバイナリデータ',
  noHTTP: 'HTTP 呼び出しはありません。',
  authorizations: '認可',
  noChecks: 'この呼び出しに認可は必要ありませんでした。',
  noChecksReal: 'AWS は判定の理由を返しません。この呼び出しのエンジンのトレースはシミュレーションモードで見られます。',
  real: {
    needs: 'アカウントに必要なもの: ',
    editsNote: 'あなたのアカウントでは、アカウントのポリシーが判定します。フローのポリシーの編集はシミュレーションの実行と、ステップ自身が送るポリシーに効きます。',
    notReady: '先にすべての呼び出し元の認証情報を入れてください。',
  },
  openPlayground: 'プレイグラウンドで開く',
  notes: 'メモ',
  setupRefused: '{slot}: {code}: {msg}',
  setupAt: ' ({line} 行 {col} 列)',
  linkRefused: 'このリンクは開けません: {why}',
  linkOtherFlow: '別のフロー ({flow}) のリンクです',
  flowList: '元の文書のフローを、シミュレートされた AWS で 1 ステップずつ',
  decisions: { allowed: '許可', explicitDeny: '明示的な拒否', implicitDeny: '暗黙的な拒否' },
  kinds: { user: 'IAM ユーザー', role: 'IAM ロール', roleSession: 'ロールセッション', federatedUser: 'フェデレーションユーザー', root: 'ルートユーザー', service: 'AWS サービス', anonymous: '匿名', identityProvider: 'ID プロバイダー' },
  caller: '呼び出し元: {kind} {arn}',
  context: 'リクエストコンテキスト',
};

const dictionaries = { en, ja };
let lang = 'en';

export function setWordsLanguage(l) {
  lang = l === 'ja' ? 'ja' : 'en';
}

// w returns the words of a key ("a.b" for nested ones) with {params}.
export function w(key, params = {}) {
  const look = (d) => key.split('.').reduce((o, k) => (o && typeof o === 'object' ? o[k] : undefined), d);
  const v = look(dictionaries[lang]) ?? look(en) ?? key;
  return String(v).replace(/\{(\w+)\}/g, (m, p) => (p in params ? String(params[p]) : m));
}

// pick returns a flow's text ({en, ja}) in the page's language.
export function pick(text) {
  if (!text) return '';
  return text[lang] || text.en || '';
}

// keys lists every key of a dictionary, for the test that both languages
// have the same words.
export function keys(l) {
  const out = [];
  const walk = (o, p) => Object.entries(o).forEach(([k, v]) => (typeof v === 'object' ? walk(v, p + k + '.') : out.push(p + k)));
  walk(dictionaries[l], '');
  return out.sort();
}
