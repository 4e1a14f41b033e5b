package sim_test

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/s3"
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

// 50 clients at once on the seed world, mixing the load's services:
// each writes objects (as the user app and as the upload role's session),
// reads them back, lists, encrypts and decrypts with KMS and assumes the
// role; every object acknowledged is there with its content afterwards
// (run it with -race).
func TestParallelMixedClients(t *testing.T) {
	l := newLab(t, nil)
	const clients, rounds = 50, 2
	var wg sync.WaitGroup
	errs := make(chan error, clients*rounds*8)
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			app := l.s3([2]string{appKey, appSec}, "")
			km := kms.NewFromConfig(l.config(appKey, appSec, ""))
			for r := 0; r < rounds; r++ {
				key := fmt.Sprintf("upload/par/%d-%d", c, r)
				if _, err := app.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("xx-upload-bucket"), Key: aws.String(key), Body: strings.NewReader(key)}); err != nil {
					errs <- fmt.Errorf("PutObject %s: %w", key, err)
					continue
				}
				if got, err := app.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("xx-upload-bucket"), Key: aws.String(key)}); err != nil {
					errs <- fmt.Errorf("GetObject %s: %w", key, err)
				} else {
					b, _ := io.ReadAll(got.Body)
					got.Body.Close()
					if string(b) != key {
						errs <- fmt.Errorf("GetObject %s: %q", key, b)
					}
				}
				if _, err := app.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("xx-upload-bucket"), Prefix: aws.String("upload/par/")}); err != nil {
					errs <- err
				}
				enc, err := km.Encrypt(ctx, &kms.EncryptInput{KeyId: aws.String("alias/XX-app-key"), Plaintext: []byte(key)})
				if err != nil {
					errs <- fmt.Errorf("Encrypt: %w", err)
				} else if dec, err := km.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: enc.CiphertextBlob}); err != nil || string(dec.Plaintext) != key {
					errs <- fmt.Errorf("Decrypt: %v", err)
				}
				out, err := l.sts(appKey, appSec, "").AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(uploadARN), RoleSessionName: aws.String(fmt.Sprintf("par-%d", c))})
				if err != nil {
					errs <- fmt.Errorf("AssumeRole: %w", err)
					continue
				}
				cr := out.Credentials
				role := l.s3([2]string{*cr.AccessKeyId, *cr.SecretAccessKey}, *cr.SessionToken)
				if _, err := role.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("xx-upload-bucket"), Key: aws.String(key + "-role"), Body: strings.NewReader(key)}); err != nil {
					errs <- fmt.Errorf("PutObject as the role %s: %w", key, err)
				}
			}
		}(c)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	have := map[string]bool{}
	p := s3.NewListObjectsV2Paginator(l.s3([2]string{appKey, appSec}, ""), &s3.ListObjectsV2Input{Bucket: aws.String("xx-upload-bucket"), Prefix: aws.String("upload/par/")})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range page.Contents {
			have[*o.Key] = true
		}
	}
	for c := 0; c < clients; c++ {
		for r := 0; r < rounds; r++ {
			for _, k := range []string{fmt.Sprintf("upload/par/%d-%d", c, r), fmt.Sprintf("upload/par/%d-%d-role", c, r)} {
				if !have[k] {
					t.Errorf("lost write: %s", k)
				}
			}
		}
	}
}
