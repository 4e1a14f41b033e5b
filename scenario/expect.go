package scenario

import (
	"strconv"
	"strings"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/internal/jsonpos"
	"github.com/iamlab/iamlab/policy"
)

// Decider is one entry of a test scenario's "expectedBy": a policy, or a
// statement of one, that should decide the request (docs/scenario.md).
type Decider struct {
	Type policy.Type
	// Policy is the policy's name, Target its organization level's target;
	// "" matches any.
	Policy, Target string
	// Statement is the statement's Sid, or #N for the N-th statement
	// (from 1); "" names the policy itself, as for the policy that blocks
	// an implicit deny.
	Statement string
}

// String writes the entry as a report names it.
func (d Decider) String() string {
	s := d.Type.String()
	if d.Target != "" {
		s += " at " + d.Target
	}
	if d.Policy != "" {
		s += " " + strconv.Quote(d.Policy)
	}
	if d.Statement != "" {
		s += " statement " + d.Statement
	}
	return s
}

// matches reports whether the entry names a policy or statement that
// decided.
func (d Decider) matches(ref authz.Ref) bool {
	p := ref.Policy
	if d.Type != p.Type || (d.Policy != "" && d.Policy != p.Name) || (d.Target != "" && d.Target != p.Target) {
		return false
	}
	if d.Statement == "" || ref.Statement == nil {
		return d.Statement == "" && ref.Statement == nil
	}
	st := ref.Statement
	return d.Statement == st.Sid || d.Statement == "#"+strconv.Itoa(st.Index+1)
}

// deciderOf names what decided, as an entry of expectedBy would.
func deciderOf(ref authz.Ref) Decider {
	d := Decider{Type: ref.Policy.Type, Policy: ref.Policy.Name, Target: ref.Policy.Target}
	if st := ref.Statement; st != nil {
		d.Statement = "#" + strconv.Itoa(st.Index+1)
		if st.Sid != "" {
			d.Statement = st.Sid
		}
	}
	return d
}

// CheckDecidedBy compares what decided a result with the scenario's
// expectedBy, entry for entry in any order, and says how they differ ("" when
// they agree, or when the scenario has no expectedBy).
func (s *Scenario) CheckDecidedBy(r *authz.Result) string {
	if s.ExpectedBy == nil {
		return ""
	}
	refs := r.DecidedBy()
	used := make([]bool, len(refs))
	ok := len(refs) == len(s.ExpectedBy)
	for _, d := range s.ExpectedBy {
		found := false
		for i, ref := range refs {
			if !used[i] && d.matches(ref) {
				used[i], found = true, true
				break
			}
		}
		ok = ok && found
	}
	if ok {
		return ""
	}
	got := make([]string, len(refs))
	for i, ref := range refs {
		got[i] = deciderOf(ref).String()
	}
	want := make([]string, len(s.ExpectedBy))
	for i, d := range s.ExpectedBy {
		want[i] = d.String()
	}
	return "expected to be decided by [" + strings.Join(want, "; ") + "], decided by [" + strings.Join(got, "; ") + "]"
}

func deciderKey(k string) int {
	switch k {
	case "type":
		return 0
	case "policy":
		return 1
	case "target":
		return 2
	case "statement":
		return 3
	}
	return -1
}

// expectedBy reads "expectedBy": an array of {"type", "policy", "target",
// "statement"}, each a string, "type" required. An empty array says that
// nothing decided (no policy allows the request at all).
func (r *reader) expectedBy(s *Scenario) error {
	if _, err := r.want(jsonpos.Array); err != nil {
		return err
	}
	s.ExpectedBy = []Decider{}
	return r.d.Array(func(int) error {
		var d Decider
		_, at := r.d.Peek()
		hasType := false
		var seen uint8
		if _, err := r.object(); err != nil {
			return err
		}
		for {
			key, keyOff, ok, err := r.d.Member()
			if err != nil || !ok {
				if err == nil && !hasType {
					err = r.errAt(at, "scenario.expectedBy", "an entry of expectedBy needs \"type\" (identity, boundary, session, resource, scp or rcp)")
				}
				if err == nil {
					s.ExpectedBy = append(s.ExpectedBy, d)
				}
				return err
			}
			i := deciderKey(key)
			switch {
			case i < 0:
				return r.errAt(keyOff, "scenario.expectedBy", "unknown key "+strconv.Quote(key)+": an entry of expectedBy has type, policy, target and statement")
			case seen&(1<<i) != 0:
				return r.errAt(keyOff, "json.duplicateKey", "duplicate key "+strconv.Quote(key))
			}
			seen |= 1 << i
			v, voff, err := r.str()
			if err != nil {
				return err
			}
			switch i {
			case 0:
				t, ok := policy.ParseType(v)
				if !ok {
					return r.errAt(voff, "scenario.expectedBy", "unknown policy type "+strconv.Quote(v)+": identity, boundary, session, resource, scp or rcp")
				}
				d.Type, hasType = t, true
			case 1:
				d.Policy = v
			case 2:
				d.Target = v
			case 3:
				d.Statement = v
			}
		}
	})
}
