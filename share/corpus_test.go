package share

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/json"
	"flag"
	"os"
	"strings"
	"testing"
)

// The corpus of links (testdata/corpus.json) is shared with the page's
// Chromium test (site/e2e/share.test.mjs), which opens every link in the
// playground: the page must accept exactly the links Decode accepts.
var update = flag.Bool("update", false, "rewrite testdata/corpus.json")

const corpusFile = "testdata/corpus.json"

// corpusCase is one link: Code is the refusal's code, or "" for a link that
// opens, whose scenario is Text.
type corpusCase struct {
	Name     string `json:"name"`
	Fragment string `json:"fragment"`
	Code     string `json:"code"`
	Text     string `json:"text,omitempty"`
	// Bytes is the scenario's length, when Text is too long to keep.
	Bytes int `json:"bytes,omitempty"`
}

func deflateBytes(b []byte, level int) []byte {
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, level)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func link(raw []byte) string { return "v1." + base64.RawURLEncoding.EncodeToString(raw) }

// corpusCases makes the corpus; the file is its output, kept so that the
// page's test reads the same bytes.
func corpusCases() []corpusCase {
	good := []byte(sample)
	goodRaw := deflateBytes(good, flate.BestSpeed)
	payload := base64.RawURLEncoding.EncodeToString(goodRaw)
	fromGo, _ := Encode(sample)
	// A payload whose last character carries a set bit past the data
	// (non-canonical base64url) that a lenient decoder would drop.
	canonical := base64.RawURLEncoding.EncodeToString(append([]byte(nil), goodRaw...))
	var loose string
	if len(goodRaw)%3 != 0 {
		last := strings.IndexByte("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", canonical[len(canonical)-1])
		loose = canonical[:len(canonical)-1] + string("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"[last|1])
	}
	cases := []corpusCase{
		{"Go's encoder", fromGo, "", sample, 0},
		{"another encoder (fastest level)", "v1." + payload, "", sample, 0},
		{"with the hash", "#v1." + payload, "", sample, 0},
		{"Japanese text", link(deflateBytes([]byte(`{"request":{"principal":"日本"}}`), 6)), "", `{"request":{"principal":"日本"}}`, 0},
		{"empty", "", CodeEmpty, "", 0},
		{"hash only", "#", CodeEmpty, "", 0},
		{"no version", "hello", CodeFormat, "", 0},
		{"no dot", "v1", CodeFormat, "", 0},
		{"letter version", "vx." + payload, CodeFormat, "", 0},
		{"upper-case V", "V1." + payload, CodeFormat, "", 0},
		{"version zero", "v0." + payload, CodeFormat, "", 0},
		{"leading zero", "v01." + payload, CodeFormat, "", 0},
		{"plus sign", "v+1." + payload, CodeFormat, "", 0},
		{"minus sign", "v-1." + payload, CodeFormat, "", 0},
		{"space in version", "v 1." + payload, CodeFormat, "", 0},
		{"huge version", "v99999999999999999999." + payload, CodeFormat, "", 0},
		{"later version", "v2." + payload, CodeVersion, "", 0},
		{"much later version", "v17.abc", CodeVersion, "", 0},
		{"standard base64", "v1.ab+/", CodeBase64, "", 0},
		{"padding", "v1." + payload + strings.Repeat("=", (4-len(payload)%4)%4+4), CodeBase64, "", 0},
		{"line break", "v1." + payload[:8] + "\n" + payload[8:], CodeBase64, "", 0},
		{"carriage return", "v1." + payload[:8] + "\r" + payload[8:], CodeBase64, "", 0},
		{"space", "v1." + payload[:8] + " " + payload[8:], CodeBase64, "", 0},
		{"percent", "v1.%%%%", CodeBase64, "", 0},
		{"impossible length", "v1." + payload[:4*(len(payload)/4)-3], CodeBase64, "", 0},
		{"empty payload", "v1.", CodeDeflate, "", 0},
		{"not deflate", link([]byte(`{"a":1}`)), CodeDeflate, "", 0},
		{"truncated", "v1." + payload[:10], CodeDeflate, "", 0},
		{"bytes after the stream", link(append(append([]byte(nil), goodRaw...), 0)), CodeDeflate, "", 0},
		{"two streams", link(append(append([]byte(nil), goodRaw...), goodRaw...)), CodeDeflate, "", 0},
		{"too long", "v1." + strings.Repeat("A", MaxPayload+1), CodeTooLong, "", 0},
		{"inflation bomb", link(deflateBytes(make([]byte, MaxInflated+1), flate.BestCompression)), CodeTooLarge, "", 0},
		{"not UTF-8", link(deflateBytes([]byte{'"', 0xff, 0xfe, '"'}, 6)), CodeNotUTF8, "", 0},
		{Name: "largest scenario", Fragment: link(deflateBytes(bytes.Repeat([]byte{' '}, MaxInflated), flate.BestCompression)), Bytes: MaxInflated},
	}
	if loose != "" {
		cases = append(cases, corpusCase{"non-zero bits after the data", "v1." + loose, CodeBase64, "", 0})
	}
	return cases
}

func TestCorpus(t *testing.T) {
	if *update {
		b, _ := json.MarshalIndent(corpusCases(), "", "  ")
		if err := os.WriteFile(corpusFile, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(corpusFile)
	if err != nil {
		t.Fatal(err)
	}
	var cases []corpusCase
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) != len(corpusCases()) {
		t.Fatalf("%s has %d cases, the generator %d: go test ./share -run TestCorpus -update", corpusFile, len(cases), len(corpusCases()))
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			text, err := Decode(c.Fragment)
			code, _ := IsError(err)
			if code != c.Code {
				t.Fatalf("Decode = code %q (%v), want %q", code, err, c.Code)
			}
			if c.Code == "" && c.Bytes != 0 && len(text) != c.Bytes {
				t.Fatalf("Decode = %d bytes, want %d", len(text), c.Bytes)
			}
			if c.Code == "" && c.Bytes == 0 && text != c.Text {
				t.Fatalf("Decode = %.40q, want %.40q", text, c.Text)
			}
		})
	}
}
