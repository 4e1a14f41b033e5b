package sts

import (
	"bytes"
	"encoding/json"
	"strings"
	"sync/atomic"
	"time"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// sessionParams are what AssumeRole and GetFederationToken share: the
// session policies and tags.
type sessionParams struct {
	policy     *world.Doc
	policyARNs []string
	tags       []world.Tag
	transitive []string
	size       int // the packed size of the policies and tags, in characters
}

// readSession reads Policy, PolicyArns, Tags and TransitiveTagKeys.
func readSession(c *service.Call, tx *world.Tx, p protocol.Params) (*sessionParams, error) {
	s := &sessionParams{}
	var texts []string
	if p.Has("Policy") {
		pol := p.Get("Policy")
		if err := checkString(pol, "policy", 1, MaxSessionPolicy, nil); err != nil {
			return nil, err
		}
		if _, err := c.World.CheckPolicy(tx, pol, world.SessionPolicy); err != nil {
			return nil, malformed(err)
		}
		texts = append(texts, pol)
		s.size += len(compact(pol))
	}
	for _, m := range p.Structs("PolicyArns") {
		arn := m.Get("arn")
		d, ok := c.World.ManagedDoc(tx, arn)
		if !ok {
			return nil, protocol.Errorf(400, "InvalidParameterValue", "Policy %s does not exist or is not attachable.", arn)
		}
		s.policyARNs = append(s.policyARNs, arn)
		texts = append(texts, d.Text)
		s.size += len(arn)
	}
	if len(s.policyARNs) > MaxPolicyARNs {
		return nil, constraint("", "policyArns", "Member must have length less than or equal to 10")
	}
	if len(texts) > 0 {
		d, err := mergePolicies(texts)
		if err != nil {
			return nil, malformed(err)
		}
		s.policy = d
	}
	if err := s.readTags(p); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *sessionParams) readTags(p protocol.Params) error {
	for _, m := range p.Structs("Tags") {
		k, v := m.Get("Key"), m.Get("Value")
		if err := checkString(k, "tags.member.key", 1, MaxTagKey, nil); err != nil {
			return err
		}
		if err := checkString(v, "tags.member.value", 0, MaxTagValue, nil); err != nil {
			return err
		}
		for _, t := range s.tags {
			// "tag keys ... must be unique ... regardless of case".
			if strings.EqualFold(t.Key, k) {
				return protocol.Errorf(400, "InvalidParameterValue", "Duplicate tag keys found. Please note that Tag keys are case insensitive.")
			}
		}
		s.tags = append(s.tags, world.Tag{Key: k, Value: v})
		s.size += len(k) + len(v)
	}
	if len(s.tags) > MaxSessionTags {
		return constraint("", "tags", "Member must have length less than or equal to 50")
	}
	s.transitive = p.List("TransitiveTagKeys")
	for _, k := range s.transitive {
		found := false
		for _, t := range s.tags {
			found = found || strings.EqualFold(t.Key, k)
		}
		if !found {
			return protocol.Errorf(400, "InvalidParameterValue", "The specified transitive tag key must be included in the requested tags.")
		}
	}
	return nil
}

// packedLimit is the packed size that PackedPolicySize reports as 100%.
const packedLimit = 2048

// packed is PackedPolicySize: "A percentage value that indicates the
// packed size of the session policies and session tags combined passed in
// the request. The request fails if the packed size is greater than 100
// percent".
func (s *sessionParams) packed() (int, error) {
	pct := s.size * 100 / packedLimit
	if pct > 100 {
		return 0, protocol.Errorf(400, "PackedPolicyTooLarge", "Packed policy consumes %d%% of allotted space, please use smaller policy for session.", pct)
	}
	return pct, nil
}

// tagContext is what the tags of a request put in the request context.
func (s *sessionParams) tagContext() []authz.Entry {
	if len(s.tags) == 0 {
		return nil
	}
	var out []authz.Entry
	keys := make([]string, 0, len(s.tags))
	for _, t := range s.tags {
		out = append(out, authz.Entry{Key: "aws:RequestTag/" + t.Key, Values: []string{t.Value}})
		keys = append(keys, t.Key)
	}
	out = append(out, authz.Entry{Key: "aws:TagKeys", Values: keys})
	if len(s.transitive) > 0 {
		out = append(out, authz.Entry{Key: "sts:TransitiveTagKeys", Values: s.transitive})
	}
	return out
}

// malformed answers a session policy that STS refuses, with its code.
func malformed(err error) *protocol.Error {
	code := "MalformedPolicyDocument"
	if m, ok := err.(*world.MalformedPolicyError); ok && m.Code != "" {
		code = m.Code
	}
	return protocol.Errorf(400, code, "%s", err.Error())
}

// compact is a policy's text without white space outside strings, as AWS
// counts a session policy's size.
func compact(s string) string {
	var b bytes.Buffer
	if json.Compact(&b, []byte(s)) != nil {
		return s
	}
	return b.String()
}

// mergePolicies makes one session policy of the inline one and the
// managed ones (PolicyArns): their statements side by side in one
// document, since the session's permissions are allowed by any of them.
func mergePolicies(texts []string) (*world.Doc, error) {
	if len(texts) == 1 {
		return world.ParseDoc(texts[0])
	}
	var stmts []json.RawMessage
	for _, t := range texts {
		var doc struct {
			Statement json.RawMessage
		}
		if err := json.Unmarshal([]byte(t), &doc); err != nil {
			return nil, err
		}
		raw := bytes.TrimSpace(doc.Statement)
		if len(raw) > 0 && raw[0] == '[' {
			var list []json.RawMessage
			if err := json.Unmarshal(raw, &list); err != nil {
				return nil, err
			}
			stmts = append(stmts, list...)
		} else if len(raw) > 0 {
			stmts = append(stmts, raw)
		}
	}
	b, err := json.MarshalIndent(struct {
		Version   string
		Statement []json.RawMessage
	}{"2012-10-17", stmts}, "", "  ")
	if err != nil {
		return nil, err
	}
	return world.ParseDoc(string(b))
}

// tokenBytes is the length of a session token's random part.
const tokenBytes = 96

// pruneEvery is how many sessions STS makes between two sweeps of the
// expired ones, which would otherwise pile up in a long-running world; at
// least, for a sweep visits every session: with more than 4×pruneEvery
// live ones, a sweep comes after a quarter of their number, so that the
// sweeps cost each new session the same however many there are.
const pruneEvery = 1024

// made counts the sessions made since the last sweep (of any world:
// sweeping early or late changes nothing but memory).
var made atomic.Uint64

// putSession stores a new session, and now and then deletes the expired
// ones in the same commit.
func putSession(tx *world.Tx, s *world.Session, now time.Time) error {
	if made.Add(1) >= max(pruneEvery, uint64(world.Sessions.Len(tx)/4)) {
		made.Store(0)
		if _, err := world.PruneSessions(tx, now); err != nil {
			return err
		}
	}
	return world.Sessions.Put(tx, s.KeyID, s)
}

// newSession makes the credentials of a session that starts now.
func newSession(w *world.World, kind world.SessionKind, account string, now time.Time, seconds int) *world.Session {
	now = now.UTC().Truncate(time.Second)
	return &world.Session{
		KeyID: w.NewID(world.PrefixTemporaryKey, 16), Secret: w.NewSecret(), Token: "IQoJb3JpZ2luX2VjE" + w.NewToken(tokenBytes),
		Kind: kind, Account: account, Issued: now, Expires: now.Add(time.Duration(seconds) * time.Second),
	}
}

// mfa reads SerialNumber and TokenCode. The simulated AWS has no MFA
// devices yet: a well-formed six-digit code with a serial number counts as
// MFA.
func mfa(p protocol.Params) (bool, error) {
	serial, code := p.Get("SerialNumber"), p.Get("TokenCode")
	if serial == "" && code == "" {
		return false, nil
	}
	if err := checkString(serial, "serialNumber", 9, 256, externalPattern); err != nil {
		return false, err
	}
	if err := checkString(code, "tokenCode", 6, 6, tokenPattern); err != nil {
		return false, err
	}
	return true, nil
}
