package sim_test

import (
	"fmt"
	"testing"
	"time"

	cognitosrp "github.com/alexrudd/cognito-srp/v4"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentity"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	ciptypes "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
)

// BenchmarkCognitoChain measures the whole chain of the source's Cognito
// section through the SDK clients over loopback HTTP, one user per round:
// AdminCreateUser, USER_SRP_AUTH (InitiateAuth and PASSWORD_VERIFIER, the
// client's SRP math included), NEW_PASSWORD_REQUIRED, GetId,
// GetCredentialsForIdentity and STS GetCallerIdentity with the
// credentials: seven calls.
func BenchmarkCognitoChain(b *testing.B) {
	l := newLab(b, nil)
	admin, anon, ids := l.idp(rootKey, rootSec, ""), l.anonIDP(), l.anonIdentity()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		email := fmt.Sprintf("bench%d@example.com", i)
		if _, err := admin.AdminCreateUser(ctx, &cip.AdminCreateUserInput{UserPoolId: aws.String(seedPool), Username: aws.String(email),
			TemporaryPassword: aws.String("Temp#Passw0rd")}); err != nil {
			b.Fatal(err)
		}
		cl, _ := cognitosrp.NewCognitoSRP(email, "Temp#Passw0rd", seedPool, seedWebClient, nil)
		init, err := anon.InitiateAuth(ctx, &cip.InitiateAuthInput{AuthFlow: ciptypes.AuthFlowTypeUserSrpAuth, ClientId: aws.String(seedWebClient), AuthParameters: cl.GetAuthParams()})
		if err != nil {
			b.Fatal(err)
		}
		resp, _ := cl.PasswordVerifierChallenge(init.ChallengeParameters, time.Now())
		step, err := anon.RespondToAuthChallenge(ctx, &cip.RespondToAuthChallengeInput{ChallengeName: ciptypes.ChallengeNameTypePasswordVerifier,
			ClientId: aws.String(seedWebClient), ChallengeResponses: resp})
		if err != nil {
			b.Fatal(err)
		}
		done, err := anon.RespondToAuthChallenge(ctx, &cip.RespondToAuthChallengeInput{ChallengeName: ciptypes.ChallengeNameTypeNewPasswordRequired,
			ClientId: aws.String(seedWebClient), Session: step.Session, ChallengeResponses: map[string]string{"USERNAME": email, "NEW_PASSWORD": "N3w&Passw0rd",
				"userAttributes.family_name": "B", "userAttributes.given_name": "B", "userAttributes.picture": "p"}})
		if err != nil {
			b.Fatal(err)
		}
		logins := map[string]string{seedProvider: *done.AuthenticationResult.IdToken}
		got, err := ids.GetId(ctx, &cognitoidentity.GetIdInput{IdentityPoolId: aws.String(seedIdentity), Logins: logins})
		if err != nil {
			b.Fatal(err)
		}
		cr, err := ids.GetCredentialsForIdentity(ctx, &cognitoidentity.GetCredentialsForIdentityInput{IdentityId: got.IdentityId, Logins: logins})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := l.sts(*cr.Credentials.AccessKeyId, *cr.Credentials.SecretKey, *cr.Credentials.SessionToken).GetCallerIdentity(ctx, nil); err != nil {
			b.Fatal(err)
		}
	}
}
