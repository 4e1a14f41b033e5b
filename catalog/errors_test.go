package catalog_test

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/iamlab/iamlab/catalog"
)

// tinyFS is a hand-written catalog with one good service and some broken
// files.
func tinyFS() fstest.MapFS {
	return fstest.MapFS{
		"index.json": {Data: []byte(`{"s":[{"p":"bad","n":"Bad JSON"},{"p":"gone","n":"No file"},
			{"p":"ref","n":"Bad reference"},{"p":"zz","n":"Zed"}],"g":[]}`)},
		"services/bad.json": {Data: []byte(`{"p":"bad",`)},
		"services/ref.json": {Data: []byte(`{"p":"ref","n":"Bad reference","a":[{"n":"Do","l":"W","r":[{"n":"nothing"}]}]}`)},
		// Actions out of order: Expand still sorts its result.
		"services/zz.json":   {Data: []byte(`{"p":"zz","n":"Zed","a":[{"n":"Zap","l":"W"},{"n":"apply","l":"R"}]}`)},
		"managed/index.json": {Data: []byte(`[{"n":"Lost","v":"v1"}]`)},
	}
}

func TestLoadErrors(t *testing.T) {
	c := catalog.New(tinyFS())
	for _, prefix := range []string{"bad", "gone", "ref"} {
		_, err := c.Service(prefix)
		if err == nil || errors.Is(err, catalog.ErrNotFound) {
			t.Errorf("Service(%s) error = %v, want a load error", prefix, err)
		}
	}
	if _, ok := c.Action("bad:Do"); ok {
		t.Error("Action found in a broken service")
	}
	if _, err := c.Expand("*"); err == nil {
		t.Error("Expand(*) over broken services gave no error")
	}
	got, err := c.Expand("zz:*")
	if err != nil || len(got) != 2 || got[0].Name != "apply" || got[1].Name != "Zap" {
		t.Errorf("Expand(zz:*) = %v, %v; want apply, Zap", got, err)
	}
	_, err = c.ManagedPolicyByName("Lost")
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ManagedPolicyByName(Lost) error = %v, want a missing file", err)
	}
}

func TestNoIndex(t *testing.T) {
	c := catalog.New(fstest.MapFS{})
	if _, err := c.Services(); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Services() error = %v", err)
	}
	if _, err := c.Service("s3"); err == nil {
		t.Error("Service(s3) without an index gave no error")
	}
	if _, ok := c.GlobalConditionKey("aws:SourceIp"); ok {
		t.Error("global key found without an index")
	}
	if _, err := c.ManagedPolicies(); err == nil {
		t.Error("ManagedPolicies() without an index gave no error")
	}
}

func TestAccessLevel(t *testing.T) {
	for _, l := range []catalog.AccessLevel{catalog.List, catalog.Read, catalog.Write, catalog.PermissionsManagement, catalog.Tagging} {
		text, err := l.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back catalog.AccessLevel
		if err := back.UnmarshalText(text); err != nil || back != l {
			t.Errorf("%v round-trips to %v, %v", l, back, err)
		}
		if p, ok := catalog.ParseAccessLevel(l.String()); !ok || p != l {
			t.Errorf("ParseAccessLevel(%q) = %v, %v", l.String(), p, ok)
		}
	}
	if s := catalog.PermissionsManagement.String(); s != "Permissions management" {
		t.Errorf("PermissionsManagement.String() = %q", s)
	}
	if _, err := catalog.AccessLevel(0).MarshalText(); err == nil {
		t.Error("the zero level marshals")
	}
	if !strings.Contains(catalog.AccessLevel(42).String(), "42") {
		t.Error("an invalid level does not show its number")
	}
}
