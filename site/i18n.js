// The page's words in English and Japanese, and the engine's reason codes
// translated. Language: ?lang=, else the last choice, else the browser's.

const en = {
  title: 'IAM Lab',
  tagline: 'Playground',
  examples: 'Examples',
  examplesPick: 'Load an example…',
  import: 'Import',
  export: 'Export',
  share: 'Share',
  shareCopied: 'Link copied to the clipboard.',
  shareShown: 'Copy this link:',
  shareTooLarge: 'No link: {why}. Export it as a file instead.',
  language: 'Language',
  theme: 'Theme',
  themeSystem: 'System',
  themeLight: 'Light',
  themeDark: 'Dark',
  shortcuts: 'Keyboard shortcuts',
  close: 'Close',
  policies: 'Policies',
  identityPolicies: 'Identity-based policies',
  identityHelp: 'Managed and inline policies of the user or role, and of the user’s groups.',
  addInline: 'Add inline policy',
  addManaged: 'Add AWS managed policy',
  managedPick: 'AWS managed policy name',
  managedAdd: 'Add',
  managedUnknown: 'No AWS managed policy has this name.',
  managedLoading: 'Loading the list of AWS managed policies…',
  permissionsBoundary: 'Permissions boundary',
  sessionPolicy: 'Session policy',
  resourcePolicy: 'Resource-based policy',
  resourceHelp: 'Bucket policy, key policy, role trust policy, queue policy…',
  scps: 'Service control policies (SCPs)',
  scpHelp: 'One level per entry, from the organization root down to the account. Each level must allow.',
  rcps: 'Resource control policies (RCPs)',
  rcpHelp: 'One level per entry, from the root down to the resource’s account. RCPFullAWSAccess is implied.',
  add: { boundary: 'Add a permissions boundary', session: 'Add a session policy', resource: 'Add a resource-based policy' },
  remove: 'Remove',
  format: 'Format',
  formatFailed: 'Cannot format: the text is not valid JSON yet.',
  policyName: 'Policy name',
  addLevel: 'Add level',
  levelTarget: 'Target (root, OU or account)',
  addPolicy: 'Add policy',
  noPolicies: 'No policies.',
  editorLabel: 'Policy document: {name}',
  managedLabel: 'AWS managed policy {name} (read only)',
  request: 'Request',
  principal: 'Principal',
  principalPreset: 'Principal preset',
  presetPick: 'Preset…',
  presetUser: 'IAM user',
  presetRole: 'Role session',
  presetOther: 'User of another account',
  presetService: 'AWS service',
  presetAnonymous: 'Anonymous',
  action: 'Action',
  resource: 'Resource',
  resourceAccount: 'Resource account',
  optional: 'optional',
  arnPatterns: 'ARN patterns of {action}:',
  noResourceTypes: '{action} takes no resource: use "*".',
  context: 'Context keys',
  contextKey: 'Key',
  contextValue: 'Value',
  contextValueHelp: 'A string, or a JSON array such as ["a","b"]',
  addContext: 'Add key',
  keysOfAction: 'Keys {action} supports',
  decision: 'Decision',
  loading: 'Loading the engine…',
  evaluating: 'Evaluating…',
  allowed: 'Allowed',
  explicitDeny: 'Explicit deny',
  implicitDeny: 'Implicit deny',
  error: 'Cannot evaluate',
  evaluateHint: 'The decision follows every edit.',
  trace: 'Trace',
  lintTitle: 'Policy checks:',
  lintNone: 'no findings',
  lintAbout: 'What {code} checks',
  lintCount: {
    error: '{n} error', errors: '{n} errors', securitywarning: '{n} security warning', securitywarnings: '{n} security warnings',
    warning: '{n} warning', warnings: '{n} warnings', suggestion: '{n} suggestion', suggestions: '{n} suggestions',
  },
  derivedContext: 'Request context',
  derived: 'filled in',
  blockedBy: 'Blocked by',
  decidedBy: 'Decided by',
  statement: 'Statement {n}',
  matched: 'matched',
  notMatched: 'not matched',
  moreStatements: 'Show the other {n} statements',
  notApplicable: 'does not apply',
  policyAllows: 'allows',
  policyDenies: 'denies',
  policyNoEffect: 'no effect',
  condition: 'Condition {op} on {key}: policy wants {want}; request has {got}',
  conditionAbsent: 'absent',
  conditionValues: 'policy wants {want}; request has {got}',
  matchNone: 'no entry matches',
  matchNoneExcluded: 'no entry excludes the request',
  grant: { direct: 'names the caller itself', role: 'names the caller’s role', account: 'names the caller’s account' },
  whatWouldChange: 'What would change the decision',
  unresolved: 'unresolved variable {v}',
  goToStatement: 'Show statement {n} of {policy} in its editor',
  types: {
    identity: 'Identity-based policy',
    boundary: 'Permissions boundary',
    session: 'Session policy',
    resource: 'Resource-based policy',
    trust: 'Role trust policy',
    scp: 'SCP',
    rcp: 'RCP',
  },
  kinds: { user: 'IAM user', role: 'IAM role', roleSession: 'role session', federatedUser: 'federated user', root: 'root user', service: 'AWS service', anonymous: 'anonymous', identityProvider: 'identity provider' },
  level: 'level {n}',
  caller: 'Caller: {kind}',
  sameAccount: 'same account',
  crossAccount: 'cross-account',
  linkRefused: 'This link cannot be opened: {why}',
  importRefused: 'This file cannot be imported: {why}',
  importProblems: 'Some fields were not imported:',
  editToContinue: 'Edit the scenario or pick an example to continue.',
  invalidJSON: 'it is not valid JSON ({msg})',
  notObject: 'it is not a scenario (a JSON object)',
  tooLarge: 'it is larger than {n} KiB',
  tooDeep: 'it is nested too deeply',
  shareErr: {
    empty: 'the link carries no scenario',
    format: 'it is not a scenario link (it should start with #v1.)',
    version: 'it was made by a newer version of IAM Lab (link version {v}; this page reads version 1): open it with that version',
    encodeTooLarge: 'the scenario is larger than 256 KiB, or compresses to more than 64 KiB',
    tooLong: 'the link is longer than 64 KiB',
    base64: 'the link is damaged (not base64url)',
    deflate: 'the link is damaged (its data does not unpack)',
    tooLarge: 'its scenario is larger than 256 KiB once unpacked',
    utf8: 'its scenario is not UTF-8 text',
  },
  field: {
    type: '{path}: must be {want}',
    name: '{path}: not a valid policy name (letters, digits and +=,.@_- , up to 128)',
    managedArn: '{path}: not an AWS managed policy ARN',
    noDocument: '{path}: has neither "document" nor "arn"',
    tooMany: '{path}: more than {n} entries',
  },
  inPolicy: 'in {policy}, line {line}, column {col}',
  atScenario: 'at line {line}, column {col} of the scenario',
  engineFailed: 'The engine could not start: {msg}',
  keys: {
    evaluate: 'Evaluate now',
    format: 'Format the focused policy',
    share: 'Copy the share link',
    help: 'Show this list',
    search: 'Search in an editor',
    undo: 'Undo / redo in an editor',
    tabOut: 'Move to the next / previous field (Tab does not indent in editors)',
  },
  examplesList: {},
  paste: { title: 'Paste JSON or a link', body: 'Paste a scenario, a policy document, the output of aws iam get-account-authorization-details, or a share link.', placeholder: '{ "request": … } or https://…#v1.…', import: 'Import' },
  pasteButton: 'Paste',
  cancel: 'Cancel',
  replace: {
    title: 'Replace your scenario?',
    body: 'You have edited this scenario. Loading {what} replaces it. Export it first to keep a copy.',
    keep: 'Keep mine',
    replace: 'Replace',
    example: 'the example “{name}”',
    file: 'the file {name}',
    pasted: 'the pasted text',
    link: 'the link you opened',
  },
  pickSlot: { title: 'Where does this policy go?', body: 'The file holds a policy document, not a scenario. Put it in:' },
  slotNames: { identity: 'Identity-based policies', boundary: 'Permissions boundary', session: 'Session policy', resource: 'Resource-based policy', scp: 'Service control policies', rcp: 'Resource control policies' },
  pickPrincipal: { title: 'Import a user or role', body: 'The file lists an account’s users and roles. Take the policies and permissions boundary of:', take: 'Import', count: '{n} policies' },
  account: { empty: 'the file lists no user or role' },
  linkTooLarge: 'This scenario is too large for a share link ({why}): the address no longer carries it. Your work is saved in this browser and a reload restores it; use Export to keep a file.',
  notSaved: 'Your work could not be saved in this browser (storage is full or disabled): export it to keep it.',
  restored: 'Your last work was restored.',
  exampleTeaches: 'What it shows:',
  exampleTry: 'Try:',
  exampleTutorial: 'Read the tutorial',
  tutorials: 'Tutorials',
  resourceAccountUsed: 'Used: {account} ({how})',
  resourceAccountSame: 'the caller’s account',
  resourceAccountOther: 'another account than the caller’s',
  allows: {
    title: 'What does this allow?',
    pattern: 'Service or action pattern',
    decide: 'Decide',
    help: 'Decides every action of a service (or a pattern such as s3:Put*) with these policies, this principal, resource and context.',
    access: 'Access level',
    summary: '{n} actions of {pattern}: {allowed} allowed, {explicitDeny} explicitly denied, {implicitDeny} implicitly denied.',
    truncated: '(the first of {total})',
    none: 'No action of the catalog matches {pattern}.',
  },
  compare: {
    title: 'Compare with AWS',
    intro: 'Ask IAM’s policy simulator the same question and see its decision beside the engine’s.',
    run: 'Compare with AWS',
    loading: 'Loading the AWS SDK module…',
    asking: 'Asking IAM…',
    ours: 'IAM Lab',
    custom: 'AWS, these policies (SimulateCustomPolicy)',
    principal: 'AWS, {arn}’s policies in the account (SimulatePrincipalPolicy)',
    same: 'same as IAM Lab',
    differs: 'differs from IAM Lab',
    matched: 'Decided by: ',
    missing: 'AWS missed context keys: ',
    notes: 'What the simulator was and was not given',
    you: 'Your credentials',
    notReady: 'Give your credentials first.',
    simulatedAccount: '(the simulated account)',
    yourAccount: '(your account)',
    line: '{policy} line {line}',
    decisions: { allowed: 'Allowed', explicitDeny: 'Explicit deny', implicitDeny: 'Implicit deny' },
  },
  importErr: {
    json: 'it is not valid JSON ({msg}, line {line}, column {col})',
    tooDeep: 'it is nested too deeply',
    utf8: 'it is not UTF-8 text',
    size: 'it is larger than {kib} KiB',
    notObject: 'it is not a JSON object',
    kind: 'it is neither a scenario (with "request"), nor a policy (with "Statement"), nor the output of aws iam get-account-authorization-details',
    type: '{path}: must be {want}',
    noDocument: '{path}: has neither "document" nor "arn"',
    tooMany: '{path}: more than {n} entries',
    tooManyLevels: '{path}: more than {n} levels',
  },
};

const ja = {
  title: 'IAM Lab',
  tagline: 'プレイグラウンド',
  examples: 'サンプル',
  examplesPick: 'サンプルを読み込む…',
  import: '読み込み',
  export: '書き出し',
  share: '共有',
  shareCopied: 'リンクをクリップボードにコピーしました。',
  shareShown: 'このリンクをコピーしてください:',
  shareTooLarge: 'リンクにできません: {why}。ファイルに書き出してください。',
  language: '言語',
  theme: 'テーマ',
  themeSystem: 'システム',
  themeLight: 'ライト',
  themeDark: 'ダーク',
  shortcuts: 'キーボードショートカット',
  close: '閉じる',
  policies: 'ポリシー',
  identityPolicies: 'アイデンティティベースのポリシー',
  identityHelp: 'ユーザーまたはロールの管理ポリシーとインラインポリシー、ユーザーが属するグループのポリシー。',
  addInline: 'インラインポリシーを追加',
  addManaged: 'AWS 管理ポリシーを追加',
  managedPick: 'AWS 管理ポリシー名',
  managedAdd: '追加',
  managedUnknown: 'この名前の AWS 管理ポリシーはありません。',
  managedLoading: 'AWS 管理ポリシーの一覧を読み込んでいます…',
  permissionsBoundary: 'アクセス許可の境界',
  sessionPolicy: 'セッションポリシー',
  resourcePolicy: 'リソースベースのポリシー',
  resourceHelp: 'バケットポリシー、キーポリシー、ロールの信頼ポリシー、キューポリシーなど。',
  scps: 'サービスコントロールポリシー (SCP)',
  scpHelp: '組織のルートからアカウントまで、階層ごとに 1 エントリ。すべての階層で許可が必要です。',
  rcps: 'リソースコントロールポリシー (RCP)',
  rcpHelp: 'ルートからリソースのアカウントまで、階層ごとに 1 エントリ。RCPFullAWSAccess は暗黙に付いています。',
  add: { boundary: 'アクセス許可の境界を追加', session: 'セッションポリシーを追加', resource: 'リソースベースのポリシーを追加' },
  remove: '削除',
  format: '整形',
  formatFailed: '整形できません: まだ正しい JSON ではありません。',
  policyName: 'ポリシー名',
  addLevel: '階層を追加',
  levelTarget: 'ターゲット (ルート、OU、アカウント)',
  addPolicy: 'ポリシーを追加',
  noPolicies: 'ポリシーはありません。',
  editorLabel: 'ポリシードキュメント: {name}',
  managedLabel: 'AWS 管理ポリシー {name} (読み取り専用)',
  request: 'リクエスト',
  principal: 'プリンシパル',
  principalPreset: 'プリンシパルのプリセット',
  presetPick: 'プリセット…',
  presetUser: 'IAM ユーザー',
  presetRole: 'ロールセッション',
  presetOther: '別アカウントのユーザー',
  presetService: 'AWS サービス',
  presetAnonymous: '匿名',
  action: 'アクション',
  resource: 'リソース',
  resourceAccount: 'リソースのアカウント',
  optional: '省略可',
  arnPatterns: '{action} の ARN パターン:',
  noResourceTypes: '{action} はリソースを取りません。"*" を指定してください。',
  context: 'コンテキストキー',
  contextKey: 'キー',
  contextValue: '値',
  contextValueHelp: '文字列、または ["a","b"] のような JSON 配列',
  addContext: 'キーを追加',
  keysOfAction: '{action} が対応するキー',
  decision: '判定',
  loading: 'エンジンを読み込んでいます…',
  evaluating: '評価しています…',
  allowed: '許可',
  explicitDeny: '明示的な拒否',
  implicitDeny: '暗黙的な拒否',
  error: '評価できません',
  evaluateHint: '判定は編集のたびに更新されます。',
  trace: 'トレース',
  lintTitle: 'ポリシーのチェック:',
  lintNone: '指摘なし',
  lintAbout: '{code} のチェック内容',
  lintCount: {
    error: 'エラー {n} 件', errors: 'エラー {n} 件', securitywarning: 'セキュリティ警告 {n} 件', securitywarnings: 'セキュリティ警告 {n} 件',
    warning: '警告 {n} 件', warnings: '警告 {n} 件', suggestion: '提案 {n} 件', suggestions: '提案 {n} 件',
  },
  derivedContext: 'リクエストのコンテキスト',
  derived: '自動設定',
  blockedBy: 'ブロックしたポリシー',
  decidedBy: '決め手',
  statement: 'ステートメント {n}',
  matched: '一致',
  notMatched: '不一致',
  moreStatements: '残りの {n} 件のステートメントを表示',
  notApplicable: '適用外',
  policyAllows: '許可',
  policyDenies: '拒否',
  policyNoEffect: '影響なし',
  condition: '条件 {op} ({key}): ポリシーは {want}、リクエストは {got}',
  conditionAbsent: 'なし',
  conditionValues: 'ポリシーは {want}、リクエストは {got}',
  matchNone: '一致する項目なし',
  matchNoneExcluded: 'リクエストを除外する項目なし',
  grant: { direct: '呼び出し元そのものを指定', role: '呼び出し元のロールを指定', account: '呼び出し元のアカウントを指定' },
  whatWouldChange: '判定を変えるには',
  unresolved: 'ポリシー変数 {v} が未解決',
  goToStatement: '{policy} のステートメント {n} をエディタで表示',
  types: {
    identity: 'アイデンティティベースのポリシー',
    boundary: 'アクセス許可の境界',
    session: 'セッションポリシー',
    resource: 'リソースベースのポリシー',
    trust: 'ロールの信頼ポリシー',
    scp: 'SCP',
    rcp: 'RCP',
  },
  kinds: { user: 'IAM ユーザー', role: 'IAM ロール', roleSession: 'ロールセッション', federatedUser: 'フェデレーションユーザー', root: 'ルートユーザー', service: 'AWS サービス', anonymous: '匿名', identityProvider: 'ID プロバイダー' },
  level: '階層 {n}',
  caller: '呼び出し元: {kind}',
  sameAccount: '同一アカウント',
  crossAccount: 'クロスアカウント',
  linkRefused: 'このリンクは開けません: {why}',
  importRefused: 'このファイルは読み込めません: {why}',
  importProblems: '読み込まなかったフィールドがあります:',
  editToContinue: 'シナリオを編集するか、サンプルを選ぶと続行します。',
  invalidJSON: '正しい JSON ではありません ({msg})',
  notObject: 'シナリオ (JSON オブジェクト) ではありません',
  tooLarge: '{n} KiB を超えています',
  tooDeep: '入れ子が深すぎます',
  shareErr: {
    empty: 'リンクにシナリオが含まれていません',
    format: 'シナリオのリンクではありません (#v1. で始まるはずです)',
    version: '新しいバージョンの IAM Lab で作られたリンクです (リンクのバージョン {v}、このページが読めるのはバージョン 1)。そのバージョンで開いてください',
    encodeTooLarge: 'シナリオが 256 KiB を超えているか、圧縮しても 64 KiB を超えます',
    tooLong: 'リンクが 64 KiB を超えています',
    base64: 'リンクが壊れています (base64url ではありません)',
    deflate: 'リンクが壊れています (データを展開できません)',
    tooLarge: '展開したシナリオが 256 KiB を超えています',
    utf8: 'シナリオが UTF-8 のテキストではありません',
  },
  field: {
    type: '{path}: {want} である必要があります',
    name: '{path}: ポリシー名として正しくありません (英数字と +=,.@_- 、128 文字まで)',
    managedArn: '{path}: AWS 管理ポリシーの ARN ではありません',
    noDocument: '{path}: "document" も "arn" もありません',
    tooMany: '{path}: {n} 個を超えています',
  },
  inPolicy: '{policy} の {line} 行 {col} 列',
  atScenario: 'シナリオの {line} 行 {col} 列',
  engineFailed: 'エンジンを起動できませんでした: {msg}',
  keys: {
    evaluate: 'すぐに評価',
    format: 'フォーカス中のポリシーを整形',
    share: '共有リンクをコピー',
    help: 'この一覧を表示',
    search: 'エディタ内を検索',
    undo: 'エディタで元に戻す / やり直す',
    tabOut: '次 / 前の項目へ移動 (エディタ内で Tab はインデントしません)',
  },
  paste: { title: 'JSON またはリンクを貼り付け', body: 'シナリオ、ポリシードキュメント、aws iam get-account-authorization-details の出力、または共有リンクを貼り付けてください。', placeholder: '{ "request": … } または https://…#v1.…', import: '読み込む' },
  pasteButton: '貼り付け',
  cancel: 'キャンセル',
  replace: {
    title: 'シナリオを置き換えますか?',
    body: 'このシナリオは編集されています。{what}を読み込むと置き換わります。残したい場合は先に書き出してください。',
    keep: '今のシナリオを残す',
    replace: '置き換える',
    example: 'サンプル「{name}」',
    file: 'ファイル {name} ',
    pasted: '貼り付けたテキスト',
    link: '開いたリンク',
  },
  pickSlot: { title: 'このポリシーをどこに入れますか?', body: 'このファイルはシナリオではなくポリシードキュメントです。入れる場所:' },
  slotNames: { identity: 'アイデンティティベースのポリシー', boundary: 'アクセス許可の境界', session: 'セッションポリシー', resource: 'リソースベースのポリシー', scp: 'サービスコントロールポリシー', rcp: 'リソースコントロールポリシー' },
  pickPrincipal: { title: 'ユーザーまたはロールを読み込む', body: 'このファイルにはアカウントのユーザーとロールが含まれています。ポリシーとアクセス許可の境界を読み込む対象:', take: '読み込む', count: 'ポリシー {n} 個' },
  account: { empty: 'ファイルにユーザーもロールもありません' },
  linkTooLarge: 'このシナリオは共有リンクには大きすぎます ({why})。アドレスはもうシナリオを含んでいません。作業内容はこのブラウザに保存されており、再読み込みすると復元されます。ファイルとして残すには「書き出し」を使ってください。',
  notSaved: '作業内容をこのブラウザに保存できませんでした (ストレージが一杯か無効です)。書き出して保存してください。',
  restored: '前回の作業内容を復元しました。',
  exampleTeaches: '学べること:',
  exampleTry: '試してみよう:',
  exampleTutorial: 'チュートリアルを読む',
  tutorials: 'チュートリアル',
  resourceAccountUsed: '使用: {account} ({how})',
  resourceAccountSame: '呼び出し元のアカウント',
  resourceAccountOther: '呼び出し元とは別のアカウント',
  allows: {
    title: '何が許可されるか',
    pattern: 'サービスまたはアクションのパターン',
    decide: '判定',
    help: 'サービスのすべてのアクション (または s3:Put* のようなパターン) を、このポリシー、プリンシパル、リソース、コンテキストで判定します。',
    access: 'アクセスレベル',
    summary: '{pattern} のアクション {n} 個: 許可 {allowed}、明示的な拒否 {explicitDeny}、暗黙的な拒否 {implicitDeny}。',
    truncated: '(全 {total} 個のうち先頭)',
    none: 'カタログに {pattern} に一致するアクションはありません。',
  },
  compare: {
    title: 'AWS と比較',
    intro: '同じ問いを IAM のポリシーシミュレーターに投げ、その判定をエンジンの判定と並べて見ます。',
    run: 'AWS と比較',
    loading: 'AWS SDK のモジュールを読み込んでいます…',
    asking: 'IAM に問い合わせています…',
    ours: 'IAM Lab',
    custom: 'AWS: これらのポリシー (SimulateCustomPolicy)',
    principal: 'AWS: {arn} がアカウントで持つポリシー (SimulatePrincipalPolicy)',
    same: 'IAM Lab と同じ',
    differs: 'IAM Lab と異なる',
    matched: '判定したステートメント: ',
    missing: 'AWS に足りなかったコンテキストキー: ',
    notes: 'シミュレーターに渡したもの・渡せなかったもの',
    you: 'あなたの認証情報',
    notReady: '先に認証情報を入れてください。',
    simulatedAccount: '(シミュレートされたアカウント)',
    yourAccount: '(あなたのアカウント)',
    line: '{policy} の {line} 行目',
    decisions: { allowed: '許可', explicitDeny: '明示的な拒否', implicitDeny: '暗黙的な拒否' },
  },
  importErr: {
    json: '正しい JSON ではありません ({msg}、{line} 行 {col} 列)',
    tooDeep: '入れ子が深すぎます',
    utf8: 'UTF-8 のテキストではありません',
    size: '{kib} KiB を超えています',
    notObject: 'JSON オブジェクトではありません',
    kind: 'シナリオ ("request" を含む)、ポリシー ("Statement" を含む)、aws iam get-account-authorization-details の出力のどれでもありません',
    type: '{path}: {want} である必要があります',
    noDocument: '{path}: "document" も "arn" もありません',
    tooMany: '{path}: {n} 個を超えています',
    tooManyLevels: '{path}: {n} 階層を超えています',
  },
};


import { errorsJa, wantJa } from './messages-ja.js';
// explain's words in every language (reason codes, condition rules, edits,
// phrases), written from Go by go test ./api -run TestPageMessages -update.
import messages from './messages.json';

const dictionaries = { en, ja };
let lang = 'en';

export function pickLanguage() {
  const q = new URLSearchParams(location.search).get('lang');
  if (q === 'ja' || q === 'en') return q;
  // "Open in playground" from a tutorial: the tutorial's language.
  const from = referrerLanguage();
  if (from) return from;
  const saved = safeStorage('iamlab.lang');
  if (saved === 'ja' || saved === 'en') return saved;
  return (navigator.languages || [navigator.language]).some((l) => /^ja\b/i.test(l)) ? 'ja' : 'en';
}

function referrerLanguage() {
  try {
    const r = new URL(document.referrer);
    if (r.origin !== location.origin) return '';
    return /\/(ja|en)\//.exec(r.pathname)?.[1] || '';
  } catch {
    return '';
  }
}

export function setLanguage(l) {
  lang = l === 'ja' ? 'ja' : 'en';
  document.documentElement.lang = lang;
}

export function language() {
  return lang;
}


// t returns the text of a key ("a.b" for nested ones) with {params} filled.
export function t(key, params = {}) {
  let v = lookup(dictionaries[lang], key) ?? lookup(en, key) ?? key;
  return String(v).replace(/\{(\w+)\}/g, (m, p) => (p in params ? String(params[p]) : m));
}

function lookup(dict, key) {
  return key.split('.').reduce((o, k) => (o && typeof o === 'object' ? o[k] : undefined), dict);
}

// reason words a reason code ({code, message} from a report).
export function reason(r) {
  if (!r) return '';
  return message(r.code) || r.message || r.code;
}

// message is explain's text of a key (a code, condition.rule.*, phrase.*)
// in the page's language, or ''.
export function message(key) {
  return messages[lang]?.[key] || messages.en[key] || '';
}

// words picks the page's language of an explain.Words ({en, ja}).
export function words(w) {
  return w ? w[lang] || w.en || '' : '';
}

// problemText words an engine's problem ({code, msg, path, params}) in the
// page's language: the codes the page knows in full by their words, the
// others in Japanese by a summary of their code with the English detail.
export function problemText(p) {
  if (!p) return '';
  const code = p.code || '';
  const params = { path: p.path || '', ...(p.params || {}) };
  if (lang === 'ja' && params.want) params.want = wantJa[params.want] || params.want;
  if (code.startsWith('share.') && lookup(en, 'shareErr.' + code.slice(6))) return t('shareErr.' + code.slice(6), params);
  if (code.startsWith('import.') && lookup(en, 'importErr.' + code.slice(7))) return t('importErr.' + code.slice(7), params);
  if (lang === 'ja' && errorsJa[code]) return `${errorsJa[code]}: ${p.msg}`;
  return p.msg || code;
}


// translatedCodes lists the codes the page words in Japanese, for the tests.
export function translatedCodes() {
  return Object.keys(messages.ja);
}

// applyStatic fills every element that has data-i18n (its text) or
// data-i18n-attr="attr:key,attr:key".
export function applyStatic(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(',')) {
      const [attr, key] = pair.split(':');
      el.setAttribute(attr, t(key));
    }
  }
}

export function safeStorage(key, value) {
  try {
    if (value === undefined) return localStorage.getItem(key);
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // storage may be disabled; the page works without it
  }
  return null;
}
