package s3

import (
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// FuzzDecodeConfig reads arbitrary PublicAccessBlockConfiguration and
// CreateBucketConfiguration documents: no panic, and what it accepts
// encoding/xml reads the same (the reference; decodeConfig is the
// stricter of the two).
func FuzzDecodeConfig(f *testing.F) {
	f.Add([]byte(`<PublicAccessBlockConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><BlockPublicAcls>true</BlockPublicAcls><RestrictPublicBuckets>false</RestrictPublicBuckets></PublicAccessBlockConfiguration>`))
	f.Add([]byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>`))
	f.Add([]byte(`<PublicAccessBlockConfiguration><!-- c --><BlockPublicPolicy> 1 </BlockPublicPolicy></PublicAccessBlockConfiguration>`))
	f.Add([]byte(`<CreateBucketConfiguration><LocationConstraint><![CDATA[eu]]>-west-1</LocationConstraint></CreateBucketConfiguration>`))
	f.Add([]byte(`<PublicAccessBlockConfiguration><BlockPublicAcls>true</BlockPublicAcls><BlockPublicAcls>false</BlockPublicAcls></PublicAccessBlockConfiguration>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, root := range []struct {
			name  string
			known []string
		}{{"PublicAccessBlockConfiguration", blockFields}, {"CreateBucketConfiguration", []string{"LocationConstraint"}}} {
			got, err := decodeConfig(body, root.name, root.known, []string{"Tags"})
			if err != nil {
				if err.Code != "MalformedXML" && err.Code != "NotImplemented" {
					t.Fatalf("error %s", err.Code)
				}
				continue
			}
			var ref struct {
				XMLName xml.Name
				Fields  []struct {
					XMLName xml.Name
					Text    string `xml:",chardata"`
				} `xml:",any"`
			}
			if err := xml.Unmarshal(body, &ref); err != nil {
				t.Fatalf("accepted %q, which encoding/xml refuses: %v", body, err)
			}
			if ref.XMLName.Local != root.name || len(ref.Fields) != len(got) {
				t.Fatalf("accepted %q as %v; encoding/xml reads %+v", body, got, ref)
			}
			for _, fl := range ref.Fields {
				if v, ok := got[fl.XMLName.Local]; !ok || v != fl.Text {
					t.Fatalf("%q: %s = %q, encoding/xml reads %q", body, fl.XMLName.Local, v, fl.Text)
				}
			}
			if root.name == "PublicAccessBlockConfiguration" {
				_, _ = decodeBlock(body)
			}
		}
	})
}

// refRange is a plain reading of a Range header for FuzzParseRange: the
// three forms of RFC 9110 with a single range, by the standard library.
func refRange(h string, size int64) (start, end int64, ok, unsatisfiable bool) {
	spec, found := strings.CutPrefix(strings.TrimSpace(h), "bytes=")
	if !found || strings.Count(spec, "-") < 1 || strings.Contains(spec, ",") {
		return 0, 0, false, false
	}
	i := strings.Index(spec, "-")
	a, b := strings.TrimSpace(spec[:i]), strings.TrimSpace(spec[i+1:])
	num := func(s string) (int64, bool) {
		if s == "" || len(s) > 18 || strings.Trim(s, "0123456789") != "" {
			return 0, false
		}
		n, err := strconv.ParseInt(s, 10, 64)
		return n, err == nil
	}
	if a == "" {
		n, okN := num(b)
		switch {
		case !okN:
			return 0, 0, false, false
		case n == 0 || size == 0:
			return 0, 0, false, true
		case n > size:
			n = size
		}
		return size - n, size - 1, true, false
	}
	first, okA := num(a)
	last := size - 1
	if !okA {
		return 0, 0, false, false
	}
	if b != "" {
		l, okB := num(b)
		if !okB || l < first {
			return 0, 0, false, false
		}
		last = min(l, size-1)
	}
	if first >= size {
		return 0, 0, false, true
	}
	return first, last, true, false
}

// FuzzParseRange compares parseRange with refRange, and checks that a
// range it gives lies within the object.
func FuzzParseRange(f *testing.F) {
	for _, s := range []string{"bytes=0-4", "bytes=7-", "bytes=-5", "bytes=0-100", "bytes=1-2,4-5", "bytes= 3 - 4 ", "bytes=5-2", "bytes=-0", "bytes=99999999999999999999-"} {
		f.Add(s, int64(12))
	}
	f.Add("bytes=0-", int64(0))
	f.Fuzz(func(t *testing.T, h string, size int64) {
		if size < 0 {
			size = -size
		}
		if size < 0 {
			return // MinInt64
		}
		r, ok, err := parseRange(h, size)
		start, end, refOK, refUnsat := refRange(h, size)
		if ok != refOK || (err != nil) != refUnsat || ok && (r.start != start || r.end != end) {
			t.Fatalf("parseRange(%q, %d) = %+v %v %v; reference %d-%d %v %v", h, size, r, ok, err, start, end, refOK, refUnsat)
		}
		if ok && (r.start < 0 || r.end >= size || r.start > r.end) {
			t.Fatalf("parseRange(%q, %d) = %+v: outside the object", h, size, r)
		}
	})
}

// FuzzListToken: every marker goes through a token unchanged, and a
// token that decodes decodes the same after a round trip.
func FuzzListToken(f *testing.F) {
	f.Add("photos/2006/", true, "cHBob3Rvcy8=")
	f.Add("", false, "not a token")
	f.Fuzz(func(t *testing.T, key string, prefix bool, tok string) {
		m := marker{key: key, prefix: prefix}
		if got, ok := decodeToken(encodeToken(m)); !ok || got != m {
			t.Fatalf("%+v came back as %+v, %v", m, got, ok)
		}
		if d, ok := decodeToken(tok); ok {
			if again, ok := decodeToken(encodeToken(d)); !ok || again != d {
				t.Fatalf("token %q: %+v then %+v", tok, d, again)
			}
		}
	})
}

// FuzzParseTagging compares the x-amz-tagging reader with
// url.ParseQuery: what it accepts, the standard library reads as the
// same tags (it refuses ';', which S3 takes as text).
func FuzzParseTagging(f *testing.F) {
	f.Add("team=blue&x=y")
	f.Add("a=1&a=2")
	f.Add("k%20ey=v%2Bal+ue&empty=")
	f.Add("aws:k=v")
	f.Fuzz(func(t *testing.T, h string) {
		tags, err := parseTagging(h)
		if err != nil {
			return
		}
		if len(tags) > maxObjectTags {
			t.Fatalf("%q: %d tags", h, len(tags))
		}
		ref, rerr := url.ParseQuery(h)
		if rerr != nil {
			if !strings.Contains(h, ";") {
				t.Fatalf("%q: accepted, url.ParseQuery: %v", h, rerr)
			}
			return
		}
		if len(ref) != len(tags) {
			t.Fatalf("%q: %v, url.ParseQuery %v", h, tags, ref)
		}
		for _, tg := range tags {
			if vs := ref[tg.Key]; len(vs) != 1 || vs[0] != tg.Value {
				t.Fatalf("%q: %s=%q, url.ParseQuery %v", h, tg.Key, tg.Value, vs)
			}
		}
	})
}

// FuzzParseTarget routes arbitrary methods, paths and queries: no panic;
// an operation is named or an S3 error given; a bucket has no slash.
func FuzzParseTarget(f *testing.F) {
	f.Add("GET", "/b/k", "list-type=2")
	f.Add("PUT", "/b", "policy")
	f.Add("DELETE", "/b/dir/k", "x-id=DeleteObject")
	f.Add("POST", "/b", "uploads&acl")
	f.Fuzz(func(t *testing.T, method, path, query string) {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.Method, r.URL.Path, r.URL.RawQuery = method, path, query
		tg, err := parseTarget(r)
		if err != nil {
			if err.Code == "" || err.Status < 400 {
				t.Fatalf("%s %s?%s: %+v", method, path, query, err)
			}
			return
		}
		if ops[tg.op] == nil || strings.Contains(tg.bucket, "/") || tg.key != "" && tg.bucket == "" {
			t.Fatalf("%s %s?%s: %+v", method, path, query, tg)
		}
	})
}
