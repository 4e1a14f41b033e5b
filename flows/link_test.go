package flows

import (
	"bytes"
	"compress/flate"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/share"
)

func TestLinkRoundTrip(t *testing.T) {
	st := LinkState{Flow: "s3-upload-role", Edits: map[string]string{"trust": "{ \"Version\": \n bad json, kept as typed ✓", "nope": "dropped"}}
	frag, err := EncodeLink(st)
	if err != nil || !strings.HasPrefix(frag, "f1.") {
		t.Fatalf("%q %v", frag, err)
	}
	got, err := DecodeLink("#" + frag)
	if err != nil {
		t.Fatal(err)
	}
	if got.Flow != st.Flow || len(got.Edits) != 1 || got.Edits["trust"] != st.Edits["trust"] {
		t.Errorf("got %+v", got)
	}
}

// deflated is a payload of any text, as a hostile link would make it.
func deflated(text string) string {
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression)
	w.Write([]byte(text))
	w.Close()
	return b64.EncodeToString(buf.Bytes())
}

func TestLinkRefusals(t *testing.T) {
	huge := strings.Repeat("a", share.MaxInflated+1)
	for _, tc := range []struct{ frag, code string }{
		{"", LinkEmpty},
		{"#v1.abc", LinkFormat},
		{"f01.abc", LinkFormat},
		{"f+1.abc", LinkFormat},
		{"fx.abc", LinkFormat},
		{"f2.abc", LinkVersionOf},
		{"f1." + strings.Repeat("A", share.MaxPayload+1), LinkTooLong},
		{"f1.***", LinkBase64},
		{"f1.AAAA", LinkDeflate},
		{"f1." + deflated(`{"flow": "s3-upload-role", "edits": {"trust": "`+huge+`"}}`), LinkTooLarge},
		{"f1." + deflated("[1, 2]"), LinkJSON},
		{"f1." + deflated("\xff\xfe"), LinkJSON},
		{"f1." + deflated(`{"edits": {}}`), LinkFlow},
		{"f1." + deflated(`{"flow": "nope"}`), LinkFlow},
		{"f1." + deflated(`{"flow": "s3-upload-role", "edits": ["x"]}`), LinkEdit},
		{"f1." + deflated(`{"flow": "s3-upload-role", "edits": {"other": "x"}}`), LinkEdit},
		{"f1." + deflated(`{"flow": "s3-upload-role", "edits": {"trust": 3}}`), LinkEdit},
	} {
		_, err := DecodeLink(tc.frag)
		le, ok := err.(*LinkError)
		if !ok || le.Code != tc.code {
			t.Errorf("%.40q: %v, want %s", tc.frag, err, tc.code)
		}
	}
	// Unknown fields are ignored.
	st, err := DecodeLink("f1." + deflated(`{"flow": "s3-upload-role", "later": 1}`))
	if err != nil || st.Flow != "s3-upload-role" {
		t.Errorf("%v %v", st, err)
	}
}

// FuzzDecodeLink: any fragment is refused with a LinkError or gives a
// state that encodes back to a link that decodes to the same state.
func FuzzDecodeLink(f *testing.F) {
	good, _ := EncodeLink(LinkState{Flow: "s3-upload-role", Edits: map[string]string{"trust": "{}"}})
	f.Add(good)
	f.Add("f1." + deflated(`{"flow": "s3-upload-role", "edits": {"trust": ""}}`))
	f.Add("f1.")
	f.Fuzz(func(t *testing.T, frag string) {
		st, err := DecodeLink(frag)
		if err != nil {
			if _, ok := err.(*LinkError); !ok {
				t.Fatalf("not a LinkError: %v", err)
			}
			return
		}
		again, err := EncodeLink(*st)
		if err != nil {
			return // a state can be too large to write back once re-compressed
		}
		st2, err := DecodeLink(again)
		if err != nil || st2.Flow != st.Flow || len(st2.Edits) != len(st.Edits) {
			t.Fatalf("round trip: %+v %v", st2, err)
		}
		for k, v := range st.Edits {
			if st2.Edits[k] != v {
				t.Fatalf("edit %s changed", k)
			}
		}
	})
}
