package sim_test

import (
	"crypto/sha1"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/iamlab/iamlab/sim/samlidp"
	"github.com/iamlab/iamlab/sim/world"
)

// The seed's SAML federation (docs/world.md).
const (
	adfs        = "example-corp-adfs"
	adfsIssuer  = "http://adfs.example.com/adfs/services/trust"
	providerARN = "arn:aws:iam::123456789012:saml-provider/ExampleCorpADFS"
	fedRoleARN  = "arn:aws:iam::123456789012:role/XX-saml-federated-role"
)

// samlWorld is the seed with more users at its IdP (odd attributes), a
// rogue IdP that claims the same entity ID with another key, and a role
// whose trust policy leaves out sts:TagSession.
func samlWorld(t testing.TB) *world.File {
	t.Helper()
	f := world.SeedFile()
	a := &f.Accounts[0]
	var idps []samlidp.FileIdP
	if err := json.Unmarshal(a.Sections["samlIdps"], &idps); err != nil {
		t.Fatal(err)
	}
	pair := fedRoleARN + "," + providerARN
	noTags := "arn:aws:iam::123456789012:role/saml-no-tags," + providerARN
	idps[0].Users = append(idps[0].Users,
		samlidp.User{Name: "spaced", Roles: []string{pair}, SessionName: "has space"},
		samlidp.User{Name: "aws-source", Roles: []string{pair}, SourceIdentity: "aws:me"},
		samlidp.User{Name: "short", Roles: []string{pair}, SessionDuration: 900},
		samlidp.User{Name: "bad-duration", Roles: []string{pair}, SessionDuration: 600},
		samlidp.User{Name: "tagged", Roles: []string{noTags, pair}, Tags: map[string]string{"Project": "Unicorn"}, TransitiveTagKeys: []string{"Project"}},
		samlidp.User{Name: "untagged", Roles: []string{noTags}, NameIDFormat: "transient",
			Attributes: map[string][]string{"urn:oid:1.3.6.1.4.1.5923.1.1.1.1": {"staff", "member"}}},
	)
	idps = append(idps, samlidp.FileIdP{Name: "rogue", EntityID: adfsIssuer, Users: []samlidp.User{{Name: "alice", Roles: []string{pair}}}})
	raw, err := json.Marshal(idps)
	if err != nil {
		t.Fatal(err)
	}
	a.Sections["samlIdps"] = raw
	a.Roles = append(a.Roles, world.FileEntity{Name: "saml-no-tags", TrustPolicy: json.RawMessage(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
		"Principal":{"Federated":"` + providerARN + `"},"Action":"sts:AssumeRoleWithSAML",
		"Condition":{"ForAnyValue:StringEquals":{"saml:edupersonaffiliation":"staff"},"StringEquals":{"saml:sub_type":"transient"}}}]}`)})
	return f
}

// issue is a base64 SAML response of the lab's IdP for opts.
func (l *lab) issue(t testing.TB, idp string, o samlidp.Options) string {
	t.Helper()
	s, err := samlidp.Issue(l.sim.World, idp, o)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func (l *lab) withSAML(assertion, role, provider string) (*sts.AssumeRoleWithSAMLOutput, error) {
	return l.anonSTS().AssumeRoleWithSAML(ctx, &sts.AssumeRoleWithSAMLInput{RoleArn: aws.String(role),
		PrincipalArn: aws.String(provider), SAMLAssertion: aws.String(assertion)})
}

func TestAssumeRoleWithSAML(t *testing.T) {
	l := newLab(t, nil)
	// The way a learner gets an assertion: the IdP's HTTP endpoint.
	resp, err := http.Get(l.srv.URL + samlidp.Path + adfs + "/sso?user=alice")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("%d %s", resp.StatusCode, b)
	}
	out, err := l.withSAML(strings.TrimSpace(string(b)), fedRoleARN, providerARN)
	if err != nil {
		t.Fatal(err)
	}
	// NameQualifier: "BASE64 ( SHA1 ( issuer + account + "/" + provider name ) )".
	h := sha1.Sum([]byte(adfsIssuer + "123456789012/ExampleCorpADFS"))
	want := map[string]string{
		"Subject": "alice@example.com", "SubjectType": "persistent", "Issuer": adfsIssuer,
		"Audience": "https://signin.aws.amazon.com/saml", "NameQualifier": base64.StdEncoding.EncodeToString(h[:]),
		"Arn": "arn:aws:sts::123456789012:assumed-role/XX-saml-federated-role/alice@example.com",
	}
	got := map[string]string{"Subject": aws.ToString(out.Subject), "SubjectType": aws.ToString(out.SubjectType), "Issuer": aws.ToString(out.Issuer),
		"Audience": aws.ToString(out.Audience), "NameQualifier": aws.ToString(out.NameQualifier), "Arn": aws.ToString(out.AssumedRoleUser.Arn)}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	if d := time.Until(*out.Credentials.Expiration); d < 59*time.Minute || d > 61*time.Minute {
		t.Errorf("the session lasts %v, want the default hour", d)
	}
	cr := out.Credentials
	id, err := l.sts(*cr.AccessKeyId, *cr.SecretAccessKey, *cr.SessionToken).GetCallerIdentity(ctx, nil)
	if err != nil || *id.Arn != want["Arn"] {
		t.Fatalf("GetCallerIdentity = %v, %v", id, err)
	}

	// saml:sub and saml:sub_type reach later calls of the session, and the
	// Department tag became a principal tag.
	_, err = l.rootIAM().PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("XX-saml-federated-role"), PolicyName: aws.String("alice-only"),
		PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:CreateUser","Resource":"*",
		"Condition":{"StringEquals":{"saml:sub":"alice@example.com","saml:sub_type":"persistent","aws:PrincipalTag/Department":"Engineering"}}}]}`)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.iam(*cr.AccessKeyId, *cr.SecretAccessKey, *cr.SessionToken).CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("made-by-alice")}); err != nil {
		t.Errorf("CreateUser under the saml:sub condition: %v", err)
	}

	recs, _ := l.events(t)
	var rec *record
	for i := range recs {
		if recs[i].EventName == "AssumeRoleWithSAML" {
			rec = &recs[i]
		}
	}
	if rec == nil || rec.UserIdentity.Type != "SAMLUser" || rec.IAMLab.Decision != "allowed" || len(rec.IAMLab.Checks) != 2 ||
		rec.RequestParameters["roleSessionName"] != "alice@example.com" {
		t.Errorf("event %+v", rec)
	}
}

// TestAssumeRoleWithSAMLSignings: STS takes a signed assertion, a signed
// response, or both; the session's tags, SessionDuration and the saml:
// attribute keys of the trust policy.
func TestAssumeRoleWithSAMLVariants(t *testing.T) {
	l := newLab(t, samlWorld(t))
	for _, s := range []samlidp.Signing{samlidp.SignAssertion, samlidp.SignResponse, samlidp.SignBoth} {
		if _, err := l.withSAML(l.issue(t, adfs, samlidp.Options{User: "alice", Signing: s}), fedRoleARN, providerARN); err != nil {
			t.Errorf("signing %d: %v", s, err)
		}
	}
	// Regional sign-in endpoints are AWS's too (but the seed's trust policy
	// wants the global one: TestAssumeRoleWithSAMLRefused).
	out, err := l.withSAML(l.issue(t, adfs, samlidp.Options{User: "short", Recipient: "https://eu-west-1.signin.aws.amazon.com/saml", Audience: "urn:amazon:webservices"}),
		"arn:aws:iam::123456789012:role/XX-saml-federated-role", providerARN)
	if err == nil {
		t.Errorf("the regional recipient passed the seed's SAML:aud condition: %v", out)
	}
	out, err = l.withSAML(l.issue(t, adfs, samlidp.Options{User: "short", Audience: "urn:amazon:webservices"}), fedRoleARN, providerARN)
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Until(*out.Credentials.Expiration); d > 16*time.Minute {
		t.Errorf("SessionDuration 900 did not shorten the session: %v", d)
	}
	// A transient subject with eduPersonAffiliation staff, by the trust
	// policy's saml:edupersonaffiliation and saml:sub_type conditions.
	out, err = l.withSAML(l.issue(t, adfs, samlidp.Options{User: "untagged"}), "arn:aws:iam::123456789012:role/saml-no-tags", providerARN)
	if err != nil {
		t.Fatal(err)
	}
	if *out.SubjectType != "transient" {
		t.Errorf("SubjectType %s", *out.SubjectType)
	}
}

func TestAssumeRoleWithSAMLRefused(t *testing.T) {
	l := newLab(t, samlWorld(t))
	alice := l.issue(t, adfs, samlidp.Options{User: "alice"})
	xml, _ := base64.StdEncoding.DecodeString(alice)
	enc := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	edit := func(old, new string) string {
		if !strings.Contains(string(xml), old) {
			t.Fatalf("the response has no %q", old)
		}
		return enc(strings.Replace(string(xml), old, new, 1))
	}
	signed := string(xml)
	start, end := strings.Index(signed, "<saml:Assertion"), strings.Index(signed, "</saml:Assertion>")+len("</saml:Assertion>")
	original := signed[start:end]
	evil := strings.Replace(original, "alice@example.com</saml:AttributeValue>", "mallory</saml:AttributeValue>", 1)
	evil = strings.Replace(evil, `ID="_`, `ID="_evil`, 1)
	evilUnsigned := evil[:strings.Index(evil, "<ds:Signature")] + evil[strings.Index(evil, "</ds:Signature>")+len("</ds:Signature>"):]
	// Wrapping 1: the signed assertion hidden in Extensions, an unsigned
	// one where STS reads.
	wrapped := signed[:start] + `<samlp:Extensions>` + original + `</samlp:Extensions>` + evilUnsigned + signed[end:]
	// Wrapping 2: the changed assertion keeps the original ID and
	// signature, the original sits beside it.
	sameID := strings.Replace(evil, `ID="_evil`, `ID="_`, 1)
	twin := signed[:start] + sameID + `<samlp:Extensions>` + original + `</samlp:Extensions>` + signed[end:]

	missing := "arn:aws:iam::123456789012:saml-provider/Nope"
	for _, tc := range []struct {
		name, assertion, role, provider string
		code, msg                       string
	}{
		{"tampered attribute", edit("alice@example.com</saml:AttributeValue>", "root</saml:AttributeValue>"), fedRoleARN, providerARN, "InvalidIdentityToken", "Response signature invalid"},
		{"tampered subject", edit(">alice@example.com</saml:NameID>", ">bob@example.com</saml:NameID>"), fedRoleARN, providerARN, "InvalidIdentityToken", "Response signature invalid"},
		{"wrapped: signed assertion moved aside", enc(wrapped), fedRoleARN, providerARN, "InvalidIdentityToken", "Response signature invalid"},
		{"wrapped: same ID twice", enc(twin), fedRoleARN, providerARN, "InvalidIdentityToken", "Response signature invalid"},
		{"unsigned", l.issue(t, adfs, samlidp.Options{User: "alice", Signing: samlidp.SignNone}), fedRoleARN, providerARN, "InvalidIdentityToken", "Response signature invalid"},
		{"another IdP's key", l.issue(t, "rogue", samlidp.Options{User: "alice"}), fedRoleARN, providerARN, "InvalidIdentityToken", "Response signature invalid"},
		{"wrong audience", l.issue(t, adfs, samlidp.Options{User: "alice", Audience: "urn:example:another-sp"}), fedRoleARN, providerARN, "InvalidIdentityToken", "Response does not contain the required audience."},
		{"recipient not AWS", l.issue(t, adfs, samlidp.Options{User: "alice", Recipient: "https://sp.example.com/saml"}), fedRoleARN, providerARN, "InvalidIdentityToken", "Recipient"},
		{"expired", l.issue(t, adfs, samlidp.Options{User: "alice", Lifetime: -time.Second}), fedRoleARN, providerARN, "ExpiredTokenException", "expired"},
		{"role and provider pair missing", l.issue(t, adfs, samlidp.Options{User: "bob"}), fedRoleARN, providerARN, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithSAML"},
		{"a role the assertion does not name", alice, uploadARN, providerARN, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithSAML"},
		{"unknown provider", alice, fedRoleARN, missing, "InvalidIdentityToken", "Specified provider doesn't exist."},
		{"trust policy condition on SAML:aud", l.issue(t, adfs, samlidp.Options{User: "alice", Recipient: "https://eu-west-1.signin.aws.amazon.com/saml"}), fedRoleARN, providerARN, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithSAML"},
		{"session tags without sts:TagSession", l.issue(t, adfs, samlidp.Options{User: "tagged"}), "arn:aws:iam::123456789012:role/saml-no-tags", providerARN, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithSAML"},
		{"RoleSessionName with a space", l.issue(t, adfs, samlidp.Options{User: "spaced"}), fedRoleARN, providerARN, "InvalidIdentityToken", "RoleSessionName in AuthnResponse must match"},
		{"SourceIdentity aws:", l.issue(t, adfs, samlidp.Options{User: "aws-source"}), fedRoleARN, providerARN, "InvalidIdentityToken", "Source Identity must match"},
		{"SessionDuration under 900", l.issue(t, adfs, samlidp.Options{User: "bad-duration"}), fedRoleARN, providerARN, "InvalidIdentityToken", "SessionDuration"},
		{"not base64", "%%%not base64%%%", fedRoleARN, providerARN, "InvalidIdentityToken", "Invalid base64 SAMLResponse"},
		{"not XML", enc("<samlp:Response"), fedRoleARN, providerARN, "InvalidIdentityToken", "Invalid SAML Response"},
		{"a DTD", enc(`<!DOCTYPE r [<!ENTITY x "y">]>` + signed[strings.Index(signed, "<samlp:Response"):]), fedRoleARN, providerARN, "InvalidIdentityToken", "Invalid SAML Response"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := l.withSAML(tc.assertion, tc.role, tc.provider)
			wantError(t, err, tc.code, tc.msg)
		})
	}

	// The engine's trace names the condition that failed.
	_, err := l.withSAML(l.issue(t, adfs, samlidp.Options{User: "alice", Recipient: "https://eu-west-1.signin.aws.amazon.com/saml"}), fedRoleARN, providerARN)
	wantError(t, err, "AccessDenied", "Not authorized")
	recs, raw := l.events(t)
	last := recs[len(recs)-1]
	lines := strings.Split(strings.TrimSpace(raw), "\n")
	if last.IAMLab.Decision != "implicitDeny" || last.IAMLab.Checks[0].Action != "sts:AssumeRoleWithSAML" ||
		!strings.Contains(lines[len(lines)-1], "SAML:aud") || !strings.Contains(lines[len(lines)-1], "eu-west-1.signin.aws.amazon.com") {
		t.Errorf("the trace does not name SAML:aud: %s", lines[len(lines)-1])
	}

	// STS redeems an assertion within 5 minutes of its issuance, even one
	// that says it is valid for an hour.
	late := l.issue(t, adfs, samlidp.Options{User: "alice", Lifetime: time.Hour})
	l.clock.advance(6 * time.Minute)
	_, err = l.withSAML(late, fedRoleARN, providerARN)
	wantError(t, err, "ExpiredTokenException", "Token must be redeemed within 5 minutes of issuance")

	// Parameters as STS checks them.
	_, err = l.anonSTS().AssumeRoleWithSAML(ctx, &sts.AssumeRoleWithSAMLInput{RoleArn: aws.String(fedRoleARN), PrincipalArn: aws.String(providerARN),
		SAMLAssertion: aws.String(l.issue(t, adfs, samlidp.Options{User: "alice"})), DurationSeconds: aws.Int32(7200)})
	wantError(t, err, "ValidationError", "MaxSessionDuration")
	_, err = l.anonSTS().AssumeRoleWithSAML(ctx, &sts.AssumeRoleWithSAMLInput{RoleArn: aws.String(fedRoleARN), PrincipalArn: aws.String(providerARN),
		SAMLAssertion: aws.String(l.issue(t, adfs, samlidp.Options{User: "alice"})), Policy: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*"}]}`)})
	wantError(t, err, "MalformedPolicyDocument", "Resource")
}

// TestSAMLProviders: the IAM operations through the SDK, allowed for the
// root user and denied to a user without IAM permissions.
func TestSAMLProviders(t *testing.T) {
	l := newLab(t, nil)
	resp, err := http.Get(l.srv.URL + samlidp.Path + adfs + "/metadata")
	if err != nil {
		t.Fatal(err)
	}
	meta, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	c := l.rootIAM()
	arn := "arn:aws:iam::123456789012:saml-provider/Second"
	created, err := c.CreateSAMLProvider(ctx, &iam.CreateSAMLProviderInput{Name: aws.String("Second"), SAMLMetadataDocument: aws.String(string(meta)),
		Tags: []iamtypes.Tag{{Key: aws.String("team"), Value: aws.String("it")}}})
	if err != nil {
		t.Fatal(err)
	}
	if *created.SAMLProviderArn != arn || len(created.Tags) != 1 {
		t.Errorf("created %v %v", *created.SAMLProviderArn, created.Tags)
	}
	got, err := c.GetSAMLProvider(ctx, &iam.GetSAMLProviderInput{SAMLProviderArn: aws.String(arn)})
	if err != nil {
		t.Fatal(err)
	}
	if *got.SAMLMetadataDocument != string(meta) || got.ValidUntil.Before(time.Now().AddDate(99, 0, 0)) || len(*got.SAMLProviderUUID) < 22 {
		t.Errorf("GetSAMLProvider %+v", got)
	}
	list, err := c.ListSAMLProviders(ctx, &iam.ListSAMLProvidersInput{})
	if err != nil || len(list.SAMLProviderList) != 2 {
		t.Fatalf("ListSAMLProviders %v %v", list, err)
	}
	if _, err := c.UpdateSAMLProvider(ctx, &iam.UpdateSAMLProviderInput{SAMLProviderArn: aws.String(arn), SAMLMetadataDocument: aws.String(string(meta))}); err != nil {
		t.Error(err)
	}
	// The new provider is one STS trusts at once: alice's assertion names
	// ExampleCorpADFS, not Second, so the pair is missing, but the
	// signature and provider pass.
	_, err = l.withSAML(l.issue(t, adfs, samlidp.Options{User: "alice"}), fedRoleARN, arn)
	wantError(t, err, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithSAML")

	for _, tc := range []struct {
		name string
		call func() error
		code string
		msg  string
	}{
		{"duplicate", func() error {
			_, err := c.CreateSAMLProvider(ctx, &iam.CreateSAMLProviderInput{Name: aws.String("second"), SAMLMetadataDocument: aws.String(string(meta))})
			return err
		}, "EntityAlreadyExists", "Provider with name second already exists."},
		{"not metadata", func() error {
			_, err := c.CreateSAMLProvider(ctx, &iam.CreateSAMLProviderInput{Name: aws.String("Bad"), SAMLMetadataDocument: aws.String("<x>" + strings.Repeat("y", 1000) + "</x>")})
			return err
		}, "InvalidInput", "Could not parse metadata."},
		{"too short", func() error {
			_, err := c.CreateSAMLProvider(ctx, &iam.CreateSAMLProviderInput{Name: aws.String("Bad"), SAMLMetadataDocument: aws.String("<x/>")})
			return err
		}, "ValidationError", "sAMLMetadataDocument"},
		{"bad name", func() error {
			_, err := c.CreateSAMLProvider(ctx, &iam.CreateSAMLProviderInput{Name: aws.String("a b"), SAMLMetadataDocument: aws.String(string(meta))})
			return err
		}, "ValidationError", "name"},
		{"not a provider ARN", func() error {
			_, err := c.GetSAMLProvider(ctx, &iam.GetSAMLProviderInput{SAMLProviderArn: aws.String("arn:aws:iam::123456789012:role/XX-s3-upload-role")})
			return err
		}, "InvalidInput", "is not valid"},
	} {
		t.Run(tc.name, func(t *testing.T) { wantError(t, tc.call(), tc.code, tc.msg) })
	}

	// app has no permission for any of them.
	app := l.iam(appKey, appSec, "")
	denied := []func() error{
		func() error {
			_, err := app.CreateSAMLProvider(ctx, &iam.CreateSAMLProviderInput{Name: aws.String("Third"), SAMLMetadataDocument: aws.String(string(meta))})
			return err
		},
		func() error {
			_, err := app.GetSAMLProvider(ctx, &iam.GetSAMLProviderInput{SAMLProviderArn: aws.String(arn)})
			return err
		},
		func() error { _, err := app.ListSAMLProviders(ctx, &iam.ListSAMLProvidersInput{}); return err },
		func() error {
			_, err := app.UpdateSAMLProvider(ctx, &iam.UpdateSAMLProviderInput{SAMLProviderArn: aws.String(arn), SAMLMetadataDocument: aws.String(string(meta))})
			return err
		},
		func() error {
			_, err := app.DeleteSAMLProvider(ctx, &iam.DeleteSAMLProviderInput{SAMLProviderArn: aws.String(arn)})
			return err
		},
	}
	for i, op := range []string{"CreateSAMLProvider", "GetSAMLProvider", "ListSAMLProviders", "UpdateSAMLProvider", "DeleteSAMLProvider"} {
		wantError(t, denied[i](), "AccessDenied", "User: arn:aws:iam::123456789012:user/app is not authorized to perform: iam:"+op)
	}

	if _, err := c.DeleteSAMLProvider(ctx, &iam.DeleteSAMLProviderInput{SAMLProviderArn: aws.String(arn)}); err != nil {
		t.Fatal(err)
	}
	_, err = c.GetSAMLProvider(ctx, &iam.GetSAMLProviderInput{SAMLProviderArn: aws.String(arn)})
	wantError(t, err, "NoSuchEntity", arn)
	_, err = l.withSAML(l.issue(t, adfs, samlidp.Options{User: "alice"}), fedRoleARN, arn)
	wantError(t, err, "InvalidIdentityToken", "Specified provider doesn't exist.")
}

// TestSAMLIdPEndpoints: the simulated IdP's HTTP answers.
func TestSAMLIdPEndpoints(t *testing.T) {
	l := newLab(t, nil)
	get := func(path string) (int, string) {
		resp, err := http.Get(l.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for _, tc := range []struct {
		path string
		code int
		has  string
	}{
		{samlidp.Path, 200, `"entityId": "` + adfsIssuer + `"`},
		{samlidp.Path + adfs + "/metadata", 200, `entityID="` + adfsIssuer + `"`},
		{samlidp.Path + adfs + "/sso?user=alice&format=xml", 200, "<saml:Attribute Name=\"https://aws.amazon.com/SAML/Attributes/Role\">"},
		{samlidp.Path + adfs + "/sso?user=alice&role=" + uploadARN, 400, "may not use the role"},
		{samlidp.Path + adfs + "/sso?user=nobody", 400, "no user"},
		{samlidp.Path + adfs + "/sso", 400, "give the user"},
		{samlidp.Path + adfs + "/sso?user=alice&sign=maybe", 400, "sign is"},
		{samlidp.Path + "nope/metadata", 404, "no simulated identity provider"},
		{samlidp.Path + adfs + "/other", 404, "endpoints are"},
	} {
		code, body := get(tc.path)
		if code != tc.code || !strings.Contains(body, tc.has) {
			t.Errorf("GET %s = %d %.200s; want %d with %q", tc.path, code, body, tc.code, tc.has)
		}
	}
	req, _ := http.NewRequest(http.MethodDelete, l.srv.URL+samlidp.Path+adfs+"/metadata", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("DELETE = %d", resp.StatusCode)
	}
}
