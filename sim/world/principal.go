package world

import "time"

// Principal is who signed a request: the identity behind an access key,
// read from one consistent view of the world.
type Principal struct {
	Account     string
	AccessKeyID string
	// ARN is the principal's ARN as GetCallerIdentity returns it.
	ARN string
	// UserID is aws:userid: AIDA... for a user, AROA...:SESSION for a role
	// session, ACCOUNT:NAME for a federated user, the account ID for root.
	UserID string
	Root   bool
	// User is the IAM user, also the one behind a session token or a
	// federated user session.
	User *User
	// Role is the assumed role of a role session (nil if it was deleted).
	Role *Role
	// Session is set for temporary credentials.
	Session *Session
}

// Credential is what an access key ID stands for, for signature checks.
type Credential struct {
	Secret string
	// Token is the session token that must come with temporary credentials.
	Token   string
	Expires time.Time // zero for long-term keys
	Active  bool
}

// LookupKey returns the secret behind an access key ID.
func LookupKey(tx *Tx, id string) (Credential, bool) {
	if k, ok := AccessKeys.Get(tx, id); ok {
		return Credential{Secret: k.Secret, Active: k.Active}, true
	}
	if s, ok := Sessions.Get(tx, id); ok {
		return Credential{Secret: s.Secret, Token: s.Token, Expires: s.Expires, Active: true}, true
	}
	return Credential{}, false
}

// PrincipalOf returns the principal an access key ID stands for.
func PrincipalOf(tx *Tx, id string) (*Principal, bool) {
	if k, ok := AccessKeys.Get(tx, id); ok {
		p := &Principal{Account: k.Account, AccessKeyID: id}
		if k.User == "" {
			p.Root, p.ARN, p.UserID = true, RootARN(k.Account), k.Account
			return p, true
		}
		u, ok := Users.Get(tx, NameKey(k.Account, k.User))
		if !ok {
			return nil, false
		}
		p.User, p.ARN, p.UserID = u, u.ARN(), u.ID
		return p, true
	}
	s, ok := Sessions.Get(tx, id)
	if !ok {
		return nil, false
	}
	p := &Principal{Account: s.Account, AccessKeyID: id, Session: s, ARN: s.ARN()}
	switch s.Kind {
	case SessionAssumedRole:
		p.Role, _ = Roles.Get(tx, NameKey(s.Account, s.RoleName))
		p.UserID = s.RoleID + ":" + s.Name
	case SessionFederated:
		p.User, _ = Users.Get(tx, NameKey(s.Account, s.User))
		p.UserID = s.Account + ":" + s.Name
	case SessionToken:
		if s.Root {
			p.Root, p.UserID = true, s.Account
			break
		}
		u, ok := Users.Get(tx, NameKey(s.Account, s.User))
		if !ok {
			return nil, false
		}
		p.User, p.ARN, p.UserID = u, u.ARN(), u.ID
	}
	return p, true
}

// RootARN is the ARN of an account's root user.
func RootARN(account string) string { return "arn:aws:iam::" + account + ":root" }
