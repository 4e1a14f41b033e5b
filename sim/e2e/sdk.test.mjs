// The source document's flows against `iamlab serve --world seed`, with the
// AWS SDK for JavaScript v3 as an independent client (the Go tests use
// aws-sdk-go-v2): each flow's outcomes, then the event log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';

import { STSClient, GetCallerIdentityCommand, AssumeRoleCommand, AssumeRoleWithWebIdentityCommand, AssumeRoleWithSAMLCommand } from '@aws-sdk/client-sts';
import { IAMClient, GetRoleCommand, UpdateAssumeRolePolicyCommand, CreateRoleCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { S3Client, PutObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { KMSClient, GenerateDataKeyCommand, DecryptCommand } from '@aws-sdk/client-kms';
import { ACMClient, RequestCertificateCommand, DescribeCertificateCommand } from '@aws-sdk/client-acm';
import { Route53Client, ListHostedZonesByNameCommand, ChangeResourceRecordSetsCommand } from '@aws-sdk/client-route-53';
import { CognitoIdentityProviderClient, AdminCreateUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoIdentityClient, GetIdCommand, GetCredentialsForIdentityCommand, SetIdentityPoolRolesCommand } from '@aws-sdk/client-cognito-identity';
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from 'amazon-cognito-identity-js';

import { startServe, config, events, refused, account, rootKeys, appKeys, keyAdminKeys } from './lab.mjs';

const bucket = 'xx-upload-bucket';
const uploadRole = `arn:aws:iam::${account}:role/XX-s3-upload-role`;
const poolId = 'us-east-1_XXseedPol';
const webClientId = 'xxwebclient000000000000001';
const identityPoolId = 'us-east-1:0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b';
const authRole = `arn:aws:iam::${account}:role/XX-cognito-auth-role`;

let lab;
// secrets are every secret the flows see: none may appear in the event log.
const secrets = new Set([appKeys.secretAccessKey, rootKeys.secretAccessKey]);

before(async () => { lab = await startServe(); });
after(async () => {
  if (lab) assert.equal(await lab.stop(), 0, 'iamlab serve exits 0 on SIGTERM');
});

const s3 = (credentials) => new S3Client({ ...config(lab.url, credentials), forcePathStyle: true });
const body = (text) => Buffer.from(text);

function keep(creds) {
  secrets.add(creds.SecretAccessKey);
  secrets.add(creds.SessionToken);
  return { accessKeyId: creds.AccessKeyId, secretAccessKey: creds.SecretAccessKey, sessionToken: creds.SessionToken };
}

test('the application user assumes the upload role and uploads into its folder only', async () => {
  const sts = new STSClient(config(lab.url, appKeys));
  const me = await sts.send(new GetCallerIdentityCommand({}));
  assert.equal(me.Arn, `arn:aws:iam::${account}:user/app`);

  // The application finds the role's ARN by its name (XX-get-role-policy).
  const iam = new IAMClient(config(lab.url, appKeys));
  const role = await iam.send(new GetRoleCommand({ RoleName: 'XX-s3-upload-role' }));
  assert.equal(role.Role.Arn, uploadRole);
  const other = await refused(() => iam.send(new GetRoleCommand({ RoleName: 'other-role' })));
  assert.equal(other.name, 'AccessDenied');
  assert.equal(other.message, `User: arn:aws:iam::${account}:user/app is not authorized to perform: iam:GetRole on resource: role other-role ` +
    'because no identity-based policy allows the iam:GetRole action');

  const out = await sts.send(new AssumeRoleCommand({ RoleArn: role.Role.Arn, RoleSessionName: 'app' }));
  assert.equal(out.AssumedRoleUser.Arn, `arn:aws:sts::${account}:assumed-role/XX-s3-upload-role/app`);
  const session = s3(keep(out.Credentials));
  const put = await session.send(new PutObjectCommand({ Bucket: bucket, Key: 'upload/photo.jpg', Body: body('jpeg'), ContentType: 'image/jpeg' }));
  assert.ok(put.ETag);
  const outside = await refused(() => session.send(new PutObjectCommand({ Bucket: bucket, Key: 'photo.jpg', Body: body('jpeg') })));
  assert.equal(outside.name, 'AccessDenied');
  assert.equal(outside.message, `User: arn:aws:sts::${account}:assumed-role/XX-s3-upload-role/app is not authorized to perform: ` +
    `s3:PutObject on resource: "arn:aws:s3:::${bucket}/photo.jpg" because no identity-based policy allows the s3:PutObject action`);
  const read = await refused(() => session.send(new GetObjectCommand({ Bucket: bucket, Key: 'upload/photo.jpg' })));
  assert.equal(read.name, 'AccessDenied');
  // The application user reads it back (AmazonS3FullAccess through its group).
  const got = await s3(appKeys).send(new GetObjectCommand({ Bucket: bucket, Key: 'upload/photo.jpg' }));
  assert.equal(await got.Body.transformToString(), 'jpeg');
});

test('IAM refuses the document\'s user:NAME principal; PassRole is allowed on XX-* roles only', async () => {
  const iam = new IAMClient(config(lab.url, rootKeys));
  const typo = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:user:app` }, Action: 'sts:AssumeRole' }] });
  const err = await refused(() => iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'XX-s3-upload-role', PolicyDocument: typo })));
  // The SDK names the exception of IAM's MalformedPolicyDocument code by
  // its model's shape.
  assert.equal(err.name, 'MalformedPolicyDocumentException');
  assert.equal(err.Code, 'MalformedPolicyDocument');
  assert.equal(err.message, `Invalid principal in policy: "AWS":"arn:aws:iam::${account}:user:app"`);

  // The application passes a role to Cognito (SetIdentityPoolRoles needs
  // iam:PassRole on it): an XX-* role, not another one.
  const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }] });
  await iam.send(new CreateRoleCommand({ RoleName: 'other-cognito-role', AssumeRolePolicyDocument: trust }));
  await iam.send(new PutUserPolicyCommand({ UserName: 'app', PolicyName: 'set-roles', PolicyDocument: JSON.stringify({
    Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'cognito-identity:SetIdentityPoolRoles', Resource: '*' }] }) }));
  const ci = new CognitoIdentityClient(config(lab.url, appKeys));
  await ci.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: identityPoolId, Roles: { authenticated: authRole } }));
  const pass = await refused(() => ci.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: identityPoolId,
    Roles: { authenticated: `arn:aws:iam::${account}:role/other-cognito-role` } })));
  assert.equal(pass.name, 'AccessDeniedException');
  assert.match(pass.message, /user\/app is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role\/other-cognito-role/);
});

// verifyJWT checks an RS256 token against a JWKS and returns its claims.
function verifyJWT(token, jwks) {
  const [h, p, s] = token.split('.');
  const header = JSON.parse(Buffer.from(h, 'base64url'));
  assert.equal(header.alg, 'RS256');
  const jwk = jwks.keys.find((k) => k.kid === header.kid);
  assert.ok(jwk, `no key ${header.kid} in the JWKS`);
  const ok = crypto.verify('RSA-SHA256', Buffer.from(`${h}.${p}`), crypto.createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(s, 'base64url'));
  assert.ok(ok, 'the signature verifies');
  return JSON.parse(Buffer.from(p, 'base64url'));
}

// srpSignIn signs in with amazon-cognito-identity-js (USER_SRP_AUTH, as
// Amplify does), answering NEW_PASSWORD_REQUIRED with newPassword and
// attrs; it resolves to the session's tokens and the challenge's
// required attributes.
function srpSignIn(url, username, password, newPassword, attrs) {
  const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: webClientId, endpoint: `${url}/` });
  const user = new CognitoUser({ Username: username, Pool: pool });
  return new Promise((resolve, reject) => {
    let required;
    const callbacks = {
      onSuccess: (session) => resolve({ session, required }),
      onFailure: reject,
      newPasswordRequired: (userAttributes, requiredAttributes) => {
        required = requiredAttributes;
        user.completeNewPasswordChallenge(newPassword, attrs, callbacks);
      },
    };
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), callbacks);
  });
}

test('Cognito: a user the administrator creates signs in, sets a password, and reaches its own S3 folder', async () => {
  const idp = new CognitoIdentityProviderClient(config(lab.url, rootKeys));
  const temporary = 'Temp#Passw0rd1', chosen = 'N3w&Passw0rd!';
  secrets.add(temporary).add(chosen);
  const created = await idp.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'hanako@example.com', TemporaryPassword: temporary,
    UserAttributes: [{ Name: 'family_name', Value: 'Yamada' }] }));
  assert.equal(created.User.UserStatus, 'FORCE_CHANGE_PASSWORD');
  const sub = created.User.Username; // email is the pool's user name attribute: the user name is a sub

  const { session, required } = await srpSignIn(lab.url, 'hanako@example.com', temporary, chosen,
    { given_name: 'Hanako', picture: 'https://example.com/hanako.png' });
  assert.deepEqual(required, ['given_name', 'picture']);
  const idToken = session.getIdToken().getJwtToken();
  secrets.add(idToken).add(session.getAccessToken().getJwtToken()).add(session.getRefreshToken().getToken());

  const jwks = await (await fetch(`${lab.url}/${poolId}/.well-known/jwks.json`)).json();
  const claims = verifyJWT(idToken, jwks);
  assert.equal(claims.iss, `https://cognito-idp.us-east-1.amazonaws.com/${poolId}`);
  assert.equal(claims.sub, sub);
  assert.equal(claims.aud, webClientId);
  assert.equal(claims.token_use, 'id');
  assert.equal(claims.given_name, 'Hanako');
  assert.equal(verifyJWT(session.getAccessToken().getJwtToken(), jwks).token_use, 'access');

  // The identity pool trades the ID token for the role's credentials.
  const ci = new CognitoIdentityClient(config(lab.url));
  const logins = { [`cognito-idp.us-east-1.amazonaws.com/${poolId}`]: idToken };
  const { IdentityId } = await ci.send(new GetIdCommand({ IdentityPoolId: identityPoolId, Logins: logins }));
  assert.match(IdentityId, /^us-east-1:[0-9a-f-]{36}$/);
  const { Credentials } = await ci.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }));
  const creds = { accessKeyId: Credentials.AccessKeyId, secretAccessKey: Credentials.SecretKey, sessionToken: Credentials.SessionToken };
  secrets.add(Credentials.SecretKey).add(Credentials.SessionToken);
  const me = await new STSClient(config(lab.url, creds)).send(new GetCallerIdentityCommand({}));
  assert.match(me.Arn, new RegExp(`^arn:aws:sts::${account}:assumed-role/XX-cognito-auth-role/CognitoIdentityCredentials$`));

  const store = s3(creds);
  await store.send(new PutObjectCommand({ Bucket: bucket, Key: `cognito/${IdentityId}/avatar.png`, Body: body('png') }));
  const got = await store.send(new GetObjectCommand({ Bucket: bucket, Key: `cognito/${IdentityId}/avatar.png` }));
  assert.equal(await got.Body.transformToString(), 'png');
  const elsewhere = await refused(() => store.send(new PutObjectCommand({ Bucket: bucket, Key: 'cognito/us-east-1:00000000-0000-0000-0000-000000000000/avatar.png', Body: body('png') })));
  assert.equal(elsewhere.name, 'AccessDenied');
  assert.match(elsewhere.message, /assumed-role\/XX-cognito-auth-role\/CognitoIdentityCredentials is not authorized to perform: s3:PutObject/);
});

test('web identity: a token of the lab\'s OpenID Connect provider is traded for the role\'s credentials', async () => {
  const resp = await fetch(`${lab.url}/_iamlab/oidc/token?sub=alice&aud=xx-web-app`);
  assert.equal(resp.status, 200);
  const token = (await resp.text()).trim();
  secrets.add(token);
  const jwks = await (await fetch(`${lab.url}/_iamlab/oidc/jwks.json`)).json();
  assert.equal(verifyJWT(token, jwks).iss, 'https://oidc.iamlab.test');

  const sts = new STSClient(config(lab.url)); // AssumeRoleWithWebIdentity is unsigned
  const out = await sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: `arn:aws:iam::${account}:role/XX-web-identity-role`,
    RoleSessionName: 'alice', WebIdentityToken: token }));
  assert.equal(out.SubjectFromWebIdentityToken, 'alice');
  assert.equal(out.Provider, `arn:aws:iam::${account}:oidc-provider/oidc.iamlab.test`);
  const store = s3(keep(out.Credentials));
  await store.send(new PutObjectCommand({ Bucket: bucket, Key: 'web/alice/note.txt', Body: body('hi') }));
  const other = await refused(() => store.send(new PutObjectCommand({ Bucket: bucket, Key: 'web/bob/note.txt', Body: body('hi') })));
  assert.equal(other.name, 'AccessDenied');

  // Another audience is not trusted.
  const wrong = (await (await fetch(`${lab.url}/_iamlab/oidc/token?sub=alice&aud=another-app`)).text()).trim();
  secrets.add(wrong);
  const err = await refused(() => sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: `arn:aws:iam::${account}:role/XX-web-identity-role`,
    RoleSessionName: 'alice', WebIdentityToken: wrong })));
  assert.equal(err.name, 'InvalidIdentityTokenException');
});

test('KMS envelope encryption: a data key under alias/XX-app-key seals the data; the key administrator cannot decrypt', async () => {
  const kms = new KMSClient(config(lab.url, appKeys));
  const context = { purpose: 'photo', file: 'upload/secret.jpg' };
  const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/XX-app-key', KeySpec: 'AES_256', EncryptionContext: context }));
  assert.equal(dk.Plaintext.length, 32);
  assert.equal(dk.KeyId, `arn:aws:kms:us-east-1:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`);
  secrets.add(Buffer.from(dk.Plaintext).toString('base64'));

  // Seal the data with the plaintext key, keep only the encrypted key.
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', dk.Plaintext, iv);
  const sealed = Buffer.concat([cipher.update('the photo'), cipher.final(), cipher.getAuthTag()]);
  await s3(appKeys).send(new PutObjectCommand({ Bucket: bucket, Key: 'upload/secret.jpg', Body: sealed,
    Metadata: { 'data-key': Buffer.from(dk.CiphertextBlob).toString('base64'), iv: iv.toString('base64') } }));

  const obj = await s3(appKeys).send(new GetObjectCommand({ Bucket: bucket, Key: 'upload/secret.jpg' }));
  const data = Buffer.from(await obj.Body.transformToByteArray());
  const blob = Buffer.from(obj.Metadata['data-key'], 'base64');
  const key = await kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: context }));
  const decipher = crypto.createDecipheriv('aes-256-gcm', key.Plaintext, Buffer.from(obj.Metadata.iv, 'base64'));
  decipher.setAuthTag(data.subarray(data.length - 16));
  assert.equal(Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString(), 'the photo');

  const otherContext = await refused(() => kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: { purpose: 'other' } })));
  assert.equal(otherContext.name, 'InvalidCiphertextException');
  const admin = await refused(() => new KMSClient(config(lab.url, keyAdminKeys)).send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: context })));
  assert.equal(admin.name, 'AccessDeniedException');
  assert.match(admin.message, /user\/key-admin is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:us-east-1:123456789012:key\/1234abcd-12ab-34cd-56ef-1234567890ab/);
});

test('ACM: a certificate for *.debugroom.org is issued once its validation record is in the Route 53 zone', async () => {
  const acm = new ACMClient(config(lab.url, rootKeys));
  const { CertificateArn } = await acm.send(new RequestCertificateCommand({ DomainName: '*.debugroom.org', ValidationMethod: 'DNS' }));
  const pending = (await acm.send(new DescribeCertificateCommand({ CertificateArn }))).Certificate;
  assert.equal(pending.Status, 'PENDING_VALIDATION');
  const record = pending.DomainValidationOptions[0].ResourceRecord;
  assert.equal(record.Type, 'CNAME');
  assert.match(record.Name, /^_[0-9a-f]{32}\.debugroom\.org\.$/);

  const r53 = new Route53Client(config(lab.url, rootKeys));
  const zones = await r53.send(new ListHostedZonesByNameCommand({ DNSName: 'debugroom.org' }));
  assert.equal(zones.HostedZones[0].Name, 'debugroom.org.');
  const change = await r53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zones.HostedZones[0].Id, ChangeBatch: { Changes: [
    { Action: 'UPSERT', ResourceRecordSet: { Name: record.Name, Type: 'CNAME', TTL: 300, ResourceRecords: [{ Value: record.Value }] } }] } }));
  assert.ok(['PENDING', 'INSYNC'].includes(change.ChangeInfo.Status));
  const issued = (await acm.send(new DescribeCertificateCommand({ CertificateArn }))).Certificate;
  assert.equal(issued.Status, 'ISSUED');
  assert.equal(issued.DomainValidationOptions[0].ValidationStatus, 'SUCCESS');
});

test('SAML: a user of the seed\'s AD FS gets the federated role\'s credentials; a user without a role is refused', async () => {
  const assertion = async (user) => {
    const resp = await fetch(`${lab.url}/_iamlab/saml/example-corp-adfs/sso?user=${user}`);
    assert.equal(resp.status, 200);
    const a = (await resp.text()).trim();
    secrets.add(a);
    return a;
  };
  const saml = (SAMLAssertion) => new STSClient(config(lab.url)).send(new AssumeRoleWithSAMLCommand({ // unsigned
    RoleArn: `arn:aws:iam::${account}:role/XX-saml-federated-role`, PrincipalArn: `arn:aws:iam::${account}:saml-provider/ExampleCorpADFS`, SAMLAssertion }));
  const out = await saml(await assertion('alice'));
  assert.equal(out.AssumedRoleUser.Arn, `arn:aws:sts::${account}:assumed-role/XX-saml-federated-role/alice@example.com`);
  assert.equal(out.Issuer, 'http://adfs.example.com/adfs/services/trust');
  const creds = keep(out.Credentials);
  const me = await new STSClient(config(lab.url, creds)).send(new GetCallerIdentityCommand({}));
  assert.equal(me.Arn, out.AssumedRoleUser.Arn);
  // ReadOnlyAccess reads the bucket and writes nothing.
  await s3(creds).send(new GetObjectCommand({ Bucket: bucket, Key: 'upload/photo.jpg' }));
  const write = await refused(() => s3(creds).send(new PutObjectCommand({ Bucket: bucket, Key: 'upload/saml.txt', Body: body('x') })));
  assert.equal(write.name, 'AccessDenied');
  const bob = await refused(async () => saml(await assertion('bob')));
  // His assertion names no role: STS's refusal.
  assert.equal(bob.name, 'AccessDenied');
  assert.match(bob.message, /Not authorized to perform sts:AssumeRoleWithSAML/);
});

test('the event log has every call with its decision, and no secret', async () => {
  const { text, records } = await events(lab.url);
  for (const r of records) {
    for (const field of ['eventTime', 'eventSource', 'eventName', 'awsRegion', 'requestID', 'eventID']) {
      assert.ok(r[field], `${r.eventName} has ${field}`);
    }
    assert.ok(['allowed', 'implicitDeny', 'explicitDeny', 'notEvaluated'].includes(r.iamlab.decision), `${r.eventName}: ${r.iamlab.decision}`);
  }
  const find = (name, pred = () => true) => {
    const r = records.find((x) => x.eventName === name && pred(x));
    assert.ok(r, `a ${name} record`);
    return r;
  };
  const assumed = find('AssumeRole');
  assert.equal(assumed.eventSource, 'sts.amazonaws.com');
  assert.equal(assumed.userIdentity.type, 'IAMUser');
  assert.equal(assumed.userIdentity.arn, `arn:aws:iam::${account}:user/app`);
  assert.equal(assumed.userIdentity.accessKeyId, appKeys.accessKeyId);
  assert.equal(assumed.iamlab.decision, 'allowed');
  assert.equal(assumed.requestParameters.roleArn, uploadRole);

  const denied = find('PutObject', (x) => x.errorCode === 'AccessDenied' && x.userIdentity?.type === 'AssumedRole' && x.requestParameters.key === 'photo.jpg');
  assert.equal(denied.eventSource, 's3.amazonaws.com');
  assert.equal(denied.userIdentity.arn, `arn:aws:sts::${account}:assumed-role/XX-s3-upload-role/app`);
  assert.equal(denied.iamlab.decision, 'implicitDeny');
  assert.ok(denied.iamlab.trace, 'the denial has its trace');
  assert.match(denied.errorMessage, /because no identity-based policy allows the s3:PutObject action/);
  assert.deepEqual(denied.iamlab.checks.map((c) => c.action), ['s3:PutObject']);

  assert.equal(find('UpdateAssumeRolePolicy').errorCode, 'MalformedPolicyDocument');
  assert.equal(find('SetIdentityPoolRoles', (x) => x.errorCode).iamlab.checks.at(-1).action, 'iam:PassRole');
  assert.equal(find('Decrypt', (x) => x.userIdentity?.arn?.endsWith('user/key-admin')).iamlab.decision, 'implicitDeny');
  assert.equal(find('GetCredentialsForIdentity').eventSource, 'cognito-identity.amazonaws.com');
  const web = find('AssumeRoleWithWebIdentity', (x) => !x.errorCode);
  assert.equal(web.iamlab.decision, 'allowed');
  assert.deepEqual(web.userIdentity, { type: 'WebIdentityUser', userName: 'alice', identityProvider: `arn:aws:iam::${account}:oidc-provider/oidc.iamlab.test`,
    principalId: `arn:aws:iam::${account}:oidc-provider/oidc.iamlab.test:xx-web-app:alice` });
  assert.equal(find('ChangeResourceRecordSets').eventSource, 'route53.amazonaws.com');
  const saml = find('AssumeRoleWithSAML', (x) => !x.errorCode);
  assert.equal(saml.iamlab.decision, 'allowed');
  assert.equal(saml.userIdentity.type, 'SAMLUser');
  assert.equal(saml.userIdentity.userName, 'alice@example.com');

  for (const s of secrets) {
    assert.ok(s && !text.includes(s), `a secret is in the event log: ${String(s).slice(0, 12)}…`);
  }
});
