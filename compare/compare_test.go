package compare_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/iamlab/iamlab/catalog/embedded"
	"github.com/iamlab/iamlab/compare"
	"github.com/iamlab/iamlab/sim"
	"github.com/iamlab/iamlab/sim/handler"
	"github.com/iamlab/iamlab/sim/world"
)

// simulatedIAM is an IAM client of the simulated AWS in process, signed
// with the keys of key (the default world's root user when empty).
func simulatedIAM(t testing.TB, f *world.File, key, secret string) *iam.Client {
	t.Helper()
	s, err := sim.New(sim.Config{File: f})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if key == "" {
		key, secret = world.DefaultRootKeyID, world.DefaultRootSecret
	}
	return iam.NewFromConfig(aws.Config{
		Region:           "us-east-1",
		Credentials:      credentials.NewStaticCredentialsProvider(key, secret, ""),
		HTTPClient:       &http.Client{Transport: &handler.Transport{Handler: s.Handler}},
		RetryMaxAttempts: 1,
	})
}

// scenarios reads every scenario file of the corpora.
func scenarios(t *testing.T) map[string]string {
	out := map[string]string{}
	for _, dir := range []string{"../testdata/sample", "../testdata/conformance", "../site/examples"} {
		err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
				return err
			}
			b, err := os.ReadFile(p)
			out[p] = string(b)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(out) < 100 {
		t.Fatalf("read %d scenarios", len(out))
	}
	return out
}

// TestCorporaSimulatedAsDecided: every scenario of the corpora that the
// simulator can be given whole (no note says it lacks a part) is decided
// by the simulated IAM's SimulateCustomPolicy as the engine decides it:
// the question keeps the policies, the caller, the resource's owner and
// the context. The others still get an answer.
func TestCorporaSimulatedAsDecided(t *testing.T) {
	client := simulatedIAM(t, nil, "", "")
	cat := embedded.Catalog()
	whole, partial := 0, 0
	for path, text := range scenarios(t) {
		q, err := compare.Build(text, cat)
		if err != nil {
			continue // a scenario the engine refuses (the corpora hold some on purpose)
		}
		a, err := compare.Ask(context.Background(), q, client)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if a.Custom.Error != nil {
			t.Errorf("%s: SimulateCustomPolicy refused: %s %s", path, a.Custom.Error.Code, a.Custom.Error.Msg)
			continue
		}
		if lacks(q.Notes) {
			partial++
			continue
		}
		whole++
		if !a.Custom.Same {
			t.Errorf("%s: AWS's simulator (simulated) says %s, the engine %s", path, a.Custom.Decision, a.Ours)
		}
	}
	t.Logf("%d scenarios given whole, %d in part", whole, partial)
	if whole < 300 || partial < 20 {
		t.Errorf("only %d scenarios given whole and %d in part", whole, partial)
	}
}

func lacks(notes []compare.Note) bool {
	for _, n := range notes {
		if n.Lacks {
			return true
		}
	}
	return false
}

// TestBuild: the parameters and notes of a few scenarios.
func TestBuild(t *testing.T) {
	cat := embedded.Catalog()
	const allow = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`
	for _, tc := range []struct {
		name, scenario string
		caller, owner  string // CallerArn and ResourceOwner sent ("" none)
		resourceSent   bool
		principal      string // PolicySourceArn ("" none)
		types          map[string]string
		notes          []string // codes of the notes that say a part is lacking
	}{
		{name: "a user, typed context keys",
			scenario: `{"request":{"principal":"arn:aws:iam::111122223333:user/alice","action":"s3:ListBucket","resource":"arn:aws:s3:::b",
				"context":{"aws:SourceIp":"203.0.113.9","aws:TagKeys":["a","b"],"aws:MultiFactorAuthPresent":"true","s3:max-keys":"10","aws:CurrentTime":"2024-01-01T00:00:00Z"}},
				"identityPolicies":[{"name":"P","document":` + allow + `}]}`,
			caller: "arn:aws:iam::111122223333:user/alice", principal: "arn:aws:iam::111122223333:user/alice",
			types: map[string]string{"aws:SourceIp": "ip", "aws:TagKeys": "stringList", "aws:MultiFactorAuthPresent": "boolean",
				"s3:max-keys": "numeric", "aws:CurrentTime": "date", "aws:PrincipalArn": "string", "aws:username": "string"}},
		{name: "a bucket policy of another account",
			scenario: `{"request":{"principal":"arn:aws:iam::111122223333:user/alice","action":"s3:GetObject","resource":"arn:aws:s3:::b/k","resourceAccount":"444455556666"},
				"identityPolicies":[{"name":"P","document":` + allow + `}],
				"resourcePolicy":{"name":"B","document":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}}}`,
			caller: "arn:aws:iam::111122223333:user/alice", owner: "arn:aws:iam::444455556666:root", resourceSent: true, principal: "arn:aws:iam::111122223333:user/alice"},
		{name: "a role session with a session policy and SCPs",
			scenario: `{"request":{"principal":"arn:aws:sts::111122223333:assumed-role/Ops/s","action":"s3:GetObject","resource":"arn:aws:s3:::b/k"},
				"identityPolicies":[{"name":"P","document":` + allow + `}],"sessionPolicy":{"name":"S","document":` + allow + `},
				"serviceControlPolicies":[{"target":"r-root","policies":[{"name":"F","document":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}}]}]}`,
			principal: "arn:aws:iam::111122223333:role/Ops", notes: []string{"session", "scp"}},
		{name: "a trust policy",
			scenario: `{"request":{"principal":"arn:aws:iam::111122223333:user/alice","action":"sts:AssumeRole","resource":"arn:aws:iam::111122223333:role/R"},
				"identityPolicies":[{"name":"P","arn":"arn:aws:iam::aws:policy/AdministratorAccess"}],
				"resourcePolicy":{"name":"T","document":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"}]}}}`,
			caller: "arn:aws:iam::111122223333:user/alice", principal: "arn:aws:iam::111122223333:user/alice", notes: []string{"trust"}},
		{name: "the root user",
			scenario: `{"request":{"principal":"arn:aws:iam::111122223333:root","action":"s3:GetObject","resource":"arn:aws:s3:::b/k"}}`,
			notes:    []string{"caller"}},
		{name: "cross-account without a resource policy",
			scenario: `{"request":{"principal":"arn:aws:iam::111122223333:user/alice","action":"iam:GetUser","resource":"arn:aws:iam::444455556666:user/bob"},
				"identityPolicies":[{"name":"P","document":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"}]}}]}`,
			caller: "arn:aws:iam::111122223333:user/alice", principal: "arn:aws:iam::111122223333:user/alice", notes: []string{"crossAccount"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q, err := compare.Build(tc.scenario, cat)
			if err != nil {
				t.Fatal(err)
			}
			in := q.Custom
			if got := aws.ToString(in.CallerArn); got != tc.caller {
				t.Errorf("CallerArn %q, want %q", got, tc.caller)
			}
			if got := aws.ToString(in.ResourceOwner); got != tc.owner {
				t.Errorf("ResourceOwner %q, want %q", got, tc.owner)
			}
			if (in.ResourcePolicy != nil) != tc.resourceSent {
				t.Errorf("resource policy sent: %v", in.ResourcePolicy != nil)
			}
			got := ""
			if q.Principal != nil {
				got = aws.ToString(q.Principal.PolicySourceArn)
			}
			if got != tc.principal {
				t.Errorf("PolicySourceArn %q, want %q", got, tc.principal)
			}
			types := map[string]string{}
			for _, e := range in.ContextEntries {
				types[aws.ToString(e.ContextKeyName)] = string(e.ContextKeyType)
			}
			for k, want := range tc.types {
				if types[k] != want {
					t.Errorf("context key %s: type %q, want %q (sent: %v)", k, types[k], want, types)
				}
			}
			var codes []string
			for _, n := range q.Notes {
				if n.Lacks {
					codes = append(codes, n.Code)
				}
				if n.En == "" || n.Ja == "" {
					t.Errorf("note %s is not in both languages", n.Code)
				}
			}
			if strings.Join(codes, ",") != strings.Join(tc.notes, ",") {
				t.Errorf("lacking %q, want %q", codes, tc.notes)
			}
		})
	}
}

// TestPrincipalSide: SimulatePrincipalPolicy decides with the policies the
// user has in the account, which can differ from the scenario's; a
// principal the account does not have is AWS's NoSuchEntity.
func TestPrincipalSide(t *testing.T) {
	b, err := os.ReadFile("../sim/testdata/world.json")
	if err != nil {
		t.Fatal(err)
	}
	f, err := world.ParseFile(b)
	if err != nil {
		t.Fatal(err)
	}
	client := simulatedIAM(t, f, "AKIAADMINEXAMPLE0001", "adminSecretKeyEXAMPLEadminSecretKeyEXAMP")
	ask := func(principal string) *compare.Answer {
		// The scenario allows iam:CreateUser; app's own policy (IAMReadOnly) does not.
		text := `{"request":{"principal":"` + principal + `","action":"iam:CreateUser","resource":"arn:aws:iam::123456789012:user/new"},
			"identityPolicies":[{"name":"P","document":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"}]}}]}`
		q, err := compare.Build(text, embedded.Catalog())
		if err != nil {
			t.Fatal(err)
		}
		a, err := compare.Ask(context.Background(), q, client)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	a := ask("arn:aws:iam::123456789012:user/app")
	if a.Ours != "allowed" || !a.Custom.Same || a.Custom.Decision != "allowed" {
		t.Errorf("custom: ours %s, AWS %+v", a.Ours, a.Custom)
	}
	if a.Principal == nil || a.Principal.Decision != "implicitDeny" || a.Principal.Same {
		t.Errorf("principal side %+v, want app's own implicitDeny", a.Principal)
	}
	if len(a.Custom.Matched) != 1 || a.Custom.Matched[0].Policy != "P" || a.Custom.Matched[0].Line != 4 || a.Custom.Matched[0].Column != 5 {
		t.Errorf("custom matched %+v, want the scenario's P", a.Custom.Matched)
	}
	a = ask("arn:aws:iam::123456789012:user/ghost")
	if a.Principal == nil || a.Principal.Error == nil || a.Principal.Error.Code != "NoSuchEntity" {
		t.Errorf("ghost: principal side %+v", a.Principal)
	}
}
