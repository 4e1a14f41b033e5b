package sim_test

import (
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/iamlab/iamlab/sim"
	"github.com/iamlab/iamlab/sim/handler"
	"github.com/iamlab/iamlab/sim/world"
)

// The in-process transport: the SDK keeps AWS's own host names and https,
// no endpoint is set, and the handler sees the request as a server would.
func TestInProcessTransport(t *testing.T) {
	s, err := sim.New(sim.Config{File: world.SeedFile()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	cfg := aws.Config{Region: "eu-west-1", Credentials: staticCreds(appKey, appSec, ""), RetryMaxAttempts: 1,
		HTTPClient: &http.Client{Transport: &handler.Transport{Handler: s.Handler}}}
	id, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, nil)
	if err != nil || *id.Arn != "arn:aws:iam::123456789012:user/app" {
		t.Fatalf("%v %v", id, err)
	}
	role, err := iam.NewFromConfig(cfg).GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("XX-s3-upload-role")})
	if err != nil || *role.Role.Arn != uploadARN {
		t.Fatalf("%v %v", role, err)
	}
	// The role ARN is XX-*: the seed's policy lets app read it, not others.
	_, err = iam.NewFromConfig(cfg).GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("other")})
	wantError(t, err, "AccessDenied", "iam:GetRole on resource: role other because no identity-based policy allows")
	ev := s.Handler.Log().Snapshot()
	if len(ev) != 3 || ev[0].AWSRegion != "eu-west-1" || ev[0].SourceIPAddress != "127.0.0.1" {
		t.Errorf("events: %d, first %+v", len(ev), ev[0])
	}
}
