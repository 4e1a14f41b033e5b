package iam

import (
	"net/url"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/sim/protocol"
)

// FuzzContextEntries: any ContextEntries parameters are read or refused
// with an error, never a panic; what is read holds one value for a
// single-valued type, and each value is one of its type.
func FuzzContextEntries(f *testing.F) {
	f.Add("aws:CurrentTime", "date", "2024-01-01T00:00:00Z", "")
	f.Add("aws:SourceIp", "ipList", "203.0.113.0/24", "2001:db8::1")
	f.Add("s3:max-keys", "numeric", "10", "")
	f.Add("aws:SecureTransport", "boolean", "TRUE", "no")
	f.Add("k", "string", "", "")
	f.Fuzz(func(t *testing.T, key, typ, v1, v2 string) {
		q := url.Values{}
		q.Set("ContextEntries.member.1.ContextKeyName", key)
		q.Set("ContextEntries.member.1.ContextKeyType", typ)
		q.Set("ContextEntries.member.1.ContextKeyValues.member.1", v1)
		if v2 != "" {
			q.Set("ContextEntries.member.1.ContextKeyValues.member.2", v2)
		}
		p, err := protocol.ParseQuery([]byte(q.Encode()), "")
		if err != nil {
			return
		}
		entries, err := readContextEntries(p)
		if err != nil {
			return
		}
		if len(entries) != 1 || entries[0].Key != key {
			t.Fatalf("read %+v from key %q", entries, key)
		}
		if !strings.HasSuffix(typ, "List") && len(entries[0].Values) != 1 {
			t.Fatalf("type %s holds %d values", typ, len(entries[0].Values))
		}
		for _, v := range entries[0].Values {
			if !validContextValue(strings.TrimSuffix(typ, "List"), v) {
				t.Fatalf("value %q of type %s was taken", v, typ)
			}
		}
	})
}
