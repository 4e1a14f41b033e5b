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

// Account recovery (the pool's AccountRecoverySetting): ForgotPassword
// sends a code to the first verified destination the pool's recovery
// mechanisms allow, in priority order; ConfirmForgotPassword sets the new
// password with it. No message is sent: the code is in the event's note.

// recoveryAttrs are the attributes the pool's recovery mechanisms name,
// by priority; without a setting, Cognito uses a verified phone number,
// then email.
func (p *Pool) recoveryAttrs() []string {
	r := p.Settings.AccountRecoverySetting
	if r == nil || len(r.RecoveryMechanisms) == 0 {
		return []string{"phone_number", "email"}
	}
	ms := append([]RecoveryOption(nil), r.RecoveryMechanisms...)
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].Priority < ms[j-1].Priority; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
	var out []string
	for _, m := range ms {
		switch m.Name {
		case "verified_email":
			out = append(out, "email")
		case "verified_phone_number":
			out = append(out, "phone_number")
		}
	}
	return out
}

func forgotPassword(c *service.Call) (any, error) {
	var in struct {
		ClientId   string
		SecretHash string
		Username   string
	}
	if err := decode(c, &in); err != nil {
		return nil, err
	}
	var out struct{ CodeDeliveryDetails *codeDelivery }
	err := c.World.Update(func(tx *world.Tx) error {
		cl, p, err := clientFor(tx, in.ClientId, in.Username, in.SecretHash)
		if err != nil {
			return err
		}
		u, ok := findUser(tx, p, in.Username)
		if !ok {
			if cl.preventsExistenceErrors() {
				// A made-up delivery, so that the answer does not tell
				// whether the user exists.
				out.CodeDeliveryDetails = &codeDelivery{Destination: mask(in.Username), DeliveryMedium: "EMAIL", AttributeName: "email"}
				return nil
			}
			return userNotFound()
		}
		if u.Status == StatusForceChange {
			return notAuthorized("User password cannot be reset in the current state.")
		}
		for _, attr := range p.recoveryAttrs() {
			to := u.Attr(attr)
			if to == "" || u.Attr(attr+"_verified") != "true" {
				continue
			}
			u = u.clone()
			code := sixDigits(c.World)
			u.Code, u.CodeExpires = digest(code), c.Env.Now.Add(time.Hour)
			medium := "EMAIL"
			if attr == "phone_number" {
				medium = "SMS"
			}
			c.Event.Note = fmt.Sprintf("no %s is sent: the password reset code for user %s (%s %s) is %s; use it with ConfirmForgotPassword",
				strings.ToLower(medium), u.Username, attr, to, code)
			out.CodeDeliveryDetails = &codeDelivery{Destination: mask(to), DeliveryMedium: medium, AttributeName: attr}
			return users.Put(tx, userKey(p, u.Username), u)
		}
		return invalidParameter("Cannot reset password for the user as there is no registered/verified email or phone_number")
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func confirmForgotPassword(c *service.Call) (any, error) {
	var in struct {
		ClientId         string
		SecretHash       string
		Username         string
		ConfirmationCode string
		Password         string
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
		if u.Code == "" || u.Code != digest(in.ConfirmationCode) {
			return codeMismatch()
		}
		if c.Env.Now.After(u.CodeExpires) {
			return protocol.Errorf(http.StatusBadRequest, "ExpiredCodeException", "Invalid code provided, please request a code again.")
		}
		if err := checkPassword(p, in.Password); err != nil {
			return err
		}
		u = u.clone()
		setPassword(c.World, p, u, in.Password)
		u.Status, u.Code, u.Modified = StatusConfirmed, "", c.Env.Now.UTC()
		return users.Put(tx, userKey(p, u.Username), u)
	})
	return nil, err
}
