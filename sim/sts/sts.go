// Package sts is the simulated AWS Security Token Service (Query
// protocol): GetCallerIdentity, AssumeRole, GetSessionToken and
// GetFederationToken. AssumeRoleWithWebIdentity and AssumeRoleWithSAML
// are answered without a signature, as AWS does; they come with the
// identity providers (Cognito, SAML), which register them in UnsignedOps
// and Ops.
package sts

import (
	"net/http"

	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// XMLNS is STS's response namespace.
const XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/"

// New returns the STS service.
func New() *service.Query {
	return &service.Query{
		SigningName: "sts",
		XMLNS:       XMLNS,
		Version:     "2011-06-15",
		Ops: map[string]service.QueryOp{
			"GetCallerIdentity":  getCallerIdentity,
			"AssumeRole":         assumeRole,
			"GetSessionToken":    getSessionToken,
			"GetFederationToken": getFederationToken,
			// web identity federation (webidentity.go)
			"AssumeRoleWithWebIdentity": assumeRoleWithWebIdentity,
			// SAML federation (saml.go)
			"AssumeRoleWithSAML": assumeRoleWithSAML,
		},
		UnsignedOps: map[string]bool{
			"AssumeRoleWithWebIdentity": true,
			"AssumeRoleWithSAML":        true,
		},
	}
}

type callerIdentity struct {
	Arn     string
	UserId  string
	Account string
}

// getCallerIdentity needs no permission: "No permissions are required to
// perform this operation. If an administrator attaches a policy to your
// identity that explicitly denies access to the sts:GetCallerIdentity
// action, you can still perform this operation" (STS API Reference).
func getCallerIdentity(c *service.Call, _ protocol.Params) (any, error) {
	p := c.Env.Principal
	c.Event.Note = "GetCallerIdentity needs no permission: AWS answers it whatever the policies say"
	return &callerIdentity{Arn: p.ARN, UserId: p.UserID, Account: p.Account}, nil
}

// Credentials is the Credentials element of STS answers.
type Credentials struct {
	AccessKeyId     string
	SecretAccessKey string
	SessionToken    string
	Expiration      string
}

// timeFormat is how STS writes times (ISO 8601, UTC).
const timeFormat = "2006-01-02T15:04:05Z"

func credentials(s *world.Session) *Credentials {
	return &Credentials{AccessKeyId: s.KeyID, SecretAccessKey: s.Secret, SessionToken: s.Token,
		Expiration: s.Expires.UTC().Format(timeFormat)}
}

// accessDenied is STS's AccessDenied for requests refused for the kind of
// credentials, whatever the policies.
func accessDenied(msg string) *protocol.Error {
	return &protocol.Error{Status: http.StatusForbidden, Code: "AccessDenied", Message: msg}
}
