package scenario

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/policy"
)

// The edits that Result.Changes suggests are made here in the scenario's
// JSON text, by this test's own code, not the engine's: the scenario read
// again must then decide as Changes says. Every kind of edit is met in the
// corpus.
func TestChangesApplied(t *testing.T) {
	files, _ := filepath.Glob("../testdata/*/*.json")
	seen := map[authz.Code]int{}
	checked := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s, err := Parse(string(src), Options{})
		if err != nil {
			continue // AWS managed policies: no catalog here
		}
		r, err := s.Evaluate()
		if err != nil || r.Decision == authz.Allowed {
			continue
		}
		ch := r.Changes()
		if len(ch.Edits) == 0 {
			t.Errorf("%s: %s, and no change found", f, r.Decision)
			continue
		}
		edited, err := applyEdits(src, ch.Edits)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		s2, err := Parse(string(edited), Options{})
		if err != nil {
			t.Fatalf("%s: the edited scenario does not read: %v\n%s", f, err, edited)
		}
		r2, err := s2.Evaluate()
		if err != nil || r2.Decision != ch.Decision {
			t.Errorf("%s: after %d edits the decision is %s (%v), Changes says %s\n%s", f, len(ch.Edits), r2.Decision, err, ch.Decision, edited)
		}
		for _, e := range ch.Edits {
			seen[e.Kind]++
		}
		checked++
	}
	for _, k := range []authz.Code{authz.ChangeAddAction, authz.ChangeAddResource, authz.ChangeAddPrincipal, authz.ChangeMeetCondition,
		authz.ChangeAddStatement, authz.ChangeBreakCondition, authz.ChangeRemoveDeny} {
		if seen[k] == 0 {
			t.Errorf("no scenario of the corpus needs %s", k)
		}
	}
	if checked < 100 {
		t.Errorf("only %d denied scenarios checked", checked)
	}
}

// A Fix moves the decision on with each step: all the edits but the last
// do not yet give the final decision.
func TestChangesAreNeeded(t *testing.T) {
	files, _ := filepath.Glob("../testdata/conformance/*.json")
	for _, f := range files {
		src, _ := os.ReadFile(f)
		s, err := Parse(string(src), Options{})
		if err != nil {
			continue
		}
		r, err := s.Evaluate()
		if err != nil || r.Decision == authz.Allowed {
			continue
		}
		ch := r.Changes()
		if len(ch.Edits) < 2 {
			continue
		}
		edited, err := applyEdits(src, ch.Edits[:len(ch.Edits)-1])
		if err != nil {
			t.Fatal(err)
		}
		s2, err := Parse(string(edited), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if r2, _ := s2.Evaluate(); r2.Decision == ch.Decision {
			t.Errorf("%s: the last of %d edits is not needed", f, len(ch.Edits))
		}
	}
}

type object = map[string]any

// applyEdits makes the edits in a scenario's text. Statements that
// ChangeRemoveDeny removes go last, so that the indexes of the other
// edits still hold.
func applyEdits(src []byte, edits []authz.Edit) ([]byte, error) {
	var sc object
	if err := json.Unmarshal(src, &sc); err != nil {
		return nil, err
	}
	type removal struct {
		doc object
		at  int
	}
	var removals []removal
	for _, e := range edits {
		doc := document(sc, e)
		stmts := statements(doc)
		switch e.Kind {
		case authz.ChangeAddStatement:
			st := object{"Effect": "Allow", "Action": e.Action}
			if e.Resource != "" {
				st["Resource"] = e.Resource
			}
			if e.Principal != "" {
				st["Principal"] = object{e.PrincipalKey: e.Principal}
			}
			doc["Statement"] = append(stmts, st)
			continue
		case authz.ChangeRemoveDeny:
			removals = append(removals, removal{doc, e.Statement})
			continue
		}
		st := stmts[e.Statement].(object)
		switch e.Kind {
		case authz.ChangeAddAction:
			st["Action"] = append(strs(st["Action"]), e.Action)
		case authz.ChangeAddResource:
			st["Resource"] = append(strs(st["Resource"]), e.Resource)
		case authz.ChangeAddPrincipal:
			p := st["Principal"].(object)
			p[e.PrincipalKey] = append(strs(p[e.PrincipalKey]), e.Principal)
		case authz.ChangeMeetCondition, authz.ChangeBreakCondition:
			// Meet: without the condition, the statement applies as if it
			// held. Break: a Null check that fails replaces it.
			c := e.Condition
			block := st["Condition"].(object)
			ops := block[c.Operator].(object)
			delete(ops, c.Key)
			if len(ops) == 0 {
				delete(block, c.Operator)
			}
			if e.Kind == authz.ChangeBreakCondition {
				null, _ := block["Null"].(object)
				if null == nil {
					null = object{}
					block["Null"] = null
				}
				null[c.Key] = map[bool]string{true: "true", false: "false"}[c.Present]
			}
			if len(block) == 0 {
				delete(st, "Condition")
			}
		}
	}
	slices.SortFunc(removals, func(a, b removal) int { return b.at - a.at })
	for _, r := range removals {
		stmts := statements(r.doc)
		r.doc["Statement"] = append(stmts[:r.at:r.at], stmts[r.at+1:]...)
	}
	return json.MarshalIndent(sc, "", "  ")
}

// document returns the policy document an edit changes, as an object
// (a document written as a string is read into one), making a new
// policy where the edit asks for one.
func document(sc object, e authz.Edit) object {
	entry := func(list []any, i int) object {
		n := list[i].(object)
		if s, ok := n["document"].(string); ok {
			var d object
			json.Unmarshal([]byte(s), &d)
			n["document"] = d
		}
		return n["document"].(object)
	}
	fresh := func() object {
		return object{"name": "New", "document": object{"Version": "2012-10-17", "Statement": []any{}}}
	}
	slot := map[policy.Type]string{policy.Boundary: "permissionsBoundary", policy.Session: "sessionPolicy", policy.Resource: "resourcePolicy"}
	switch e.Type {
	case policy.Identity:
		list, _ := sc["identityPolicies"].([]any)
		if e.New {
			list = append(list, fresh())
			sc["identityPolicies"] = list
		}
		return entry(list, e.Index)
	case policy.SCP, policy.RCP:
		key := "serviceControlPolicies"
		if e.Type == policy.RCP {
			key = "resourceControlPolicies"
		}
		level := sc[key].([]any)[e.Level].(object)
		list, _ := level["policies"].([]any)
		if e.New {
			list = append(list, fresh())
			level["policies"] = list
			return entry(list, len(list)-1)
		}
		return entry(list, e.Index)
	}
	if e.New {
		sc[slot[e.Type]] = fresh()
	}
	return entry([]any{sc[slot[e.Type]]}, 0)
}

// statements returns a document's statements as a list (one statement
// may be written alone).
func statements(doc object) []any {
	switch s := doc["Statement"].(type) {
	case []any:
		return s
	case object:
		doc["Statement"] = []any{s}
		return []any{s}
	}
	return nil
}

// strs returns a string or list of strings as a list.
func strs(v any) []any {
	switch v := v.(type) {
	case string:
		return []any{v}
	case []any:
		return v
	}
	return nil
}
