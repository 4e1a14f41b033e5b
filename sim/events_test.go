package sim_test

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/iamlab/iamlab/sim/events"
)

type record struct {
	EventTime    string
	EventSource  string
	EventName    string
	AWSRegion    string `json:"awsRegion"`
	UserIdentity struct {
		Type, Arn, AccountID, AccessKeyID string
	}
	RequestParameters map[string]any
	ErrorCode         string
	ErrorMessage      string
	IAMLab            struct {
		Decision string
		Trace    *struct {
			Decision string
			Reason   struct{ Code string }
			Policies []struct{ Type, Name string }
		}
		Checks []struct{ Action, Resource, Decision string }
	} `json:"iamlab"`
}

func (l *lab) events(t *testing.T) ([]record, string) {
	t.Helper()
	resp, err := http.Get(l.srv.URL + "/_iamlab/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out []record
	sc := bufio.NewScanner(strings.NewReader(string(raw)))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var r record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		out = append(out, r)
	}
	return out, string(raw)
}

// The log has one CloudTrail-shaped record per call, oldest first, with
// the engine's decision and trace, and never a secret.
func TestEventLog(t *testing.T) {
	l := newLab(t, testWorld(t))
	admin := l.sts(adminKey, adminSec, "")
	out, err := admin.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(readerARN), RoleSessionName: aws.String("logged"), ExternalId: aws.String("ext-1")})
	if err != nil {
		t.Fatal(err)
	}
	key, err := l.rootIAM().CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("nobody")})
	if err != nil {
		t.Fatal(err)
	}
	_, err = l.iam(nobodyKey, nobodySec, "").ListRoles(ctx, &iam.ListRolesInput{})
	wantError(t, err, "AccessDenied", "iam:ListRoles")
	_, err = l.sts("AKIAUNKNOWNEXAMPLE00", "x", "").GetCallerIdentity(ctx, nil)
	wantError(t, err, "InvalidClientTokenId", "")

	recs, raw := l.events(t)
	if len(recs) != 4 {
		t.Fatalf("%d records", len(recs))
	}
	for _, secret := range []string{*out.Credentials.SecretAccessKey, *out.Credentials.SessionToken, *key.AccessKey.SecretAccessKey, adminSec} {
		if strings.Contains(raw, secret) {
			t.Errorf("the log holds a secret: %.12s...", secret)
		}
	}
	ar := recs[0]
	if _, err := time.Parse(events.TimeFormat, ar.EventTime); err != nil || !strings.HasSuffix(ar.EventTime, "Z") {
		t.Errorf("eventTime %q is not CloudTrail's form: %v", ar.EventTime, err)
	}
	if ar.EventSource != "sts.amazonaws.com" || ar.EventName != "AssumeRole" || ar.AWSRegion != "us-east-1" ||
		ar.UserIdentity.Type != "IAMUser" || ar.UserIdentity.Arn != "arn:aws:iam::123456789012:user/admin" || ar.UserIdentity.AccessKeyID != adminKey {
		t.Errorf("AssumeRole record %+v", ar)
	}
	if ar.RequestParameters["roleSessionName"] != "logged" || ar.IAMLab.Decision != "allowed" || ar.IAMLab.Trace == nil ||
		ar.IAMLab.Trace.Reason.Code != "decision.allowedByResourcePolicy" && ar.IAMLab.Trace.Reason.Code != "decision.allowedByIdentity" {
		t.Errorf("AssumeRole lab element %+v", ar.IAMLab)
	}
	denied := recs[2]
	if denied.ErrorCode != "AccessDenied" || !strings.Contains(denied.ErrorMessage, "iam:ListRoles") ||
		denied.IAMLab.Decision != "implicitDeny" || denied.IAMLab.Trace == nil || denied.IAMLab.Trace.Reason.Code != "decision.noAllow" {
		t.Errorf("denied record %+v", denied)
	}
	if len(denied.IAMLab.Checks) != 1 || denied.IAMLab.Checks[0].Resource != "arn:aws:iam::123456789012:role/" {
		t.Errorf("checks %+v", denied.IAMLab.Checks)
	}
	if refused := recs[3]; refused.ErrorCode != "InvalidClientTokenId" || refused.IAMLab.Decision != "notEvaluated" {
		t.Errorf("refused record %+v", refused)
	}
}
