package sim_test

import (
	"net/http/httptest"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"

	"github.com/iamlab/iamlab/sim"
	"github.com/iamlab/iamlab/sim/authorize"
	"github.com/iamlab/iamlab/sim/handler"
	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// A stand-in KMS with one operation shows the JSON 1.1 protocol end to
// end with the real KMS client: X-Amz-Target routing, authorization,
// __type errors the SDK reads, and the JSON style of signature failures.
func TestJSONService(t *testing.T) {
	s, err := sim.New(sim.Config{File: world.SeedFile()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	stand := &service.JSON{SigningName: "kms", TargetPrefix: "TrentService", Version: "1.1",
		Ops: map[string]service.JSONOp{"ListKeys": func(c *service.Call) (any, error) {
			var in struct{ Limit int }
			if err := protocol.DecodeJSON(c.Body, &in); err != nil {
				return nil, err
			}
			err := c.World.View(func(tx *world.Tx) error {
				_, err := c.Authorize(tx, &authorize.Request{Action: "kms:ListKeys", Resource: "*"})
				return err
			})
			if err != nil {
				return nil, err
			}
			return map[string]any{"Keys": []any{}, "Truncated": false}, nil
		}}}
	h := handler.New(s.World, append(sim.Services(), stand)...)
	srv := httptest.NewServer(h)
	defer srv.Close()
	client := func(key, secret string) *kms.Client {
		return kms.NewFromConfig(aws.Config{Region: "ap-northeast-1", Credentials: staticCreds(key, secret, ""),
			BaseEndpoint: aws.String(srv.URL), HTTPClient: srv.Client(), RetryMaxAttempts: 1})
	}
	if out, err := client(rootKey, rootSec).ListKeys(ctx, &kms.ListKeysInput{Limit: aws.Int32(10)}); err != nil || out.Keys == nil {
		t.Fatalf("root: %v %v", out, err)
	}
	_, err = client(appKey, appSec).ListKeys(ctx, nil)
	wantError(t, err, "AccessDeniedException", "User: arn:aws:iam::123456789012:user/app is not authorized to perform: kms:ListKeys because no identity-based policy allows the kms:ListKeys action")
	_, err = client(rootKey, "wrong").ListKeys(ctx, nil)
	wantError(t, err, "InvalidSignatureException", "The request signature we calculated does not match")
	_, err = client("AKIAUNKNOWNEXAMPLE00", "x").ListKeys(ctx, nil)
	wantError(t, err, "UnrecognizedClientException", "The security token included in the request is invalid.")
	_, err = client(rootKey, rootSec).ListAliases(ctx, nil)
	wantError(t, err, "UnknownOperationException", "")
	ev := h.Log().Snapshot()
	if len(ev) != 5 || ev[0].EventSource != "kms.amazonaws.com" || ev[0].EventName != "ListKeys" || ev[0].AWSRegion != "ap-northeast-1" ||
		ev[0].RequestParameters["Limit"] != float64(10) || ev[1].ErrorCode != "AccessDeniedException" {
		t.Errorf("events %d: %+v / %+v", len(ev), ev[0], ev[1])
	}
}
