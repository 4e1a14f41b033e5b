package sim_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// 50 clients at once, mixing writes (CreateUser, PutUserPolicy,
// AssumeRole) and reads (GetUser, ListUsers, GetCallerIdentity): every
// acknowledged write is there afterwards (run it with -race).
func TestParallelClients(t *testing.T) {
	l := newLab(t, testWorld(t))
	const clients, rounds = 50, 4
	var wg sync.WaitGroup
	errs := make(chan error, clients*rounds*4)
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			im, st := l.iam(adminKey, adminSec, ""), l.sts(adminKey, adminSec, "")
			for r := 0; r < rounds; r++ {
				name := fmt.Sprintf("u-%d-%d", c, r)
				if _, err := im.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(name)}); err != nil {
					errs <- fmt.Errorf("CreateUser %s: %w", name, err)
					continue
				}
				if _, err := im.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String(name), PolicyName: aws.String("p"), PolicyDocument: aws.String(allowListUsers)}); err != nil {
					errs <- err
				}
				if out, err := im.GetUser(ctx, &iam.GetUserInput{UserName: aws.String(name)}); err != nil || *out.User.UserName != name {
					errs <- fmt.Errorf("GetUser %s: %v", name, err)
				}
				if _, err := im.ListUsers(ctx, &iam.ListUsersInput{}); err != nil {
					errs <- err
				}
				if _, err := st.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(readerARN), RoleSessionName: aws.String(name)}); err != nil {
					errs <- err
				}
			}
		}(c)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	out, err := l.rootIAM().ListUsers(ctx, &iam.ListUsersInput{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, u := range out.Users {
		got[*u.UserName] = true
	}
	for c := 0; c < clients; c++ {
		for r := 0; r < rounds; r++ {
			if name := fmt.Sprintf("u-%d-%d", c, r); !got[name] {
				t.Errorf("lost write: %s", name)
			}
		}
	}
	for c := 0; c < clients; c += 7 {
		p, err := l.rootIAM().GetUserPolicy(ctx, &iam.GetUserPolicyInput{UserName: aws.String(fmt.Sprintf("u-%d-0", c)), PolicyName: aws.String("p")})
		if err != nil || p.PolicyDocument == nil {
			t.Errorf("lost policy of u-%d-0: %v", c, err)
		}
	}
}
