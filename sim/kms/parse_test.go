package kms

import (
	"strings"
	"testing"

	"github.com/iamlab/iamlab/sim/authorize"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

func testCall() *service.Call {
	return &service.Call{Env: authorize.Env{Region: "us-east-1", Principal: &world.Principal{Account: "123456789012"}}}
}

func TestParseRef(t *testing.T) {
	c := testCall()
	for _, tc := range []struct {
		raw, id, alias, account string
		use                     keyUse
		code                    string
	}{
		{"1234abcd-12ab-34cd-56ef-1234567890ab", "1234abcd-12ab-34cd-56ef-1234567890ab", "", "123456789012", ownKey, ""},
		{"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", "1234abcd-12ab-34cd-56ef-1234567890ab", "", "111122223333", anyAccount, ""},
		{"alias/app", "", "alias/app", "123456789012", anyName, ""},
		{"arn:aws:kms:us-east-1:111122223333:alias/app", "", "alias/app", "111122223333", anyName, ""},
		{"alias/app", "", "", "", ownKey, "NotFoundException"},
		{"arn:aws:kms:us-east-1:111122223333:alias/app", "", "", "", anyAccount, "InvalidArnException"},
		{"arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", "", "", "", anyName, "NotFoundException"},
		{"arn:aws:kms:us-east-1:111122223333:key/", "", "", "", anyName, "NotFoundException"},
		{"arn:aws:kms:us-east-1:1111:key/1234abcd-12ab-34cd-56ef-1234567890ab", "", "", "", anyName, "NotFoundException"},
		{"arn:aws:s3:::bucket", "", "", "", anyName, "NotFoundException"},
		{"1234ABCD-12ab-34cd-56ef-1234567890ab", "", "", "", anyName, "NotFoundException"},
		{strings.Repeat("a", MaxKeyIDLength+1), "", "", "", anyName, "ValidationException"},
	} {
		r, err := parseRef(c, tc.raw, tc.use)
		code := ""
		if err != nil {
			code = strings.SplitN(err.Error(), ":", 2)[0]
		}
		if code != tc.code || err == nil && (r.id != tc.id || r.alias != tc.alias || r.account != tc.account) {
			t.Errorf("%s: %+v %v", tc.raw, r, err)
		}
	}
}

// FuzzParseRef: any KeyId parses to exactly one of a key ID or an alias,
// of the caller's Region, or is refused with a KMS error, never a panic.
func FuzzParseRef(f *testing.F) {
	for _, s := range []string{"1234abcd-12ab-34cd-56ef-1234567890ab", "alias/x", "arn:aws:kms:us-east-1:123456789012:alias/x",
		"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", "arn:", ""} {
		f.Add(s)
	}
	c := testCall()
	f.Fuzz(func(t *testing.T, raw string) {
		r, err := parseRef(c, raw, anyName)
		if err != nil {
			return
		}
		if (r.id == "") == (r.alias == "") || r.region != "us-east-1" || len(r.account) != 12 {
			t.Fatalf("%q parsed as %+v", raw, r)
		}
		if r.id != "" && !isKeyID(r.id) || r.alias != "" && !strings.HasPrefix(r.alias, aliasPrefix) {
			t.Fatalf("%q parsed as %+v", raw, r)
		}
		if strings.HasPrefix(raw, "arn:") {
			want := KeyARN(r.region, r.account, r.id)
			if r.alias != "" {
				want = r.aliasARN()
			}
			if want != raw {
				t.Fatalf("%q parsed as %q", raw, want)
			}
		}
	})
}

// FuzzReadPage: any Limit and Marker give a page or a KMS error, and any
// page of any list is a part of it.
func FuzzReadPage(f *testing.F) {
	f.Add(10, "MTA", 25)
	f.Add(0, "", 0)
	f.Fuzz(func(t *testing.T, limit int, marker string, n int) {
		p, err := readPage(&limit, &marker, 50, 100)
		if err != nil {
			return
		}
		if p.limit < 1 || p.limit > 100 || p.start < 0 {
			t.Fatalf("page %+v", p)
		}
		size := n % 2000
		if size < 0 {
			size = -size
		}
		items := make([]int, size)
		for i := range items {
			items[i] = i
		}
		got, next, more := paginate(items, p)
		if len(got) > p.limit || more != (next != "") || len(got) > 0 && got[0] != p.start {
			t.Fatalf("%+v of %d: %d items, %q %v", p, len(items), len(got), next, more)
		}
	})
}
