// The examples menu: scenarios from the guide, bundled with the page.
// Each file carries "expected" (checked by `iamlab test site/examples`).

import s3Upload from './examples/s3-direct-upload.json';
import s3Trust from './examples/s3-upload-trust.json';
import passRole from './examples/iam-passrole.json';
import precedence from './examples/unset-allow-deny.json';
import crossAccount from './examples/cross-account-bucket.json';
import boundary from './examples/permissions-boundary.json';
import scpRegion from './examples/scp-deny-region.json';
import cognito from './examples/cognito-identity-pool.json';
import kms from './examples/kms-key-policy.json';

// Each example says what it teaches, what to try, and where the tutorial
// explains it (a page and a heading's anchor in each language; the e2e
// tests check that every anchor exists on the built site).
export const examples = [
  {
    id: 's3-direct-upload', scenario: s3Upload, en: 'S3 direct-upload role', ja: 'S3 直接アップロード用ロール',
    teaches: { en: 'A role session may put objects only under its own prefix (uploads/${aws:username}), and only over HTTPS.', ja: 'ロールのセッションが自分のプレフィックス (uploads/${aws:username}) の下にだけ、HTTPS でだけオブジェクトを置けること。' },
    try: { en: 'Make this deny by changing the resource to another user’s folder (uploads/bob/photo.jpg), or set aws:SecureTransport to "false".', ja: 'リソースを別のユーザーのフォルダ (uploads/bob/photo.jpg) に変えるか、aws:SecureTransport を "false" にして拒否させてみましょう。' },
    link: { en: 'en/03-sts-upload-role/#step-1-the-permissions-policy', ja: 'ja/03-sts-upload-role/#手順-1-アクセス許可ポリシー' },
  },
  {
    id: 's3-upload-trust', scenario: s3Trust, en: 'S3 upload role: its trust policy', ja: 'S3 アップロード用ロールの信頼ポリシー',
    teaches: { en: 'Assuming a role needs both: the caller’s identity policy allows sts:AssumeRole, and the role’s trust policy names the caller.', ja: 'ロールを引き受けるには、呼び出し元のアイデンティティポリシーが sts:AssumeRole を許可し、ロールの信頼ポリシーが呼び出し元を指定している必要があること。' },
    try: { en: 'Make this an implicit deny by changing the trust policy’s principal to another role, then try "Principal": {"Service": "ec2.amazonaws.com"}.', ja: '信頼ポリシーのプリンシパルを別のロールに変えて暗黙的な拒否にし、次に "Principal": {"Service": "ec2.amazonaws.com"} を試しましょう。' },
    link: { en: 'en/03-sts-upload-role/#step-2-the-trust-policy', ja: 'ja/03-sts-upload-role/#手順-2-信頼ポリシー' },
  },
  {
    id: 'iam-passrole', scenario: passRole, en: 'iam:GetRole and iam:PassRole', ja: 'iam:GetRole と iam:PassRole',
    teaches: { en: 'iam:PassRole is checked against the role passed and, with iam:PassedToService, the service it is passed to.', ja: 'iam:PassRole は渡すロールと、iam:PassedToService で渡す先のサービスに対して判定されること。' },
    try: { en: 'Make this allowed by setting iam:PassedToService to the service the policy names, then see which roles "what does this allow?" shows for iam.', ja: 'iam:PassedToService をポリシーが指定するサービスにして許可させ、「何が許可されるか」で iam のアクションを確かめましょう。' },
    link: { en: 'en/03-sts-upload-role/#step-3-looking-up-the-role-arn-by-name', ja: 'ja/03-sts-upload-role/#手順-3-ロール名から-arn-を調べる' },
  },
  {
    id: 'unset-allow-deny', scenario: precedence, en: 'Unset < ALLOW < DENY', ja: '未設定 < ALLOW < DENY',
    teaches: { en: 'An explicit Deny beats any Allow; with neither, the request is implicitly denied.', ja: '明示的な Deny はどの Allow にも優先し、どちらもなければ暗黙的に拒否されること。' },
    try: { en: 'Make this allowed by removing the Deny statement, then make it an implicit deny by removing the Allow too.', ja: 'Deny ステートメントを消して許可させ、さらに Allow も消して暗黙的な拒否にしてみましょう。' },
    link: { en: 'en/01-iam-overview/#how-aws-evaluates-a-request', ja: 'ja/01-iam-overview/#aws-はリクエストをどう評価するか' },
  },
  {
    id: 'cross-account-bucket', scenario: crossAccount, en: 'Cross-account bucket', ja: 'クロスアカウントのバケット',
    teaches: { en: 'Across accounts, both the caller’s identity policy and the bucket policy must allow.', ja: 'アカウントをまたぐと、呼び出し元のアイデンティティポリシーとバケットポリシーの両方が許可する必要があること。' },
    try: { en: 'Make this deny by removing bob’s identity policy (the bucket policy alone is not enough), then clear the resource account and see the caller’s account used.', ja: 'bob のアイデンティティポリシーを消して拒否させ (バケットポリシーだけでは足りません)、リソースのアカウントを空にすると呼び出し元のアカウントが使われることを確かめましょう。' },
    link: { en: 'en/01-iam-overview/#cross-account-requests', ja: 'ja/01-iam-overview/#クロスアカウントのリクエスト' },
  },
  {
    id: 'permissions-boundary', scenario: boundary, en: 'Permissions boundary', ja: 'アクセス許可の境界',
    teaches: { en: 'A permissions boundary caps what identity policies grant: both must allow.', ja: 'アクセス許可の境界はアイデンティティポリシーが与える権限の上限で、両方が許可する必要があること。' },
    try: { en: 'Make this allowed by adding iam:CreateUser to the boundary, or change the action to one both policies allow.', ja: '境界に iam:CreateUser を加えるか、両方のポリシーが許可するアクションに変えて許可させてみましょう。' },
    link: { en: 'en/01-iam-overview/#permissions-boundaries', ja: 'ja/01-iam-overview/#アクセス許可の境界-permissions-boundary' },
  },
  {
    id: 'scp-deny-region', scenario: scpRegion, en: 'SCP that denies a region', ja: 'リージョンを拒否する SCP',
    teaches: { en: 'An SCP’s Deny applies to everyone in the account, administrators included.', ja: 'SCP の Deny は管理者も含めてアカウントの全員に適用されること。' },
    try: { en: 'Make this allowed by setting aws:RequestedRegion to a region the SCP allows, then remove FullAWSAccess from one level.', ja: 'aws:RequestedRegion を SCP が許すリージョンにして許可させ、次にある階層から FullAWSAccess を外してみましょう。' },
    link: { en: 'en/01-iam-overview/#service-control-policies-scps', ja: 'ja/01-iam-overview/#サービスコントロールポリシー-scp' },
  },
  {
    id: 'cognito-identity-pool', scenario: cognito, en: 'Cognito identity pool role trust policy', ja: 'Cognito ID プールのロールの信頼ポリシー',
    teaches: { en: 'An identity pool role trusts cognito-identity.amazonaws.com only for its own pool (aud) and for authenticated identities (amr).', ja: 'ID プールのロールは、自分のプール (aud) の認証済み ID (amr) についてだけ cognito-identity.amazonaws.com を信頼すること。' },
    try: { en: 'Make this deny by changing the aud value to another pool, or removing "authenticated" from amr.', ja: 'aud の値を別のプールに変えるか、amr から "authenticated" を消して拒否させてみましょう。' },
    link: { en: 'en/05-cognito/#the-trust-policy-of-an-identity-pool-role', ja: 'ja/05-cognito/#id-プールのロールの信頼ポリシー' },
  },
  {
    id: 'kms-key-policy', scenario: kms, en: 'KMS key policy', ja: 'KMS キーポリシー',
    teaches: { en: 'A KMS key policy must allow the caller itself (or delegate to the account): an identity policy alone is not enough.', ja: 'KMS キーポリシーは呼び出し元自身を許可するか、アカウントに委任する必要があり、アイデンティティポリシーだけでは足りないこと。' },
    try: { en: 'Make this an implicit deny by removing the statement that delegates to the account root from the key policy.', ja: 'キーポリシーからアカウントのルートに委任するステートメントを消して、暗黙的な拒否にしてみましょう。' },
    link: { en: 'en/07-kms/#key-policies-who-may-administer-and-who-may-use-a-key', ja: 'ja/07-kms/#キーポリシー-キーを管理できる人と使える人' },
  },
];

// exampleText returns an example as scenario text, without its test notes.
export function exampleText(ex) {
  const { expected, why, ...rest } = ex.scenario;
  return JSON.stringify(rest);
}

// exampleInfo is what an example teaches, what to try, and its tutorial's
// link, in a language.
export function exampleInfo(ex, lang) {
  return { teaches: ex.teaches[lang], try: ex.try[lang], link: ex.link[lang] };
}
