package sim_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentity"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	ciptypes "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
)

// The operations the chains do not reach, each allowed and denied.
func TestCognitoOperations(t *testing.T) {
	l := newLab(t, testWorld(t))
	root, nobody := l.idp(rootKey, rootSec, ""), l.idp(nobodyKey, nobodySec, "")
	pool, err := root.CreateUserPool(ctx, &cip.CreateUserPoolInput{PoolName: aws.String("ops")})
	if err != nil {
		t.Fatal(err)
	}
	pid := pool.UserPool.Id
	if pool.UserPool.UsernameConfiguration != nil || *pool.UserPool.Policies.PasswordPolicy.MinimumLength != 8 {
		t.Errorf("defaults %+v", pool.UserPool.Policies.PasswordPolicy)
	}
	cl, err := root.CreateUserPoolClient(ctx, &cip.CreateUserPoolClientInput{UserPoolId: pid, ClientName: aws.String("c"),
		ExplicitAuthFlows: []ciptypes.ExplicitAuthFlowsType{ciptypes.ExplicitAuthFlowsTypeAllowAdminUserPasswordAuth, ciptypes.ExplicitAuthFlowsTypeAllowUserSrpAuth}})
	if err != nil {
		t.Fatal(err)
	}
	cid := cl.UserPoolClient.ClientId
	clients, err := root.ListUserPoolClients(ctx, &cip.ListUserPoolClientsInput{UserPoolId: pid})
	if err != nil || len(clients.UserPoolClients) != 1 || *clients.UserPoolClients[0].ClientName != "c" {
		t.Fatalf("ListUserPoolClients %+v %v", clients, err)
	}
	_, err = nobody.ListUserPoolClients(ctx, &cip.ListUserPoolClientsInput{UserPoolId: pid})
	wantError(t, err, "AccessDeniedException", "cognito-idp:ListUserPoolClients")

	// Without TemporaryPassword, Cognito would mail one: the lab logs none.
	if _, err := root.AdminCreateUser(ctx, &cip.AdminCreateUserInput{UserPoolId: pid, Username: aws.String("kenji")}); err != nil {
		t.Fatal(err)
	}
	if note := findEvent(t, eventLog(l, t), "AdminCreateUser", "").IAMLab.Note; !strings.Contains(note, "AdminSetUserPassword") {
		t.Errorf("note %q", note)
	}
	_, err = nobody.AdminSetUserPassword(ctx, &cip.AdminSetUserPasswordInput{UserPoolId: pid, Username: aws.String("kenji"), Password: aws.String("Temp#Passw0rd")})
	wantError(t, err, "AccessDeniedException", "cognito-idp:AdminSetUserPassword")
	if _, err := root.AdminSetUserPassword(ctx, &cip.AdminSetUserPasswordInput{UserPoolId: pid, Username: aws.String("kenji"), Password: aws.String("Temp#Passw0rd")}); err != nil {
		t.Fatal(err)
	}
	// AdminRespondToAuthChallenge answers NEW_PASSWORD_REQUIRED.
	in, err := root.AdminInitiateAuth(ctx, &cip.AdminInitiateAuthInput{UserPoolId: pid, ClientId: cid, AuthFlow: ciptypes.AuthFlowTypeAdminUserPasswordAuth,
		AuthParameters: map[string]string{"USERNAME": "kenji", "PASSWORD": "Temp#Passw0rd"}})
	if err != nil || in.ChallengeName != ciptypes.ChallengeNameTypeNewPasswordRequired {
		t.Fatalf("%+v %v", in, err)
	}
	_, err = nobody.AdminRespondToAuthChallenge(ctx, &cip.AdminRespondToAuthChallengeInput{UserPoolId: pid, ClientId: cid, ChallengeName: ciptypes.ChallengeNameTypeNewPasswordRequired,
		Session: in.Session, ChallengeResponses: map[string]string{"USERNAME": "kenji", "NEW_PASSWORD": "N3w&Passw0rd"}})
	wantError(t, err, "AccessDeniedException", "cognito-idp:AdminRespondToAuthChallenge")
	out, err := root.AdminRespondToAuthChallenge(ctx, &cip.AdminRespondToAuthChallengeInput{UserPoolId: pid, ClientId: cid, ChallengeName: ciptypes.ChallengeNameTypeNewPasswordRequired,
		Session: in.Session, ChallengeResponses: map[string]string{"USERNAME": "kenji", "NEW_PASSWORD": "weak"}})
	wantError(t, err, "InvalidPasswordException", "Password does not conform to policy")
	out, err = root.AdminRespondToAuthChallenge(ctx, &cip.AdminRespondToAuthChallengeInput{UserPoolId: pid, ClientId: cid, ChallengeName: ciptypes.ChallengeNameTypeNewPasswordRequired,
		Session: in.Session, ChallengeResponses: map[string]string{"USERNAME": "kenji", "NEW_PASSWORD": "N3w&Passw0rd"}})
	if err != nil || out.AuthenticationResult == nil {
		t.Fatalf("%+v %v", out, err)
	}
	// USER_SRP_AUTH, and ADMIN_USER_PASSWORD_AUTH through InitiateAuth.
	if _, err := srpSignIn(t, l.anonIDP(), *pid, *cid, "kenji", "N3w&Passw0rd"); err != nil {
		t.Fatal(err)
	}
	_, err = l.anonIDP().InitiateAuth(ctx, &cip.InitiateAuthInput{ClientId: cid, AuthFlow: ciptypes.AuthFlowTypeAdminUserPasswordAuth,
		AuthParameters: map[string]string{"USERNAME": "kenji", "PASSWORD": "N3w&Passw0rd"}})
	wantError(t, err, "InvalidParameterException", "Initiate Auth method not supported.")
	_, err = nobody.AdminInitiateAuth(ctx, &cip.AdminInitiateAuthInput{UserPoolId: pid, ClientId: cid, AuthFlow: ciptypes.AuthFlowTypeAdminUserPasswordAuth,
		AuthParameters: map[string]string{"USERNAME": "kenji", "PASSWORD": "N3w&Passw0rd"}})
	wantError(t, err, "AccessDeniedException", "cognito-idp:AdminInitiateAuth")

	// AdminConfirmSignUp confirms an UNCONFIRMED user (no code).
	if _, err := l.anonIDP().SignUp(ctx, &cip.SignUpInput{ClientId: cid, Username: aws.String("emi"), Password: aws.String("Emi#Passw0rd")}); err != nil {
		t.Fatal(err)
	}
	_, err = nobody.AdminConfirmSignUp(ctx, &cip.AdminConfirmSignUpInput{UserPoolId: pid, Username: aws.String("emi")})
	wantError(t, err, "AccessDeniedException", "cognito-idp:AdminConfirmSignUp")
	if _, err := root.AdminConfirmSignUp(ctx, &cip.AdminConfirmSignUpInput{UserPoolId: pid, Username: aws.String("emi")}); err != nil {
		t.Fatal(err)
	}
	_, err = root.AdminConfirmSignUp(ctx, &cip.AdminConfirmSignUpInput{UserPoolId: pid, Username: aws.String("emi")})
	wantError(t, err, "NotAuthorizedException", "User cannot be confirmed. Current status is CONFIRMED")
	_, err = nobody.AdminDeleteUser(ctx, &cip.AdminDeleteUserInput{UserPoolId: pid, Username: aws.String("emi")})
	wantError(t, err, "AccessDeniedException", "cognito-idp:AdminDeleteUser")
	if _, err := root.AdminDeleteUser(ctx, &cip.AdminDeleteUserInput{UserPoolId: pid, Username: aws.String("emi")}); err != nil {
		t.Fatal(err)
	}
	_, err = root.AdminGetUser(ctx, &cip.AdminGetUserInput{UserPoolId: pid, Username: aws.String("emi")})
	wantError(t, err, "UserNotFoundException", "User does not exist.")
	_, err = nobody.DeleteUserPoolClient(ctx, &cip.DeleteUserPoolClientInput{UserPoolId: pid, ClientId: cid})
	wantError(t, err, "AccessDeniedException", "cognito-idp:DeleteUserPoolClient")
	if _, err := root.DeleteUserPoolClient(ctx, &cip.DeleteUserPoolClientInput{UserPoolId: pid, ClientId: cid}); err != nil {
		t.Fatal(err)
	}
	_, err = root.DescribeUserPoolClient(ctx, &cip.DescribeUserPoolClientInput{UserPoolId: pid, ClientId: cid})
	wantError(t, err, "ResourceNotFoundException", "User pool client "+*cid+" does not exist.")
	_, err = nobody.DeleteUserPool(ctx, &cip.DeleteUserPoolInput{UserPoolId: pid})
	wantError(t, err, "AccessDeniedException", "cognito-idp:DeleteUserPool")

	// Identity pools: describe, list, roles, delete.
	ids, idsNobody := l.identity(rootKey, rootSec), l.identity(nobodyKey, nobodySec)
	ip, err := ids.CreateIdentityPool(ctx, &cognitoidentity.CreateIdentityPoolInput{IdentityPoolName: aws.String("ops"), AllowUnauthenticatedIdentities: false,
		IdentityPoolTags: map[string]string{"team": "blue"}})
	if err != nil {
		t.Fatal(err)
	}
	d, err := ids.DescribeIdentityPool(ctx, &cognitoidentity.DescribeIdentityPoolInput{IdentityPoolId: ip.IdentityPoolId})
	if err != nil || *d.IdentityPoolName != "ops" || d.IdentityPoolTags["team"] != "blue" {
		t.Fatalf("%+v %v", d, err)
	}
	_, err = idsNobody.DescribeIdentityPool(ctx, &cognitoidentity.DescribeIdentityPoolInput{IdentityPoolId: ip.IdentityPoolId})
	wantError(t, err, "AccessDeniedException", "cognito-identity:DescribeIdentityPool on resource: arn:aws:cognito-identity:us-east-1:123456789012:identitypool/"+*ip.IdentityPoolId)
	list, err := ids.ListIdentityPools(ctx, &cognitoidentity.ListIdentityPoolsInput{MaxResults: aws.Int32(10)})
	if err != nil || len(list.IdentityPools) != 1 {
		t.Fatalf("%+v %v", list, err)
	}
	_, err = idsNobody.ListIdentityPools(ctx, &cognitoidentity.ListIdentityPoolsInput{MaxResults: aws.Int32(10)})
	wantError(t, err, "AccessDeniedException", "cognito-identity:ListIdentityPools")
	_, err = ids.SetIdentityPoolRoles(ctx, &cognitoidentity.SetIdentityPoolRolesInput{IdentityPoolId: ip.IdentityPoolId, Roles: map[string]string{"authenticated": "not-an-arn"}})
	wantError(t, err, "InvalidParameterException", "Invalid role ARN: not-an-arn")
	if _, err := ids.SetIdentityPoolRoles(ctx, &cognitoidentity.SetIdentityPoolRolesInput{IdentityPoolId: ip.IdentityPoolId, Roles: map[string]string{"authenticated": readerARN}}); err != nil {
		t.Fatal(err)
	}
	roles, err := ids.GetIdentityPoolRoles(ctx, &cognitoidentity.GetIdentityPoolRolesInput{IdentityPoolId: ip.IdentityPoolId})
	if err != nil || roles.Roles["authenticated"] != readerARN {
		t.Fatalf("%+v %v", roles, err)
	}
	_, err = idsNobody.GetIdentityPoolRoles(ctx, &cognitoidentity.GetIdentityPoolRolesInput{IdentityPoolId: ip.IdentityPoolId})
	wantError(t, err, "AccessDeniedException", "cognito-identity:GetIdentityPoolRoles")
	_, err = idsNobody.DeleteIdentityPool(ctx, &cognitoidentity.DeleteIdentityPoolInput{IdentityPoolId: ip.IdentityPoolId})
	wantError(t, err, "AccessDeniedException", "cognito-identity:DeleteIdentityPool")
	if _, err := ids.DeleteIdentityPool(ctx, &cognitoidentity.DeleteIdentityPoolInput{IdentityPoolId: ip.IdentityPoolId}); err != nil {
		t.Fatal(err)
	}
	_, err = ids.DescribeIdentityPool(ctx, &cognitoidentity.DescribeIdentityPoolInput{IdentityPoolId: ip.IdentityPoolId})
	wantError(t, err, "ResourceNotFoundException", "not found")
}
