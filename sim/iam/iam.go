// Package iam is the simulated AWS Identity and Access Management (Query
// protocol): users, groups, roles, managed and inline policies, access
// keys, permissions boundaries and tags. Every call is authorized by the
// engine first; policy documents are checked as IAM checks them when they
// are saved (world.CheckPolicy) and stored parsed.
package iam

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/sim/authorize"
	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// XMLNS is IAM's response namespace.
const XMLNS = "https://iam.amazonaws.com/doc/2010-05-08/"

// New returns the IAM service.
func New() *service.Query {
	return &service.Query{
		SigningName: "iam",
		XMLNS:       XMLNS,
		Version:     "2010-05-08",
		Ops: map[string]service.QueryOp{
			"CreateUser": createUser, "GetUser": getUser, "ListUsers": listUsers, "DeleteUser": deleteUser,
			"CreateAccessKey": createAccessKey, "ListAccessKeys": listAccessKeys, "DeleteAccessKey": deleteAccessKey,
			"CreateRole": createRole, "GetRole": getRole, "DeleteRole": deleteRole, "ListRoles": listRoles,
			"UpdateAssumeRolePolicy": updateAssumeRolePolicy,
			"PutUserPolicy":          putUserPolicy, "GetUserPolicy": getUserPolicy, "DeleteUserPolicy": deleteUserPolicy,
			"PutRolePolicy": putRolePolicy, "GetRolePolicy": getRolePolicy, "DeleteRolePolicy": deleteRolePolicy,
			"CreatePolicy": createPolicy, "GetPolicy": getPolicy,
			"AttachRolePolicy": attachRolePolicy, "DetachRolePolicy": detachRolePolicy,
			"AttachUserPolicy": attachUserPolicy, "DetachUserPolicy": detachUserPolicy,
			"ListAttachedRolePolicies": listAttachedRolePolicies,
			"CreateGroup":              createGroup, "AddUserToGroup": addUserToGroup,
			"PutRolePermissionsBoundary": putRolePermissionsBoundary,
			"TagRole":                    tagRole,
			// OpenID Connect providers (oidc.go)
			"CreateOpenIDConnectProvider": createOpenIDConnectProvider,
			"GetOpenIDConnectProvider":    getOpenIDConnectProvider,
			"ListOpenIDConnectProviders":  listOpenIDConnectProviders,
			"DeleteOpenIDConnectProvider": deleteOpenIDConnectProvider,
			// SAML providers (saml.go)
			"CreateSAMLProvider": createSAMLProvider,
			"GetSAMLProvider":    getSAMLProvider,
			"ListSAMLProviders":  listSAMLProviders,
			"UpdateSAMLProvider": updateSAMLProvider,
			"DeleteSAMLProvider": deleteSAMLProvider,
			// the policy simulator (simulate.go)
			"SimulateCustomPolicy":    simulateCustomPolicy,
			"SimulatePrincipalPolicy": simulatePrincipalPolicy,
		},
	}
}

// The constraints of IAM names and paths (IAM API Reference).
var (
	namePattern = regexp.MustCompile(`^[\w+=,.@-]+$`)
	pathPattern = regexp.MustCompile(`^(/|/[\x21-\x7E]+/)$`)
)

// Limits of IAM (IAM API Reference and IAM quotas).
const (
	MaxUserName         = 64
	MaxRoleName         = 64
	MaxGroupName        = 128
	MaxPolicyName       = 128
	MaxPath             = 512
	MaxPolicyDocument   = 131072 // the PolicyDocument parameter's length
	MaxAccessKeys       = 2      // "Access keys assigned to an IAM user: 2"
	MaxManagedPerEntity = 20     // "Managed policies attached to an IAM role/user" (default quota, raisable to 20)
	MaxRoleTags         = 50
)

// timeFormat is how IAM writes dates.
const timeFormat = "2006-01-02T15:04:05Z"

func stamp(t time.Time) string { return t.UTC().Format(timeFormat) }

// name reads and checks a required name parameter.
func name(p protocol.Params, param string, max int) (string, error) {
	v, err := p.Required(param)
	if err != nil {
		return "", err
	}
	if len(v) < 1 || len(v) > max {
		return "", protocol.Validation("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must have length less than or equal to %d", v, lower(param), max)
	}
	if !namePattern.MatchString(v) {
		return "", protocol.Validation("The specified value for %s is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-", lower(param))
	}
	return v, nil
}

// path reads the optional Path parameter ("/" when absent).
func path(p protocol.Params) (string, error) {
	if !p.Has("Path") {
		return "/", nil
	}
	v := p.Get("Path")
	if len(v) > MaxPath || !pathPattern.MatchString(v) {
		return "", protocol.Validation("The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.")
	}
	return v, nil
}

// document reads and checks a policy document parameter of type t.
func document(c *service.Call, tx *world.Tx, p protocol.Params, param string, t world.PolicyType) (*world.Doc, error) {
	text, err := p.Required(param)
	if err != nil {
		return nil, err
	}
	if len(text) > MaxPolicyDocument {
		return nil, protocol.Validation("1 validation error detected: Value at '%s' failed to satisfy constraint: Member must have length less than or equal to %d", lower(param), MaxPolicyDocument)
	}
	d, cerr := c.World.CheckPolicy(tx, text, t)
	if cerr != nil {
		return nil, malformed(cerr)
	}
	return d, nil
}

// malformed answers a policy that IAM refuses to save, with IAM's code
// (MalformedPolicyDocument, or LimitExceeded for a size quota).
func malformed(err error) error {
	m, ok := err.(*world.MalformedPolicyError)
	if !ok {
		return err
	}
	status := http.StatusBadRequest
	if m.Code == "LimitExceeded" {
		status = http.StatusConflict
	}
	return protocol.Errorf(status, m.Code, "%s", m.Msg)
}

func lower(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func noSuchEntity(format string, args ...any) *protocol.Error {
	return protocol.Errorf(http.StatusNotFound, "NoSuchEntity", format, args...)
}

func alreadyExists(format string, args ...any) *protocol.Error {
	return protocol.Errorf(http.StatusConflict, "EntityAlreadyExists", format, args...)
}

func deleteConflict(what string) *protocol.Error {
	return protocol.Errorf(http.StatusConflict, "DeleteConflict", "Cannot delete entity, must %s first.", what)
}

// encodeDoc is a policy document as IAM returns it: URL-encoded (RFC
// 3986), which the SDKs leave to the caller to decode.
func encodeDoc(text string) string {
	return strings.ReplaceAll(url.QueryEscape(text), "+", "%20")
}

// allow asks the engine about an IAM action on a resource, with extra
// context keys.
func allow(c *service.Call, tx *world.Tx, action, resource string, ctx ...authz.Entry) error {
	_, err := c.Authorize(tx, &authorize.Request{Action: action, Resource: resource, Context: ctx, Display: display(action, resource)})
	return err
}

// display is how IAM's denial names a user, group or role that a call
// names: "... is not authorized to perform: iam:GetUser on resource: user
// bob", "iam:AttachRolePolicy on resource: role my-role",
// "iam:AddUserToGroup on resource: group admins" (AWS's answers); the
// Create actions show the ARN of what they would create ("iam:CreateRole
// on resource: arn:aws:iam::123456789012:role/my-role"). "" keeps the ARN.
func display(action, resource string) string {
	if strings.HasPrefix(action, "iam:Create") && !strings.HasPrefix(action, "iam:CreateAccessKey") {
		return ""
	}
	_, rest, ok := strings.Cut(resource, ":iam::")
	if !ok {
		return ""
	}
	_, typ, ok := strings.Cut(rest, ":")
	if !ok {
		return ""
	}
	kind, path, _ := strings.Cut(typ, "/")
	name := path[strings.LastIndexByte(path, '/')+1:]
	switch kind {
	case "user", "role", "group":
		if name != "" {
			return kind + " " + name
		}
	}
	return ""
}

func entry(k string, v ...string) authz.Entry { return authz.Entry{Key: k, Values: v} }

// tagContext puts tags in the request context (aws:RequestTag/*,
// aws:TagKeys).
func tagContext(tags []world.Tag) []authz.Entry {
	if len(tags) == 0 {
		return nil
	}
	var out []authz.Entry
	keys := make([]string, 0, len(tags))
	for _, t := range tags {
		out = append(out, entry("aws:RequestTag/"+t.Key, t.Value))
		keys = append(keys, t.Key)
	}
	return append(out, entry("aws:TagKeys", keys...))
}

// resourceTags puts an existing entity's tags in the context
// (aws:ResourceTag/* and iam:ResourceTag/*).
func resourceTags(tags []world.Tag) []authz.Entry {
	var out []authz.Entry
	for _, t := range tags {
		out = append(out, entry("aws:ResourceTag/"+t.Key, t.Value), entry("iam:ResourceTag/"+t.Key, t.Value))
	}
	return out
}

// readTags reads Tags.member.N.Key/Value.
func readTags(p protocol.Params, max int) ([]world.Tag, error) {
	var out []world.Tag
	for _, m := range p.Structs("Tags") {
		k := m.Get("Key")
		if len(k) < 1 || len(k) > 128 {
			return nil, protocol.Validation("1 validation error detected: Value '%s' at 'tags.member.key' failed to satisfy constraint: Member must have length between 1 and 128", k)
		}
		if len(m.Get("Value")) > 256 {
			return nil, protocol.Validation("1 validation error detected: Value at 'tags.member.value' failed to satisfy constraint: Member must have length less than or equal to 256")
		}
		for _, t := range out {
			if strings.EqualFold(t.Key, k) {
				return nil, protocol.Errorf(http.StatusBadRequest, "InvalidInput", "Duplicate tag keys found. Please note that Tag keys are case insensitive.")
			}
		}
		out = append(out, world.Tag{Key: k, Value: m.Get("Value")})
	}
	if len(out) > max {
		return nil, protocol.Errorf(http.StatusConflict, "LimitExceeded", "The number of tags has reached the maximum limit.")
	}
	return out, nil
}

// xmlTag is a tag in IAM's answers.
type xmlTag struct {
	Key   string
	Value string
}

func xmlTags(ts []world.Tag) []xmlTag {
	out := make([]xmlTag, 0, len(ts))
	for _, t := range ts {
		out = append(out, xmlTag(t))
	}
	return out
}

// boundaryElem is the PermissionsBoundary element.
type boundaryElem struct {
	PermissionsBoundaryType string
	PermissionsBoundaryArn  string
}

func boundaryOf(arn string) *boundaryElem {
	if arn == "" {
		return nil
	}
	return &boundaryElem{"Policy", arn}
}

// userArg is the UserName parameter, or the caller's own user when it is
// absent ("If you do not specify a user name, IAM determines the user
// name implicitly based on the AWS access key ID used to sign the
// request").
func userArg(c *service.Call, p protocol.Params) (string, error) {
	if p.Has("UserName") {
		return name(p, "UserName", MaxUserName)
	}
	if u := c.Env.Principal.User; u != nil && c.Env.Principal.Session == nil {
		return u.Name, nil
	}
	return "", protocol.Validation("Must specify userName when calling with non-User credentials")
}

// userARN is the ARN of a user, existing or not (with the path "/").
func userARN(account string, u *world.User, n string) string {
	if u != nil {
		return u.ARN()
	}
	return "arn:aws:iam::" + account + ":user/" + n
}

func roleARN(account string, r *world.Role, n string) string {
	if r != nil {
		return r.ARN()
	}
	return "arn:aws:iam::" + account + ":role/" + n
}

// authzEntry is a context key of a request.
type authzEntry = authz.Entry

func equalFold(a, b string) bool { return strings.EqualFold(a, b) }
