package kms

import (
	"github.com/iamlab/iamlab/lint"
	"github.com/iamlab/iamlab/sim/authorize"
	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// Key policy limits: the Policy parameter (PolicyType) is "1 to 131072
// characters" of "[\u0009\u000A\u000D\u0020-\u00FF]+"; the key policy
// document's own quota (32 KB) is one of the save-time rules
// (lint.SaveErrors).
const (
	MaxPolicyParam    = 131072
	policyPattern     = `[\u0009\u000A\u000D\u0020-\u00FF]+`
	DefaultPolicyName = "default"
)

// DefaultPolicy is the key policy CreateKey gives a key when the request
// has none, as GetKeyPolicy returns it: "When you create a KMS key
// programmatically with the AWS KMS API ... and you don't specify a key
// policy, AWS KMS applies a very simple default key policy. This default
// key policy has one policy statement that gives the AWS account that owns
// the KMS key permission to use IAM policies to allow access to all AWS
// KMS operations on the KMS key" (KMS Developer Guide, default key
// policy; the text is GetKeyPolicy's answer in its "Creating keys" page).
func DefaultPolicy(account string) string {
	return `{
  "Version" : "2012-10-17",
  "Id" : "key-default-1",
  "Statement" : [ {
    "Sid" : "Enable IAM User Permissions",
    "Effect" : "Allow",
    "Principal" : {
      "AWS" : "arn:aws:iam::` + account + `:root"
    },
    "Action" : "kms:*",
    "Resource" : "*"
  } ]
}`
}

// policyParam checks the Policy parameter's shape.
func policyParam(text string) error {
	if len(text) > MaxPolicyParam {
		return tooLong("policy", MaxPolicyParam)
	}
	for _, r := range text {
		if !(r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xFF) {
			return validation("1 validation error detected: Value at 'policy' failed to satisfy constraint: Member must satisfy regular expression pattern: %s", policyPattern)
		}
	}
	return nil
}

// checkPolicy applies the rules KMS applies to a key policy it saves.
func checkPolicy(c *service.Call, tx *world.Tx, text string) (*world.Doc, error) {
	if err := policyParam(text); err != nil {
		return nil, err
	}
	d, err := c.World.CheckPolicyIn(tx, text, world.ResourcePolicy, lint.KMS)
	if err != nil {
		if m, ok := err.(*world.MalformedPolicyError); ok {
			return nil, kmsError(m.Code, "%s", m.Msg)
		}
		return nil, err
	}
	return d, nil
}

// lockout is the policy lockout safety check: "If this parameter is set to
// false ... AWS KMS checks whether the key policy allows the principal
// making the PutKeyPolicy request to make a subsequent PutKeyPolicy request
// on the KMS key" (PutKeyPolicy, BypassPolicyLockoutSafetyCheck). The
// engine decides that request with the new policy; a refusal is recorded
// in the event, so its trace says why.
func lockout(c *service.Call, tx *world.Tx, k *Key, d *world.Doc) error {
	req := &authorize.Request{Action: "kms:PutKeyPolicy", Resource: k.ARN(),
		Policy: &world.NamedDoc{Name: "new key policy", Doc: d}, Context: keyContext(c, k, &question{})}
	dec, err := authorize.Decide(c.World, tx, &c.Env, req)
	if err != nil {
		return protocol.Internal(err)
	}
	if dec.Allowed() {
		return nil
	}
	c.Event.Decisions = append(c.Event.Decisions, dec)
	c.Event.Note = "the policy lockout safety check: the new key policy would not let the caller call PutKeyPolicy"
	return malformedPolicy("The new key policy will not allow you to update the key policy in the future.")
}

// policyName checks PolicyName: "The only valid policy name is default."
func policyName(name *string) error {
	if name != nil && *name != DefaultPolicyName {
		return notFound("No such policy exists") // AWS's wording not seen
	}
	return nil
}

type getPolicyInput struct {
	KeyId      *string
	PolicyName *string
}

func getKeyPolicy(c *service.Call) (any, error) {
	var in getPolicyInput
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return nil, err
	}
	id, err := required(in.KeyId, "KeyId")
	if err != nil {
		return nil, err
	}
	if err := policyName(in.PolicyName); err != nil {
		return nil, err
	}
	var text string
	err = c.World.View(func(tx *world.Tx) error {
		k, _, err := resolve(c, tx, id, ownKey)
		if err != nil {
			return err
		}
		if err := allowKey(c, tx, k, question{action: "kms:GetKeyPolicy"}); err != nil {
			return err
		}
		text = k.Policy.Text
		return nil
	})
	if err != nil {
		return nil, err
	}
	return map[string]string{"Policy": text, "PolicyName": DefaultPolicyName}, nil
}

type putPolicyInput struct {
	KeyId                          *string
	PolicyName                     *string
	Policy                         *string
	BypassPolicyLockoutSafetyCheck *bool
}

func putKeyPolicy(c *service.Call) (any, error) {
	var in putPolicyInput
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return nil, err
	}
	id, err := required(in.KeyId, "KeyId")
	if err != nil {
		return nil, err
	}
	text, err := required(in.Policy, "Policy")
	if err != nil {
		return nil, err
	}
	if err := policyName(in.PolicyName); err != nil {
		return nil, err
	}
	bypass := in.BypassPolicyLockoutSafetyCheck != nil && *in.BypassPolicyLockoutSafetyCheck
	return nil, write(c, func(tx *world.Tx) error {
		k, _, err := use(c, tx, id, ownKey, true)
		if err != nil {
			return err
		}
		q := question{action: "kms:PutKeyPolicy"}
		if in.BypassPolicyLockoutSafetyCheck != nil {
			q.ctx = append(q.ctx, entry("kms:BypassPolicyLockoutSafetyCheck", boolString(bypass)))
		}
		if err := allowKey(c, tx, k, q); err != nil {
			return err
		}
		d, err := checkPolicy(c, tx, text)
		if err != nil {
			return err
		}
		if !bypass {
			if err := lockout(c, tx, k, d); err != nil {
				return err
			}
		}
		n := k.Clone()
		n.Policy = d
		return keys.Put(tx, n.storeKey(), n)
	})
}

type listPoliciesInput struct {
	KeyId  *string
	Limit  *int
	Marker *string
}

// listKeyPolicies: "The only valid policy name is default."
func listKeyPolicies(c *service.Call) (any, error) {
	var in listPoliciesInput
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return nil, err
	}
	id, err := required(in.KeyId, "KeyId")
	if err != nil {
		return nil, err
	}
	pg, err := readPage(in.Limit, in.Marker, 100, MaxLimit)
	if err != nil {
		return nil, err
	}
	err = c.World.View(func(tx *world.Tx) error {
		k, _, err := resolve(c, tx, id, ownKey)
		if err != nil {
			return err
		}
		return allowKey(c, tx, k, question{action: "kms:ListKeyPolicies"})
	})
	if err != nil {
		return nil, err
	}
	names, next, more := paginate([]string{DefaultPolicyName}, pg)
	return struct {
		PolicyNames []string
		NextMarker  string `json:",omitempty"`
		Truncated   bool
	}{names, next, more}, nil
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
