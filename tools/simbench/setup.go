package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
)

// target is an endpoint under load and the caller it is loaded as.
type target struct {
	name, endpoint, key, secret string
	roleARN                     string
	// pid is the server's process, for its CPU time (0: not measured).
	pid int
}

// errNoKMS says the endpoint has no KMS.
var errNoKMS = errors.New("the endpoint has no KMS")

// setup finds the load's resources, making those that are missing: the
// seed world of `iamlab serve --world seed` has them all; a peer that
// starts empty (moto_server) gets the bucket, the role and the key. It
// returns errNoKMS when the endpoint does not know KMS.
func setup(ctx context.Context, t *target, withKMS bool) error {
	cfg := config(t.endpoint, t.key, t.secret)
	id, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, nil)
	if err != nil {
		return fmt.Errorf("GetCallerIdentity: %w", err)
	}
	s := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
	if _, err := s.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(bucket)}); err != nil {
		if _, err := s.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
			return fmt.Errorf("CreateBucket: %w", err)
		}
	}
	im := iam.NewFromConfig(cfg)
	role, err := im.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(roleName)})
	if code(err) == "NoSuchEntity" {
		trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` +
			aws.ToString(id.Account) + `:root"},"Action":"sts:AssumeRole"}]}`
		var made *iam.CreateRoleOutput
		made, err = im.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(roleName), AssumeRolePolicyDocument: aws.String(trust)})
		if err == nil {
			t.roleARN = aws.ToString(made.Role.Arn)
		}
	} else if err == nil {
		t.roleARN = aws.ToString(role.Role.Arn)
	}
	if err != nil {
		return fmt.Errorf("role %s: %w", roleName, err)
	}
	if !withKMS {
		return nil
	}
	k := kms.NewFromConfig(cfg)
	_, err = k.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(keyAlias)})
	switch code(err) {
	case "":
		return nil
	case "NotFoundException":
		made, err := k.CreateKey(ctx, &kms.CreateKeyInput{Description: aws.String("simbench")})
		if err != nil {
			return fmt.Errorf("CreateKey: %w", err)
		}
		if _, err := k.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String(keyAlias), TargetKeyId: made.KeyMetadata.KeyId}); err != nil {
			return fmt.Errorf("CreateAlias: %w", err)
		}
		return nil
	case "UnknownService", "UnknownOperationException", "InvalidAction":
		return errNoKMS
	}
	// A server without KMS answers in another protocol (iamlab's
	// UnknownService is a Query error), which the JSON client cannot read.
	var de *smithy.DeserializationError
	if errors.As(err, &de) {
		return errNoKMS
	}
	return fmt.Errorf("DescribeKey %s: %w", keyAlias, err)
}

// code is an AWS error's code ("" for no error).
func code(err error) string {
	if err == nil {
		return ""
	}
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return "?"
}
