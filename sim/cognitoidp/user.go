package cognitoidp

import (
	"math/big"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/srp"
	"github.com/iamlab/iamlab/sim/world"
)

// User is a user of a pool. Its password is kept only as an SRP salt and
// verifier (package srp).
type User struct {
	PoolID   string      `json:"poolId"`
	Username string      `json:"username"` // the internal user name (the sub when email is the user name)
	Attrs    []Attribute `json:"attributes"`
	Status   string      `json:"status"`
	Enabled  bool        `json:"enabled"`
	Salt     string      `json:"salt,omitempty"`     // hex
	Verifier string      `json:"verifier,omitempty"` // hex
	// TempExpires ends a temporary password (FORCE_CHANGE_PASSWORD).
	TempExpires time.Time `json:"tempExpires,omitempty"`
	// Code is the digest of the pending confirmation code and CodeExpires its end.
	Code        string    `json:"code,omitempty"`
	CodeExpires time.Time `json:"codeExpires,omitempty"`
	Created     time.Time `json:"created"`
	Modified    time.Time `json:"modified"`
}

// Attribute is AttributeType.
type Attribute struct {
	Name  string `json:"Name"`
	Value string `json:"Value"`
}

// The user statuses of UserStatusType.
const (
	StatusUnconfirmed = "UNCONFIRMED"
	StatusConfirmed   = "CONFIRMED"
	StatusForceChange = "FORCE_CHANGE_PASSWORD"
)

var users = world.NewKind[User]("cognito-idp/user")

// Attr returns an attribute's value.
func (u *User) Attr(name string) string {
	for _, a := range u.Attrs {
		if a.Name == name {
			return a.Value
		}
	}
	return ""
}

func setAttr(as []Attribute, name, value string) []Attribute {
	for i := range as {
		if as[i].Name == name {
			as[i].Value = value
			return as
		}
	}
	return append(as, Attribute{name, value})
}

// clone returns a copy that can be changed.
func (u *User) clone() *User {
	c := *u
	c.Attrs = append([]Attribute(nil), u.Attrs...)
	return &c
}

// userKey is POOL/NAME, the name folded when the pool ignores case.
func userKey(p *Pool, name string) string {
	if !p.caseSensitive() {
		name = strings.ToLower(name)
	}
	return p.ID + "/" + name
}

// findUser finds the user a sign-in name stands for: the user name, or an
// email or phone number that is the pool's username attribute or a
// verified alias.
func findUser(tx *world.Tx, p *Pool, name string) (*User, bool) {
	if u, ok := users.Get(tx, userKey(p, name)); ok {
		return u, true
	}
	attrs := append(append([]string(nil), p.Settings.UsernameAttributes...), p.Settings.AliasAttributes...)
	if len(attrs) == 0 {
		return nil, false
	}
	for _, u := range users.List(tx, p.ID+"/") {
		for _, a := range attrs {
			v := u.Attr(a)
			if v == "" || !strings.EqualFold(v, name) {
				continue
			}
			// An alias must be verified; a username attribute need not.
			if len(p.Settings.AliasAttributes) > 0 && a != "preferred_username" && u.Attr(a+"_verified") != "true" {
				continue
			}
			return u, true
		}
	}
	return nil, false
}

// checkPassword applies the pool's password policy, in Cognito's words.
func checkPassword(p *Pool, pw string) error {
	pol := p.policy()
	bad := func(why string) error {
		return protocol.Errorf(http.StatusBadRequest, "InvalidPasswordException", "Password does not conform to policy: %s", why)
	}
	if len([]rune(pw)) < pol.MinimumLength {
		return bad("Password not long enough")
	}
	var up, low, num, sym bool
	for _, r := range pw {
		switch {
		case unicode.IsUpper(r):
			up = true
		case unicode.IsLower(r):
			low = true
		case unicode.IsDigit(r):
			num = true
		case strings.ContainsRune(symbols, r):
			sym = true
		}
	}
	switch {
	case pol.RequireUppercase && !up:
		return bad("Password must have uppercase characters")
	case pol.RequireLowercase && !low:
		return bad("Password must have lowercase characters")
	case pol.RequireNumbers && !num:
		return bad("Password must have numeric characters")
	case pol.RequireSymbols && !sym:
		return bad("Password must have symbol characters")
	}
	return nil
}

// symbols are the special characters a password policy counts.
const symbols = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- "

// MaxPassword bounds a password (PasswordType, 256).
const MaxPassword = 256

// setPassword keeps the SRP salt and verifier of a new password.
func setPassword(w *world.World, p *Pool, u *User, pw string) {
	salt := new(big.Int).SetBytes(randomBytes(w, 16))
	u.Salt = srp.Hex(salt)
	u.Verifier = srp.Hex(srp.Verifier(p.PoolName(), u.Username, pw, salt))
}

// passwordMatches checks a password against the user's verifier.
func passwordMatches(p *Pool, u *User, pw string) bool {
	salt, ok1 := srp.ParseHex(u.Salt)
	v, ok2 := srp.ParseHex(u.Verifier)
	return ok1 && ok2 && srp.Check(p.PoolName(), u.Username, pw, salt, v)
}

var (
	usernamePattern = regexp.MustCompile(`^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$`)
	emailPattern    = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
	phonePattern    = regexp.MustCompile(`^\+[0-9]{6,15}$`)
)

// MaxUsername bounds a user name (UsernameType).
const MaxUsername = 128

// newUser makes a user of the pool from a sign-in name and attributes:
// when email or phone_number is the pool's username attribute, the name
// must be one, it becomes that attribute, and the user name is the sub.
func newUser(w *world.World, now time.Time, p *Pool, name string, attrs []Attribute) (*User, error) {
	if len(name) < 1 || len(name) > MaxUsername || !usernamePattern.MatchString(name) {
		return nil, invalidParameter("1 validation error detected: Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+")
	}
	sub := w.NewRequestID()
	u := &User{PoolID: p.ID, Username: name, Enabled: true, Created: now.UTC().Truncate(time.Millisecond)}
	u.Modified = u.Created
	for _, a := range attrs {
		if a.Name == "sub" {
			return nil, invalidParameter("Cannot modify the non-mutable attribute sub")
		}
		u.Attrs = setAttr(u.Attrs, a.Name, a.Value)
	}
	if ua := p.Settings.UsernameAttributes; len(ua) > 0 {
		switch {
		case contains(ua, "email") && emailPattern.MatchString(name):
			u.Attrs = setAttr(u.Attrs, "email", name)
		case contains(ua, "phone_number") && phonePattern.MatchString(name):
			u.Attrs = setAttr(u.Attrs, "phone_number", name)
		case contains(ua, "email"):
			return nil, invalidParameter("Username should be an email.")
		default:
			return nil, invalidParameter("Username should be a phone number.")
		}
		u.Username = sub
	}
	if e := u.Attr("email"); e != "" && !emailPattern.MatchString(e) {
		return nil, invalidParameter("Invalid email address format.")
	}
	u.Attrs = append([]Attribute{{"sub", sub}}, u.Attrs...)
	return u, nil
}

// checkRequired refuses a user without the schema's required attributes.
func checkRequired(p *Pool, u *User) error {
	for _, r := range p.required() {
		if u.Attr(r) == "" {
			return invalidParameter("Attributes did not conform to the schema: %s: The attribute %s is required", r, r)
		}
	}
	return nil
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// userType is UserType.
type userType struct {
	Username             string      `json:"Username"`
	Attributes           []Attribute `json:"Attributes"`
	UserCreateDate       float64     `json:"UserCreateDate"`
	UserLastModifiedDate float64     `json:"UserLastModifiedDate"`
	Enabled              bool        `json:"Enabled"`
	UserStatus           string      `json:"UserStatus"`
}

func userOf(u *User) userType {
	return userType{Username: u.Username, Attributes: u.Attrs, UserCreateDate: epoch(u.Created),
		UserLastModifiedDate: epoch(u.Modified), Enabled: u.Enabled, UserStatus: u.Status}
}

func adminCreateUser(c *service.Call) (any, error) {
	var in struct {
		UserPoolId        string
		Username          string
		UserAttributes    []Attribute
		TemporaryPassword string
		MessageAction     string
	}
	if err := decode(c, &in); err != nil {
		return nil, err
	}
	hide(c, "UserAttributes")
	var out struct{ User userType }
	err := c.World.Update(func(tx *world.Tx) error {
		p, err := poolArg(c, tx, in.UserPoolId, "cognito-idp:AdminCreateUser")
		if err != nil {
			return err
		}
		return createForced(c, tx, p, in.Username, in.UserAttributes, in.TemporaryPassword, &out.User)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// createForced makes a user whose temporary password must be changed at
// the first sign-in (FORCE_CHANGE_PASSWORD).
func createForced(c *service.Call, tx *world.Tx, p *Pool, name string, attrs []Attribute, temp string, out *userType) error {
	u, err := newUser(c.World, c.Env.Now, p, name, attrs)
	if err != nil {
		return err
	}
	if _, dup := findUser(tx, p, name); dup {
		return protocol.Errorf(http.StatusBadRequest, "UsernameExistsException", "User account already exists")
	}
	if temp == "" {
		// Cognito mails a generated password; the lab sends no mail and
		// logs no password, so this user signs in only once an
		// administrator sets one (AdminSetUserPassword).
		temp = c.World.NewSecret() + "aA1!"
		c.Event.Note = "no invitation is sent: the generated temporary password is not shown anywhere; set one with AdminSetUserPassword"
	}
	if len(temp) > MaxPassword {
		return invalidParameter("1 validation error detected: Value at 'temporaryPassword' failed to satisfy constraint: Member must have length less than or equal to %d", MaxPassword)
	}
	if err := checkPassword(p, temp); err != nil {
		return err
	}
	u.Status = StatusForceChange
	setPassword(c.World, p, u, temp)
	u.TempExpires = c.Env.Now.UTC().Add(time.Duration(p.policy().TemporaryPasswordValidityDays) * 24 * time.Hour)
	*out = userOf(u)
	c.Event.ResponseElements = map[string]any{"user": map[string]any{"username": u.Username, "userStatus": u.Status}}
	return users.Put(tx, userKey(p, u.Username), u)
}

type adminUserInput struct {
	UserPoolId string
	Username   string
}

// adminUser reads the pool and the user of an Admin* call.
func adminUser(c *service.Call, tx *world.Tx, in *adminUserInput, action string) (*Pool, *User, error) {
	p, err := poolArg(c, tx, in.UserPoolId, action)
	if err != nil {
		return nil, nil, err
	}
	if in.Username == "" {
		return nil, nil, invalidParameter("1 validation error detected: Value null at 'username' failed to satisfy constraint: Member must not be null")
	}
	u, ok := findUser(tx, p, in.Username)
	if !ok {
		return nil, nil, userNotFound()
	}
	return p, u, nil
}

func adminGetUser(c *service.Call) (any, error) {
	var in adminUserInput
	if err := decode(c, &in); err != nil {
		return nil, err
	}
	var out struct {
		Username             string
		UserAttributes       []Attribute
		UserCreateDate       float64
		UserLastModifiedDate float64
		Enabled              bool
		UserStatus           string
	}
	err := c.World.View(func(tx *world.Tx) error {
		_, u, err := adminUser(c, tx, &in, "cognito-idp:AdminGetUser")
		if err != nil {
			return err
		}
		out.Username, out.UserAttributes, out.Enabled, out.UserStatus = u.Username, u.Attrs, u.Enabled, u.Status
		out.UserCreateDate, out.UserLastModifiedDate = epoch(u.Created), epoch(u.Modified)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func adminDeleteUser(c *service.Call) (any, error) {
	var in adminUserInput
	if err := decode(c, &in); err != nil {
		return nil, err
	}
	return nil, c.World.Update(func(tx *world.Tx) error {
		p, u, err := adminUser(c, tx, &in, "cognito-idp:AdminDeleteUser")
		if err != nil {
			return err
		}
		return users.Delete(tx, userKey(p, u.Username))
	})
}

func adminSetUserPassword(c *service.Call) (any, error) {
	var in struct {
		adminUserInput
		Password  string
		Permanent bool
	}
	if err := decode(c, &in); err != nil {
		return nil, err
	}
	return nil, c.World.Update(func(tx *world.Tx) error {
		p, u, err := adminUser(c, tx, &in.adminUserInput, "cognito-idp:AdminSetUserPassword")
		if err != nil {
			return err
		}
		if err := checkPassword(p, in.Password); err != nil {
			return err
		}
		u = u.clone()
		setPassword(c.World, p, u, in.Password)
		u.Status, u.TempExpires = StatusConfirmed, time.Time{}
		if !in.Permanent {
			u.Status = StatusForceChange
			u.TempExpires = c.Env.Now.UTC().Add(time.Duration(p.policy().TemporaryPasswordValidityDays) * 24 * time.Hour)
		}
		u.Modified = c.Env.Now.UTC()
		return users.Put(tx, userKey(p, u.Username), u)
	})
}

func adminConfirmSignUp(c *service.Call) (any, error) {
	var in adminUserInput
	if err := decode(c, &in); err != nil {
		return nil, err
	}
	return nil, c.World.Update(func(tx *world.Tx) error {
		p, u, err := adminUser(c, tx, &in, "cognito-idp:AdminConfirmSignUp")
		if err != nil {
			return err
		}
		if u.Status != StatusUnconfirmed {
			return notAuthorized("User cannot be confirmed. Current status is %s", u.Status)
		}
		u = u.clone()
		u.Status, u.Code, u.Modified = StatusConfirmed, "", c.Env.Now.UTC()
		return users.Put(tx, userKey(p, u.Username), u)
	})
}

func listUsers(c *service.Call) (any, error) {
	var in struct {
		UserPoolId      string
		Limit           int
		PaginationToken string
		Filter          string
	}
	if err := decode(c, &in); err != nil {
		return nil, err
	}
	if in.Limit == 0 {
		in.Limit = MaxListResults
	}
	if in.Limit < 0 || in.Limit > MaxListResults {
		return nil, invalidParameter("1 validation error detected: Value '%d' at 'limit' failed to satisfy constraint: Member must have value less than or equal to %d", in.Limit, MaxListResults)
	}
	match, err := parseFilter(in.Filter)
	if err != nil {
		return nil, err
	}
	out := struct {
		Users           []userType
		PaginationToken string `json:",omitempty"`
	}{Users: []userType{}}
	err = c.World.View(func(tx *world.Tx) error {
		p, err := poolArg(c, tx, in.UserPoolId, "cognito-idp:ListUsers")
		if err != nil {
			return err
		}
		var all []*User
		for _, u := range users.List(tx, p.ID+"/") {
			if match(u) {
				all = append(all, u)
			}
		}
		sort.Slice(all, func(i, j int) bool { return all[i].Username < all[j].Username })
		page, next := paginate(len(all), in.PaginationToken, in.Limit)
		for _, u := range all[page[0]:page[1]] {
			out.Users = append(out.Users, userOf(u))
		}
		out.PaginationToken = next
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// filterPattern is ListUsers' Filter: ATTRIBUTE = "VALUE" or
// ATTRIBUTE ^= "PREFIX".
var filterPattern = regexp.MustCompile(`^\s*([\w:]+)\s*(\^?=)\s*"([^"]*)"\s*$`)

// filterable are the attributes ListUsers can filter on.
var filterable = []string{"username", "email", "phone_number", "name", "given_name", "family_name",
	"preferred_username", "cognito:user_status", "status", "sub"}

func parseFilter(f string) (func(*User) bool, error) {
	if strings.TrimSpace(f) == "" {
		return func(*User) bool { return true }, nil
	}
	m := filterPattern.FindStringSubmatch(f)
	if m == nil || !contains(filterable, m[1]) {
		return nil, invalidParameter("Error while parsing filter.")
	}
	attr, op, val := m[1], m[2], m[3]
	return func(u *User) bool {
		var v string
		switch attr {
		case "username":
			v = u.Username
		case "cognito:user_status":
			v = u.Status
		case "status":
			v = "Enabled"
			if !u.Enabled {
				v = "Disabled"
			}
		default:
			v = u.Attr(attr)
		}
		if op == "^=" {
			return strings.HasPrefix(v, val)
		}
		return v == val
	}, nil
}
