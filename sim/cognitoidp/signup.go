package cognitoidp

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// CodeLifetime is how long a confirmation code is valid: "the
// confirmation code ... expires after 24 hours".
const CodeLifetime = 24 * time.Hour

type codeDelivery struct {
	Destination    string
	DeliveryMedium string
	AttributeName  string
}

// signUp registers a user by themselves (unsigned, through an app
// client), UNCONFIRMED. When the pool verifies email or phone numbers
// automatically, a six-digit code is "sent": the lab sends nothing and
// writes the code in the event's note for the learner.
func signUp(c *service.Call) (any, error) {
	var in struct {
		ClientId       string
		SecretHash     string
		Username       string
		Password       string
		UserAttributes []Attribute
	}
	if err := decode(c, &in); err != nil {
		return nil, err
	}
	hide(c, "UserAttributes", "ValidationData", "ClientMetadata")
	var out struct {
		UserConfirmed       bool
		CodeDeliveryDetails *codeDelivery `json:",omitempty"`
		UserSub             string
	}
	err := c.World.Update(func(tx *world.Tx) error {
		cl, p, err := clientArg(tx, in.ClientId)
		if err != nil {
			return err
		}
		if p.Settings.AdminCreateUserConfig != nil && p.Settings.AdminCreateUserConfig.AllowAdminCreateUserOnly {
			return notAuthorized("SignUp is not permitted for this user pool")
		}
		if err := cl.checkSecretHash(in.Username, in.SecretHash); err != nil {
			return err
		}
		if in.Password == "" {
			return invalidParameter("1 validation error detected: Value null at 'password' failed to satisfy constraint: Member must not be null")
		}
		u, err := newUser(c.World, c.Env.Now, p, in.Username, in.UserAttributes)
		if err != nil {
			return err
		}
		if _, dup := findUser(tx, p, in.Username); dup {
			return protocol.Errorf(http.StatusBadRequest, "UsernameExistsException", "User already exists")
		}
		if err := checkRequired(p, u); err != nil {
			return err
		}
		if err := checkPassword(p, in.Password); err != nil {
			return err
		}
		u.Status = StatusUnconfirmed
		setPassword(c.World, p, u, in.Password)
		out.UserSub = u.Attr("sub")
		if d := deliver(c, p, u); d != nil {
			out.CodeDeliveryDetails = d
		}
		c.Event.ResponseElements = map[string]any{"userConfirmed": false, "userSub": out.UserSub}
		return users.Put(tx, userKey(p, u.Username), u)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// deliver makes a confirmation code for the first auto-verified attribute
// the user has, and says in the event's note what a message would carry.
func deliver(c *service.Call, p *Pool, u *User) *codeDelivery {
	for _, attr := range p.Settings.AutoVerifiedAttributes {
		to := u.Attr(attr)
		if to == "" {
			continue
		}
		code := sixDigits(c.World)
		u.Code, u.CodeExpires = digest(code), c.Env.Now.Add(CodeLifetime)
		medium := "EMAIL"
		if attr == "phone_number" {
			medium = "SMS"
		}
		c.Event.Note = fmt.Sprintf("no %s is sent: the confirmation code for user %s (%s %s) is %s; confirm with ConfirmSignUp",
			strings.ToLower(medium), u.Username, attr, to, code)
		return &codeDelivery{Destination: mask(to), DeliveryMedium: medium, AttributeName: attr}
	}
	return nil
}

func sixDigits(w *world.World) string {
	b := randomBytes(w, 4)
	n := (uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])) % 1000000
	return fmt.Sprintf("%06d", n)
}

// mask hides a destination as Cognito does: "a***@e***".
func mask(s string) string {
	if local, domain, ok := strings.Cut(s, "@"); ok && local != "" && domain != "" {
		return local[:1] + "***@" + domain[:1] + "***"
	}
	if len(s) > 4 {
		return "+*******" + s[len(s)-4:]
	}
	return "***"
}

// confirmSignUp confirms a user with the code; the verified attribute
// becomes verified.
func confirmSignUp(c *service.Call) (any, error) {
	var in struct {
		ClientId         string
		SecretHash       string
		Username         string
		ConfirmationCode string
	}
	if err := decode(c, &in); err != nil {
		return nil, err
	}
	hide(c, "ConfirmationCode")
	err := c.World.Update(func(tx *world.Tx) error {
		cl, p, err := clientFor(tx, in.ClientId, in.Username, in.SecretHash)
		if err != nil {
			return err
		}
		u, err := cl.userForCode(tx, p, in.Username)
		if err != nil {
			return err
		}
		if u.Status != StatusUnconfirmed {
			return notAuthorized("User cannot be confirmed. Current status is %s", u.Status)
		}
		if u.Code == "" || u.Code != digest(in.ConfirmationCode) {
			return codeMismatch()
		}
		if c.Env.Now.After(u.CodeExpires) {
			return protocol.Errorf(http.StatusBadRequest, "ExpiredCodeException", "Invalid code provided, please request a code again.")
		}
		u = u.clone()
		for _, attr := range p.Settings.AutoVerifiedAttributes {
			if u.Attr(attr) != "" {
				u.Attrs = setAttr(u.Attrs, attr+"_verified", "true")
				break
			}
		}
		u.Status, u.Code, u.Modified = StatusConfirmed, "", c.Env.Now.UTC()
		return users.Put(tx, userKey(p, u.Username), u)
	})
	return nil, err
}

// userForCode finds the user a confirmation code is for; with "prevent
// user existence errors" on, a missing user reads as a wrong code.
func (cl *Client) userForCode(tx *world.Tx, p *Pool, name string) (*User, error) {
	u, ok := findUser(tx, p, name)
	switch {
	case ok:
		return u, nil
	case cl.preventsExistenceErrors():
		return nil, codeMismatch()
	}
	return nil, userNotFound()
}

func codeMismatch() *protocol.Error {
	return protocol.Errorf(http.StatusBadRequest, "CodeMismatchException", "Invalid verification code provided, please try again.")
}
