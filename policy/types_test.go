package policy

import (
	"slices"
	"testing"
)

func TestTypeNames(t *testing.T) {
	for _, ty := range Types {
		got, ok := ParseType(ty.String())
		if !ok || got != ty {
			t.Errorf("ParseType(%q) = %v, %v", ty.String(), got, ok)
		}
		var back Type
		if err := back.UnmarshalText([]byte(ty.String())); err != nil || back != ty {
			t.Errorf("UnmarshalText(%q) = %v, %v", ty.String(), back, err)
		}
	}
	if _, ok := ParseType("bucket"); ok {
		t.Error("ParseType accepted an unknown name")
	}
}

// TestElements: every type's element rules, each firing and quiet.
func TestElements(t *testing.T) {
	const (
		identity  = `{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`
		principal = `{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject", "Resource": "*"}`
		noRes     = `{"Effect": "Allow", "Action": "s3:GetObject"}`
		trust     = `{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}`
		notPrinc  = `{"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}`
		rcp       = `{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}`
	)
	cases := []struct {
		typ   Type
		stmt  string
		codes []string
	}{
		{Identity, identity, nil},
		{Identity, principal, []string{"statement.principalNotAllowed"}},
		{Boundary, noRes, []string{"statement.noResource"}},
		{Session, principal, []string{"statement.principalNotAllowed"}},
		{SCP, noRes, []string{"statement.noResource"}},
		{Resource, principal, nil},
		{Resource, identity, []string{"statement.noPrincipal"}},
		{Trust, trust, nil},
		{Trust, principal, []string{"trust.resource"}},
		{Trust, notPrinc, []string{"trust.notPrincipal"}},
		{RCP, rcp, nil},
		{RCP, principal, []string{"statement.rcpPrincipal"}},
	}
	for _, c := range cases {
		p, err := Parse(`{"Version": "2012-10-17", "Statement": [` + c.stmt + `]}`)
		if err != nil {
			t.Fatal(err)
		}
		var codes []string
		for _, e := range c.typ.Elements(p) {
			codes = append(codes, e.Code)
			if e.Line < 1 || e.Col < 1 {
				t.Errorf("%v %s: %s has no position", c.typ, c.stmt, e.Code)
			}
		}
		if !slices.Equal(codes, c.codes) {
			t.Errorf("%v %s: codes %v, want %v", c.typ, c.stmt, codes, c.codes)
		}
	}
}
