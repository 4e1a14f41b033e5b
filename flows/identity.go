package flows

import (
	"context"
	"errors"
	"net/http"
	"time"

	cognitosrp "github.com/alexrudd/cognito-srp/v4"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentity"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	ciptypes "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
)

// Identity is who credentials belong to (sts:GetCallerIdentity).
type Identity struct {
	Account string `json:"account"`
	ARN     string `json:"arn"`
	UserID  string `json:"userId"`
}

// realConfig is an aws.Config for real mode outside a run: the same
// settings as a step's, with the given transport.
func realConfig(c aws.Credentials, region string, rt http.RoundTripper) aws.Config {
	return aws.Config{
		Region:                     region,
		Credentials:                staticCredentials(c),
		HTTPClient:                 &http.Client{Transport: rt},
		RetryMaxAttempts:           1,
		RequestChecksumCalculation: aws.RequestChecksumCalculationWhenSupported,
		ResponseChecksumValidation: aws.ResponseChecksumValidationWhenSupported,
	}
}

// WhoAmI asks STS whom the credentials belong to: the page shows it
// before anything else runs in real mode. GetCallerIdentity needs no
// permission ("No permissions are required to perform this operation").
func WhoAmI(ctx context.Context, c aws.Credentials, rt http.RoundTripper) (*Identity, error) {
	out, err := sts.NewFromConfig(realConfig(c, "us-east-1", rt)).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return nil, err
	}
	return &Identity{Account: aws.ToString(out.Account), ARN: aws.ToString(out.Arn), UserID: aws.ToString(out.UserId)}, nil
}

// CognitoLogin is a user of a Cognito user pool and the identity pool
// that trades the user's ID token for AWS credentials.
type CognitoLogin struct {
	UserPoolID     string `json:"userPoolId"` // REGION_ID
	ClientID       string `json:"clientId"`   // an app client without a secret, with USER_SRP_AUTH
	Username       string `json:"username"`
	Password       string `json:"password"`
	IdentityPoolID string `json:"identityPoolId"`
}

// CognitoSignIn signs a user in with USER_SRP_AUTH (the password never
// leaves the page: SRP proves it), then gets the identity pool's
// credentials for the ID token (GetId, GetCredentialsForIdentity). Every
// call of the three is unsigned, as on AWS. A client with a secret, or a
// user who must first answer a challenge (a new password, MFA), is
// refused with the reason.
func CognitoSignIn(ctx context.Context, l CognitoLogin, rt http.RoundTripper) (aws.Credentials, error) {
	region, _, ok := cutRegion(l.UserPoolID)
	if !ok {
		return aws.Credentials{}, errors.New("the user pool ID is written REGION_ID, as us-east-1_AbCdEfGhI")
	}
	cfg := realConfig(aws.Credentials{}, region, rt)
	cfg.Credentials = aws.AnonymousCredentials{}
	token, err := srpSignIn(ctx, cip.NewFromConfig(cfg), l)
	if err != nil {
		return aws.Credentials{}, err
	}
	ci := cognitoidentity.NewFromConfig(cfg)
	logins := map[string]string{"cognito-idp." + region + ".amazonaws.com/" + l.UserPoolID: token}
	id, err := ci.GetId(ctx, &cognitoidentity.GetIdInput{IdentityPoolId: aws.String(l.IdentityPoolID), Logins: logins})
	if err != nil {
		return aws.Credentials{}, err
	}
	out, err := ci.GetCredentialsForIdentity(ctx, &cognitoidentity.GetCredentialsForIdentityInput{IdentityId: id.IdentityId, Logins: logins})
	if err != nil {
		return aws.Credentials{}, err
	}
	c := out.Credentials
	if c == nil {
		return aws.Credentials{}, errors.New("the identity pool answered no credentials")
	}
	return aws.Credentials{AccessKeyID: aws.ToString(c.AccessKeyId), SecretAccessKey: aws.ToString(c.SecretKey), SessionToken: aws.ToString(c.SessionToken)}, nil
}

// srpSignIn runs USER_SRP_AUTH and returns the ID token.
func srpSignIn(ctx context.Context, c *cip.Client, l CognitoLogin) (string, error) {
	cl, err := cognitosrp.NewCognitoSRP(l.Username, l.Password, l.UserPoolID, l.ClientID, nil)
	if err != nil {
		return "", err
	}
	init, err := c.InitiateAuth(ctx, &cip.InitiateAuthInput{AuthFlow: ciptypes.AuthFlowTypeUserSrpAuth,
		ClientId: aws.String(l.ClientID), AuthParameters: cl.GetAuthParams()})
	if err != nil {
		return "", err
	}
	if init.ChallengeName != ciptypes.ChallengeNameTypePasswordVerifier {
		return "", &smithy.GenericAPIError{Code: "UnexpectedChallenge", Message: "Cognito asked for " + string(init.ChallengeName) + " instead of the password verifier"}
	}
	resp, err := cl.PasswordVerifierChallenge(init.ChallengeParameters, time.Now())
	if err != nil {
		return "", err
	}
	out, err := c.RespondToAuthChallenge(ctx, &cip.RespondToAuthChallengeInput{ChallengeName: ciptypes.ChallengeNameTypePasswordVerifier,
		ClientId: aws.String(l.ClientID), ChallengeResponses: resp, Session: init.Session})
	if err != nil {
		return "", err
	}
	if out.AuthenticationResult == nil {
		return "", &smithy.GenericAPIError{Code: "UnexpectedChallenge", Message: "the user must first answer " + string(out.ChallengeName) + " (sign in once elsewhere)"}
	}
	return aws.ToString(out.AuthenticationResult.IdToken), nil
}

// cutRegion splits a user pool ID into its Region and the rest.
func cutRegion(pool string) (region, rest string, ok bool) {
	for i := 0; i < len(pool); i++ {
		if pool[i] == '_' {
			return pool[:i], pool[i+1:], i > 0 && i < len(pool)-1
		}
	}
	return "", "", false
}
