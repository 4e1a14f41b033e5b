package share

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"strings"
	"testing"
)

const sample = `{"request":{"principal":"arn:aws:iam::111122223333:user/alice","action":"s3:GetObject","resource":"arn:aws:s3:::b/k"}}`

func TestRoundTrip(t *testing.T) {
	for _, text := range []string{sample, "", "日本語 ✓", strings.Repeat("x", MaxInflated)} {
		frag, err := Encode(text)
		if err != nil {
			t.Fatalf("Encode(%d bytes): %v", len(text), err)
		}
		if !strings.HasPrefix(frag, "v1.") || strings.ContainsAny(frag, "+/=") {
			t.Fatalf("fragment %q is not v1 base64url", frag[:min(20, len(frag))])
		}
		got, err := Decode("#" + frag)
		if err != nil || got != text {
			t.Fatalf("Decode(Encode(%d bytes)) = %d bytes, %v", len(text), len(got), err)
		}
	}
}

// rawDeflate compresses b as another encoder would (the browser's
// CompressionStream("deflate-raw") is checked against Decode in site/e2e).
func rawDeflate(b []byte) string {
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestSpeed)
	w.Write(b)
	w.Close()
	return base64.RawURLEncoding.EncodeToString(buf.Bytes())
}

func TestDecodeErrors(t *testing.T) {
	bomb := "v1." + rawDeflate(make([]byte, 10<<20))
	for _, tc := range []struct {
		name, in, code, msg string
	}{
		{"empty", "", CodeEmpty, "no scenario"},
		{"hash only", "#", CodeEmpty, "no scenario"},
		{"no version", "hello", CodeFormat, "#v1."},
		{"bad version", "vx.abc", CodeFormat, "#v1."},
		{"version zero", "v0.abc", CodeFormat, "#v1."},
		{"later version", "v2.abc", CodeVersion, "version 2"},
		{"base64 std", "v1.ab+/", CodeBase64, "base64url"},
		{"padding", "v1.qw==", CodeBase64, "base64url"},
		{"not deflate", "v1." + base64.RawURLEncoding.EncodeToString([]byte("{\"a\":1}")), CodeDeflate, "unpack"},
		{"truncated", "v1." + rawDeflate([]byte(sample))[:10], CodeDeflate, "unpack"},
		{"too long", "v1." + strings.Repeat("A", MaxPayload+1), CodeTooLong, "too long"},
		{"bomb", bomb, CodeTooLarge, "256 KiB"},
		{"not utf8", "v1." + rawDeflate([]byte{0xff, 0xfe}), CodeNotUTF8, "UTF-8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode(tc.in)
			code, ok := IsError(err)
			if !ok || code != tc.code || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("Decode(%.30q) = %v (code %q), want code %q mentioning %q", tc.in, err, code, tc.code, tc.msg)
			}
		})
	}
	if len(bomb) > MaxPayload {
		t.Fatalf("the bomb (%d bytes) should fit the payload limit to test inflation", len(bomb))
	}
}

func TestEncodeTooLarge(t *testing.T) {
	if _, err := Encode(strings.Repeat("a", MaxInflated+1)); err == nil {
		t.Fatal("Encode accepted a text the decoder refuses")
	}
}

func FuzzDecode(f *testing.F) {
	good, _ := Encode(sample)
	for _, s := range []string{good, "", "v1.", "v2.x", "v1." + rawDeflate(make([]byte, 1<<20)), "v1.____"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, frag string) {
		text, err := Decode(frag)
		if err != nil {
			if _, ok := IsError(err); !ok {
				t.Fatalf("error %v is not a *share.Error", err)
			}
			return
		}
		if len(text) > MaxInflated {
			t.Fatalf("decoded %d bytes", len(text))
		}
		again, err := Encode(text)
		if err != nil {
			t.Fatalf("Encode of a decoded text failed: %v", err)
		}
		if back, err := Decode(again); err != nil || back != text {
			t.Fatalf("round trip lost the text: %v", err)
		}
	})
}
