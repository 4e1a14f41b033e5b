package sim_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

func grantOps(names ...string) []kmstypes.GrantOperation {
	out := make([]kmstypes.GrantOperation, len(names))
	for i, n := range names {
		out[i] = kmstypes.GrantOperation(n)
	}
	return out
}

// A grant allows its grantee its operations under its constraints, where
// neither the key policy nor an IAM policy does; retiring and revoking it
// take that away.
func TestKMSGrantAllowsGrantee(t *testing.T) {
	l := newLab(t, nil)
	root := l.rootKMS()
	md := newKMSKey(t, root, "")
	grantee, granteeARN := l.kmsUser(t, "grantee", "")
	ec := map[string]string{"Department": "IT"}
	encrypt := func(ec map[string]string) error {
		_, err := grantee.Encrypt(ctx, &kms.EncryptInput{KeyId: md.KeyId, Plaintext: []byte("x"), EncryptionContext: ec})
		return err
	}
	wantError(t, encrypt(ec), "AccessDeniedException", "because no identity-based policy allows the kms:Encrypt action")

	g, err := root.CreateGrant(ctx, &kms.CreateGrantInput{KeyId: md.KeyId, GranteePrincipal: &granteeARN,
		Operations: grantOps("Encrypt", "Decrypt"), Name: aws.String("it-only"),
		Constraints: &kmstypes.GrantConstraints{EncryptionContextSubset: ec}})
	if err != nil {
		t.Fatal(err)
	}
	if len(*g.GrantId) != 64 || *g.GrantToken == "" {
		t.Errorf("grant %s token %q", *g.GrantId, *g.GrantToken)
	}
	if err := encrypt(map[string]string{"Department": "IT", "Project": "x"}); err != nil {
		t.Errorf("the grant does not allow Encrypt with its context: %v", err)
	}
	wantError(t, encrypt(nil), "AccessDeniedException", "kms:Encrypt")
	wantError(t, encrypt(map[string]string{"Department": "HR"}), "AccessDeniedException", "kms:Encrypt")
	_, err = grantee.GenerateDataKey(ctx, &kms.GenerateDataKeyInput{KeyId: md.KeyId, NumberOfBytes: aws.Int32(8), EncryptionContext: ec})
	wantError(t, err, "AccessDeniedException", "kms:GenerateDataKey") // not one of its operations

	ev := l.sim.Handler.Log().Snapshot()
	var allowedByGrant int
	for _, e := range ev {
		if e.EventName == "Encrypt" && e.ErrorCode == "" {
			if !strings.Contains(e.Note, "allowed by grant "+*g.GrantId) || len(e.Decisions) != 1 || !e.Decisions[0].Allowed() {
				t.Errorf("the event of a grant's Encrypt: %q %+v", e.Note, e.Decisions)
			}
			allowedByGrant++
		}
	}
	if allowedByGrant != 1 {
		t.Errorf("%d Encrypt events allowed by the grant", allowedByGrant)
	}

	// The same grant again is a retry, not a new grant.
	again, err := root.CreateGrant(ctx, &kms.CreateGrantInput{KeyId: md.KeyId, GranteePrincipal: &granteeARN,
		Operations: grantOps("Decrypt", "Encrypt"), Name: aws.String("it-only"),
		Constraints: &kmstypes.GrantConstraints{EncryptionContextSubset: ec}})
	if err != nil || *again.GrantId != *g.GrantId {
		t.Errorf("retry made another grant: %v", err)
	}
	list, err := root.ListGrants(ctx, &kms.ListGrantsInput{KeyId: md.KeyId})
	if err != nil || len(list.Grants) != 1 {
		t.Fatalf("ListGrants %+v %v", list, err)
	}
	lg := list.Grants[0]
	if *lg.GrantId != *g.GrantId || *lg.KeyId != *md.Arn || *lg.GranteePrincipal != granteeARN || *lg.Name != "it-only" ||
		*lg.IssuingAccount != "arn:aws:iam::123456789012:root" || len(lg.Operations) != 2 || lg.Constraints.EncryptionContextSubset["Department"] != "IT" {
		t.Errorf("grant entry %+v", lg)
	}

	// The grantee may not retire it (no RetireGrant operation, not its
	// retiring principal); the key's account may.
	_, err = grantee.RetireGrant(ctx, &kms.RetireGrantInput{KeyId: md.KeyId, GrantId: g.GrantId})
	wantError(t, err, "AccessDeniedException", "User: "+granteeARN+" is not authorized to perform: kms:RetireGrant on resource: "+*md.Arn)
	if _, err := root.RetireGrant(ctx, &kms.RetireGrantInput{GrantToken: g.GrantToken}); err != nil {
		t.Fatalf("root RetireGrant by token: %v", err)
	}
	wantError(t, encrypt(ec), "AccessDeniedException", "because no identity-based policy allows the kms:Encrypt action")
	_, err = root.RetireGrant(ctx, &kms.RetireGrantInput{GrantToken: g.GrantToken})
	wantError(t, err, "InvalidGrantTokenException", "")
}

// An explicit deny beats a grant: "A grant can allow access to a KMS key,
// but not deny access".
func TestKMSGrantCannotOverrideDeny(t *testing.T) {
	l := newLab(t, nil)
	root := l.rootKMS()
	md := newKMSKey(t, root, "")
	grantee, arn := l.kmsUser(t, "denied", `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"kms:*","Resource":"*"}]}`)
	if _, err := root.CreateGrant(ctx, &kms.CreateGrantInput{KeyId: md.KeyId, GranteePrincipal: &arn, Operations: grantOps("Encrypt")}); err != nil {
		t.Fatal(err)
	}
	_, err := grantee.Encrypt(ctx, &kms.EncryptInput{KeyId: md.KeyId, Plaintext: []byte("x")})
	wantError(t, err, "AccessDeniedException", "with an explicit deny in an identity-based policy")
}

// Retiring principals, RetireGrant as a grant operation, RevokeGrant,
// ListRetirableGrants, EncryptionContextEquals, and a role as grantee.
func TestKMSGrantLifecycle(t *testing.T) {
	l := newLab(t, nil)
	root := l.rootKMS()
	md := newKMSKey(t, root, "")
	retirer, retirerARN := l.kmsUser(t, "retirer", "")
	grantee, granteeARN := l.kmsUser(t, "grantee", "")
	g1, err := root.CreateGrant(ctx, &kms.CreateGrantInput{KeyId: md.Arn, GranteePrincipal: &granteeARN, RetiringPrincipal: &retirerARN,
		Operations: grantOps("Decrypt", "RetireGrant"), Constraints: &kmstypes.GrantConstraints{EncryptionContextEquals: map[string]string{"a": "1"}}})
	if err != nil {
		t.Fatal(err)
	}
	g2, err := root.CreateGrant(ctx, &kms.CreateGrantInput{KeyId: md.KeyId, GranteePrincipal: &granteeARN, RetiringPrincipal: &retirerARN, Operations: grantOps("Decrypt")})
	if err != nil {
		t.Fatal(err)
	}
	blobEq := encryptWith(t, root, *md.KeyId, "eq", map[string]string{"a": "1"})
	blobMore := encryptWith(t, root, *md.KeyId, "more", map[string]string{"a": "1", "b": "2"})
	if _, err := grantee.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: blobEq, EncryptionContext: map[string]string{"a": "1"}}); err != nil {
		t.Errorf("EncryptionContextEquals with the same context: %v", err)
	}
	if _, err := grantee.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: blobMore, EncryptionContext: map[string]string{"a": "1", "b": "2"}}); err != nil {
		t.Errorf("the unconstrained grant allows any context: %v", err)
	}
	retirable, err := root.ListRetirableGrants(ctx, &kms.ListRetirableGrantsInput{RetiringPrincipal: &retirerARN})
	if err != nil || len(retirable.Grants) != 2 {
		t.Errorf("ListRetirableGrants %+v %v", retirable, err)
	}
	// The grantee retires the grant that allows RetireGrant; the retiring
	// principal retires the other; RevokeGrant needs a policy.
	if _, err := grantee.RetireGrant(ctx, &kms.RetireGrantInput{KeyId: md.KeyId, GrantId: g1.GrantId}); err != nil {
		t.Errorf("grantee RetireGrant: %v", err)
	}
	_, err = grantee.RevokeGrant(ctx, &kms.RevokeGrantInput{KeyId: md.KeyId, GrantId: g2.GrantId})
	wantError(t, err, "AccessDeniedException", "because no identity-based policy allows the kms:RevokeGrant action")
	if _, err := retirer.RetireGrant(ctx, &kms.RetireGrantInput{KeyId: md.KeyId, GrantId: g2.GrantId}); err != nil {
		t.Errorf("retiring principal RetireGrant: %v", err)
	}
	_, err = grantee.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: blobMore, EncryptionContext: map[string]string{"a": "1", "b": "2"}})
	wantError(t, err, "AccessDeniedException", "kms:Decrypt")
	_, err = root.RevokeGrant(ctx, &kms.RevokeGrantInput{KeyId: md.KeyId, GrantId: g2.GrantId})
	wantError(t, err, "NotFoundException", "")

	// A role as grantee covers its sessions.
	g3, err := root.CreateGrant(ctx, &kms.CreateGrantInput{KeyId: md.KeyId, GranteePrincipal: aws.String(uploadARN), Operations: grantOps("GenerateDataKey")})
	if err != nil {
		t.Fatal(err)
	}
	cr := assumeUpload(t, l)
	role := l.kmsClient(cr.AccessKeyID, cr.SecretAccessKey, cr.SessionToken)
	if _, err := role.GenerateDataKey(ctx, &kms.GenerateDataKeyInput{KeyId: md.KeyId, NumberOfBytes: aws.Int32(16)}); err != nil {
		t.Errorf("role session with a grant to its role: %v", err)
	}
	if _, err := root.RevokeGrant(ctx, &kms.RevokeGrantInput{KeyId: md.KeyId, GrantId: g3.GrantId}); err != nil {
		t.Fatal(err)
	}
	_, err = role.GenerateDataKey(ctx, &kms.GenerateDataKeyInput{KeyId: md.KeyId, NumberOfBytes: aws.Int32(16)})
	wantError(t, err, "AccessDeniedException", "kms:GenerateDataKey")
}

// A grantee whose grant allows CreateGrant may grant no more than it has:
// "The grantee principal can only create grants that allow some or all of
// the operations in the parent grant" with constraints "at least as
// strict".
func TestKMSGrantDelegation(t *testing.T) {
	l := newLab(t, nil)
	root := l.rootKMS()
	md := newKMSKey(t, root, "")
	parent, parentARN := l.kmsUser(t, "parent", "")
	_, childARN := l.kmsUser(t, "child", "")
	subset := &kmstypes.GrantConstraints{EncryptionContextSubset: map[string]string{"app": "x"}}
	if _, err := root.CreateGrant(ctx, &kms.CreateGrantInput{KeyId: md.KeyId, GranteePrincipal: &parentARN,
		Operations: grantOps("Encrypt", "Decrypt", "CreateGrant"), Constraints: subset}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		in   kms.CreateGrantInput
		ok   bool
	}{
		{"fewer operations, same constraint", kms.CreateGrantInput{Operations: grantOps("Encrypt"), Constraints: subset}, true},
		{"stricter constraint", kms.CreateGrantInput{Operations: grantOps("Decrypt"),
			Constraints: &kmstypes.GrantConstraints{EncryptionContextEquals: map[string]string{"app": "x", "env": "prod"}}}, true},
		{"an operation it lacks", kms.CreateGrantInput{Operations: grantOps("Encrypt", "GenerateDataKey"), Constraints: subset}, false},
		{"no constraint", kms.CreateGrantInput{Operations: grantOps("Encrypt")}, false},
		{"a looser constraint", kms.CreateGrantInput{Operations: grantOps("Encrypt"),
			Constraints: &kmstypes.GrantConstraints{EncryptionContextSubset: map[string]string{"env": "prod"}}}, false},
	} {
		in := tc.in
		in.KeyId, in.GranteePrincipal = md.KeyId, &childARN
		_, err := parent.CreateGrant(ctx, &in)
		if tc.ok && err != nil {
			t.Errorf("%s: %v", tc.name, err)
		}
		if !tc.ok {
			code, msg := apiError(err)
			if code != "AccessDeniedException" || !strings.Contains(msg, "kms:CreateGrant") {
				t.Errorf("%s: %s %s", tc.name, code, msg)
			}
		}
	}
}

// CreateGrant's own checks and condition keys.
func TestKMSCreateGrantChecks(t *testing.T) {
	l := newLab(t, nil)
	root := l.rootKMS()
	md := newKMSKey(t, root, "")
	for _, tc := range []struct {
		name      string
		in        kms.CreateGrantInput
		code, msg string
	}{
		{"only CreateGrant", kms.CreateGrantInput{GranteePrincipal: aws.String(uploadARN), Operations: grantOps("CreateGrant")},
			"ValidationException", "Grants must not contain only the CreateGrant operation."},
		{"unknown operation", kms.CreateGrantInput{GranteePrincipal: aws.String(uploadARN), Operations: grantOps("Destroy")},
			"ValidationException", "Member must satisfy enum value set"},
		{"asymmetric operation", kms.CreateGrantInput{GranteePrincipal: aws.String(uploadARN), Operations: grantOps("Sign")},
			"ValidationException", "Sign"},
		{"no such user", kms.CreateGrantInput{GranteePrincipal: aws.String("arn:aws:iam::123456789012:user/nobody"), Operations: grantOps("Encrypt")},
			"InvalidArnException", "arn:aws:iam::123456789012:user/nobody is not a valid principal"},
		{"a service", kms.CreateGrantInput{GranteePrincipal: aws.String("s3.amazonaws.com"), Operations: grantOps("Encrypt")},
			"InvalidArnException", ""},
		{"both constraints", kms.CreateGrantInput{GranteePrincipal: aws.String(uploadARN), Operations: grantOps("Encrypt"),
			Constraints: &kmstypes.GrantConstraints{EncryptionContextEquals: map[string]string{"a": "b"}, EncryptionContextSubset: map[string]string{"a": "b"}}},
			"ValidationException", ""},
	} {
		in := tc.in
		in.KeyId = md.KeyId
		_, err := root.CreateGrant(ctx, &in)
		code, msg := apiError(err)
		if code != tc.code || !strings.Contains(msg, tc.msg) {
			t.Errorf("%s: %s: %s", tc.name, code, msg)
		}
	}
	// kms:GrantOperations, kms:GranteePrincipal and kms:GrantIsForAWSResource
	// in an IAM policy.
	c, _ := l.kmsUser(t, "granter", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:CreateGrant","Resource":"*",
		"Condition":{"ForAllValues:StringEquals":{"kms:GrantOperations":["Encrypt","ReEncryptTo"]},
		"StringEquals":{"kms:GranteePrincipal":"`+uploadARN+`"},"Bool":{"kms:GrantIsForAWSResource":"false"}}}]}`)
	if _, err := c.CreateGrant(ctx, &kms.CreateGrantInput{KeyId: md.KeyId, GranteePrincipal: aws.String(uploadARN), Operations: grantOps("Encrypt")}); err != nil {
		t.Errorf("allowed CreateGrant: %v", err)
	}
	_, err := c.CreateGrant(ctx, &kms.CreateGrantInput{KeyId: md.KeyId, GranteePrincipal: aws.String(uploadARN), Operations: grantOps("Encrypt", "Decrypt")})
	wantError(t, err, "AccessDeniedException", "kms:CreateGrant")
	_, err = c.CreateGrant(ctx, &kms.CreateGrantInput{KeyId: md.KeyId, GranteePrincipal: aws.String("arn:aws:iam::123456789012:user/app"), Operations: grantOps("Encrypt")})
	wantError(t, err, "AccessDeniedException", "kms:CreateGrant")
	// The seed's key policy lets key users create grants only for AWS
	// services (kms:GrantIsForAWSResource), so the application cannot.
	_, err = l.kmsClient(appKey, appSec, "").CreateGrant(ctx, &kms.CreateGrantInput{KeyId: aws.String(seedKeyID),
		GranteePrincipal: aws.String(uploadARN), Operations: grantOps("Decrypt")})
	wantError(t, err, "AccessDeniedException", "kms:CreateGrant")
}

// The event log: one line per KMS call with the decision and its trace.
func TestKMSEvents(t *testing.T) {
	l := newLab(t, nil)
	app := l.kmsClient(appKey, appSec, "")
	if _, err := app.Encrypt(ctx, &kms.EncryptInput{KeyId: aws.String(seedAlias), Plaintext: []byte("top secret"),
		EncryptionContext: map[string]string{"k": "v"}}); err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(l.srv.URL + "/_iamlab/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	lines := strings.Split(strings.TrimSpace(string(body)), "\n")
	var rec struct {
		EventSource       string
		EventName         string
		RequestParameters map[string]any
		IAMLab            struct {
			Decision string
			Trace    json.RawMessage
		} `json:"iamlab"`
	}
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &rec); err != nil {
		t.Fatal(err)
	}
	if rec.EventSource != "kms.amazonaws.com" || rec.EventName != "Encrypt" || rec.IAMLab.Decision != "allowed" ||
		rec.RequestParameters["KeyId"] != seedAlias || len(rec.IAMLab.Trace) < 10 {
		t.Errorf("event %s", lines[len(lines)-1])
	}
	if strings.Contains(string(body), "top secret") || strings.Contains(string(body), "dG9wIHNlY3JldA") {
		t.Error("the event log holds the plaintext")
	}
	if !strings.Contains(lines[len(lines)-1], "key policy") {
		t.Error("the trace does not name the key policy")
	}
	// CreateKey and CreateGrant record what CloudTrail shows of their answers.
	root := l.rootKMS()
	md := newKMSKey(t, root, "")
	g, err := root.CreateGrant(ctx, &kms.CreateGrantInput{KeyId: md.KeyId, GranteePrincipal: aws.String(uploadARN), Operations: grantOps("Decrypt")})
	if err != nil {
		t.Fatal(err)
	}
	ev := l.sim.Handler.Log().Snapshot()
	create, grant := ev[len(ev)-2], ev[len(ev)-1]
	if km, _ := create.ResponseElements["keyMetadata"].(map[string]any); km["keyId"] != *md.KeyId || km["keyState"] != "Enabled" {
		t.Errorf("CreateKey responseElements %v", create.ResponseElements)
	}
	if grant.ResponseElements["grantId"] != *g.GrantId || len(grant.ResponseElements) != 1 {
		t.Errorf("CreateGrant responseElements %v (never the token)", grant.ResponseElements)
	}
}

func assumeUpload(t *testing.T, l *lab) aws.Credentials {
	return assume(t, l.sts(appKey, appSec, ""), &sts.AssumeRoleInput{RoleArn: aws.String(uploadARN), RoleSessionName: aws.String("upload")})
}
