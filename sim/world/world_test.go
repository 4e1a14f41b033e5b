package world

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/iamlab/iamlab/catalog/embedded"
	"github.com/iamlab/iamlab/lint"
)

type note struct {
	Text string `json:"text"`
}

var notes = NewKind[note]("test/note")

// A world reopened on the same store finds what was committed; a failed
// Update writes nothing (boltstore runs the same test on a file).
func TestReopen(t *testing.T) {
	stores := map[string]func() (Store, error){
		"memory": func() func() (Store, error) {
			m := NewMemory()
			return func() (Store, error) { return m, nil }
		}(),
	}
	for name, open := range stores {
		t.Run(name, func(t *testing.T) {
			s, _ := open()
			w, err := Open(s, Options{Managed: embedded.Catalog().ManagedText})
			if err != nil {
				t.Fatal(err)
			}
			if err := w.Apply(SeedFile().WithoutSections()); err != nil {
				t.Fatal(err)
			}
			must(t, w.Update(func(tx *Tx) error { return notes.Put(tx, "a", &note{"kept"}) }))
			must(t, w.Update(func(tx *Tx) error { return notes.Put(tx, "b", &note{"deleted"}) }))
			must(t, w.Update(func(tx *Tx) error { return notes.Delete(tx, "b") }))
			if err := w.Update(func(tx *Tx) error {
				_ = notes.Put(tx, "c", &note{"rolled back"})
				return os.ErrInvalid
			}); err != os.ErrInvalid {
				t.Fatal(err)
			}
			w.Close()
			s, _ = open()
			w, err = Open(s, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			_ = w.View(func(tx *Tx) error {
				if n, ok := notes.Get(tx, "a"); !ok || n.Text != "kept" {
					t.Errorf("a = %v", n)
				}
				for _, k := range []string{"b", "c"} {
					if _, ok := notes.Get(tx, k); ok {
						t.Errorf("%s is there", k)
					}
				}
				r, ok := Roles.Get(tx, NameKey("123456789012", "xx-S3-UPLOAD-role"))
				if !ok || r.Trust.Policy == nil || len(r.Trust.Policy.Statements) != 1 {
					t.Errorf("the role's trust policy was not parsed back: %+v", r)
				}
				if k, ok := AccessKeys.Get(tx, DefaultRootKeyID); !ok || k.User != "" || k.Secret != DefaultRootSecret {
					t.Errorf("the root user's documentation key: %+v", k)
				}
				return nil
			})
			if w.Empty() || w.MainAccount() != "123456789012" {
				t.Errorf("empty %v, main account %q", w.Empty(), w.MainAccount())
			}
		})
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// Reads inside an Update see its own writes; others see them once
// committed; a record read before a change does not change.
func TestIsolation(t *testing.T) {
	w, _ := Open(NewMemory(), Options{})
	must(t, w.Update(func(tx *Tx) error { return notes.Put(tx, "k", &note{"one"}) }))
	var before *note
	_ = w.View(func(tx *Tx) error { before, _ = notes.Get(tx, "k"); return nil })
	must(t, w.Update(func(tx *Tx) error {
		if err := notes.Put(tx, "k", &note{"two"}); err != nil {
			return err
		}
		if n, _ := notes.Get(tx, "k"); n.Text != "two" {
			t.Errorf("own write not seen: %v", n)
		}
		if got := notes.List(tx, ""); len(got) != 1 {
			t.Errorf("list %v", got)
		}
		return nil
	}))
	if before.Text != "one" {
		t.Errorf("a record read earlier changed: %v", before)
	}
	if err := w.View(func(tx *Tx) error { return notes.Put(tx, "x", &note{}) }); err == nil {
		t.Error("a write in a View was accepted")
	}
}

func TestIDs(t *testing.T) {
	w, _ := Open(NewMemory(), Options{Rand: bytes.NewReader(bytes.Repeat([]byte{7}, 100)), Clock: func() time.Time { return time.Unix(0, 0) }})
	if id := w.NewID(PrefixUser, 17); id != "AIDA"+strings.Repeat("H", 17) {
		t.Errorf("id %s", id)
	}
	if id := w.NewRequestID(); len(id) != 36 || id[14] != '4' {
		t.Errorf("request id %s", id)
	}
	if !w.Now().Equal(time.Unix(0, 0)) {
		t.Error("the clock is not the given one")
	}
}

func TestFileErrors(t *testing.T) {
	for _, tc := range []struct{ name, file, msg string }{
		{"no accounts", `{"accounts": []}`, "no accounts"},
		{"unknown field", `{"accounts": [{"id": "123456789012", "bukets": []}]}`, `unknown field "bukets"`},
		{"bad account", `{"accounts": [{"id": "12"}]}`, "12 digits"},
		{"bad trust", `{"accounts": [{"id": "123456789012", "roles": [{"name": "r", "trustPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:user:app"}, "Action": "sts:AssumeRole"}]}}]}]}`, `Invalid principal in policy: "AWS":"arn:aws:iam::123456789012:user:app"`},
		{"missing policy", `{"accounts": [{"id": "123456789012", "users": [{"name": "u", "managedPolicies": ["arn:aws:iam::123456789012:policy/none"]}]}]}`, "no managed policy"},
		{"missing group", `{"accounts": [{"id": "123456789012", "users": [{"name": "u", "groups": ["g"]}]}]}`, "no group g"},
		{"short max session", `{"accounts": [{"id": "123456789012", "roles": [{"name": "r", "maxSessionDuration": 60, "trustPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "123456789012"}, "Action": "sts:AssumeRole"}]}}]}]}`, "maxSessionDuration"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := ParseFile([]byte(tc.file))
			if err == nil {
				w, _ := Open(NewMemory(), Options{})
				err = w.Apply(f)
				if err == nil && !w.Empty() {
					return
				}
			}
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %v, want %q", err, tc.msg)
			}
		})
	}
}

func TestCheckPolicy(t *testing.T) {
	for _, tc := range []struct {
		doc string
		t   PolicyType
		msg string
	}{
		{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`, IdentityPolicy, ""},
		{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:NoSuchKey":"x"}}}]}`, IdentityPolicy, ""},
		{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}`, IdentityPolicy, "Policy statement must contain resources."},
		{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"GetObject","Resource":"*"}]}`, IdentityPolicy, "Actions/Conditions must be prefaced by a vendor"},
		{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}`, TrustPolicy, "no principals"},
		{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Resource":"*"}]}`, TrustPolicy, "Has prohibited field Resource"},
		{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role:r"},"Action":"sts:AssumeRole"}]}`, TrustPolicy, `Invalid principal in policy: "AWS":"arn:aws:iam::123456789012:role:r"`},
		{`{"Version":"2012-10-17","Statement":[{"Sid":"a b","Effect":"Allow","Action":"s3:*","Resource":"*"}]}`, IdentityPolicy, "Statement IDs (SID) must be alpha-numeric"},
		{`not json`, IdentityPolicy, "Syntax errors in policy."},
	} {
		w, _ := Open(NewMemory(), Options{})
		_, err := w.CheckPolicy(nil, tc.doc, tc.t)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if (tc.msg == "") != (got == "") || !strings.Contains(got, tc.msg) {
			t.Errorf("%s as %s: %q, want %q", tc.doc, tc.t, got, tc.msg)
		}
	}
}

// A principal of this world that does not exist is refused in each
// store's words: IAM quotes it, KMS does not.
func TestCheckPolicyMissingPrincipal(t *testing.T) {
	w, _ := Open(NewMemory(), Options{})
	must(t, w.Apply(DefaultFile()))
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/Admin"},"Action":"kms:*","Resource":"*"}]}`
	for store, want := range map[lint.Store]string{
		lint.IAM: `Invalid principal in policy: "AWS":"arn:aws:iam::123456789012:role/Admin"`,
		lint.KMS: "Policy contains a statement with one or more invalid principals.",
	} {
		_ = w.View(func(tx *Tx) error {
			_, err := w.CheckPolicyIn(tx, doc, ResourcePolicy, store)
			if m, ok := err.(*MalformedPolicyError); !ok || m.Msg != want {
				t.Errorf("%s: %v, want %q", store, err, want)
			}
			return nil
		})
	}
}

// FuzzFile reads and applies arbitrary world files: an error or a world,
// never a panic.
func FuzzFile(f *testing.F) {
	seed, _ := os.ReadFile("seed.json")
	f.Add(seed)
	f.Add([]byte(`{"accounts":[{"id":"123456789012","users":[{"name":"u","tags":{"a":"b"}}]}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		file, err := ParseFile(b)
		if err != nil {
			return
		}
		w, _ := Open(NewMemory(), Options{})
		_ = w.Apply(file)
	})
}

func TestPruneSessions(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	w, _ := Open(NewMemory(), Options{Clock: func() time.Time { return now }})
	must(t, w.Update(func(tx *Tx) error {
		for i, exp := range []time.Duration{-time.Hour, -time.Second, time.Second, time.Hour} {
			id := "ASIA" + strings.Repeat(string(rune('A'+i)), 16)
			if err := Sessions.Put(tx, id, &Session{KeyID: id, Expires: now.Add(exp)}); err != nil {
				return err
			}
		}
		return nil
	}))
	var n int
	must(t, w.Update(func(tx *Tx) error { var err error; n, err = PruneSessions(tx, now); return err }))
	left := 0
	_ = w.View(func(tx *Tx) error { left = len(Sessions.List(tx, "")); return nil })
	if n != 2 || left != 2 {
		t.Errorf("pruned %d, %d left", n, left)
	}
	// Within one Update, the sweep sees that Update's writes: a session
	// put expired is pruned, one deleted is not counted again.
	must(t, w.Update(func(tx *Tx) error {
		id := "ASIA" + strings.Repeat("Z", 16)
		if err := Sessions.Put(tx, id, &Session{KeyID: id, Expires: now.Add(-time.Minute)}); err != nil {
			return err
		}
		if err := Sessions.Delete(tx, "ASIA"+strings.Repeat("C", 16)); err != nil {
			return err
		}
		var err error
		n, err = PruneSessions(tx, now)
		return err
	}))
	_ = w.View(func(tx *Tx) error { left = len(Sessions.List(tx, "")); return nil })
	if n != 1 || left != 1 {
		t.Errorf("in one Update: pruned %d, %d left", n, left)
	}
}

// BenchmarkPruneSessions sweeps 100,000 live sessions, as STS does every
// pruneEvery sessions it makes.
func BenchmarkPruneSessions(b *testing.B) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	w, _ := Open(NewMemory(), Options{Clock: func() time.Time { return now }})
	must(b, w.Update(func(tx *Tx) error {
		for i := 0; i < 100000; i++ {
			id := fmt.Sprintf("ASIA%016d", i)
			if err := Sessions.Put(tx, id, &Session{KeyID: id, Expires: now.Add(time.Hour)}); err != nil {
				return err
			}
		}
		return nil
	}))
	b.ReportAllocs()
	for b.Loop() {
		must(b, w.Update(func(tx *Tx) error { _, err := PruneSessions(tx, now); return err }))
	}
}
