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

export const examples = [
  { id: 's3-direct-upload', scenario: s3Upload, en: 'S3 direct-upload role', ja: 'S3 直接アップロード用ロール' },
  { id: 's3-upload-trust', scenario: s3Trust, en: 'S3 upload role: its trust policy', ja: 'S3 アップロード用ロールの信頼ポリシー' },
  { id: 'iam-passrole', scenario: passRole, en: 'iam:GetRole and iam:PassRole', ja: 'iam:GetRole と iam:PassRole' },
  { id: 'unset-allow-deny', scenario: precedence, en: 'Unset < ALLOW < DENY', ja: '未設定 < ALLOW < DENY' },
  { id: 'cross-account-bucket', scenario: crossAccount, en: 'Cross-account bucket', ja: 'クロスアカウントのバケット' },
  { id: 'permissions-boundary', scenario: boundary, en: 'Permissions boundary', ja: 'アクセス許可の境界' },
  { id: 'scp-deny-region', scenario: scpRegion, en: 'SCP that denies a region', ja: 'リージョンを拒否する SCP' },
  { id: 'cognito-identity-pool', scenario: cognito, en: 'Cognito identity pool role trust policy', ja: 'Cognito ID プールのロールの信頼ポリシー' },
  { id: 'kms-key-policy', scenario: kms, en: 'KMS key policy', ja: 'KMS キーポリシー' },
];

// exampleText returns an example as scenario text, without its test notes.
export function exampleText(ex) {
  const { expected, why, ...rest } = ex.scenario;
  return JSON.stringify(rest);
}
