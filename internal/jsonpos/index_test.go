package jsonpos

import (
	"slices"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/samples"
)

// scanned returns the tokens of the byte-by-byte scan, and whether it read
// the whole text without an error.
func scanned(src string) (Decoder, bool) {
	d := Decoder{src: src}
	d.tokenize()
	last := d.toks[len(d.toks)-1]
	return d, last.flags&bad == 0 && int(last.off) == len(src)
}

// indexed returns the tokens of the fast pass, or false where it gives up.
func indexed(src string) (Decoder, bool) {
	d := Decoder{src: src}
	idx, high, ok := index(src, nil)
	if !ok || !d.tokenizeIndexed(idx) {
		return d, false
	}
	d.high = high
	return d, true
}

// checkIndexed compares the two passes on src: where the fast one finishes,
// it must agree with the scan token for token; and it must finish on every
// valid text without escapes that is not nested too deep.
func checkIndexed(t *testing.T, src string) {
	t.Helper()
	if !hasIndex {
		t.Skip("this CPU has no AVX2: the scan alone reads the text")
	}
	slow, valid := scanned(src)
	fast, ok := indexed(src)
	switch {
	case ok && !valid:
		t.Errorf("%q: the fast pass accepts text the scan rejects (%s at %d)", src, slow.err.Msg, slow.err.Off)
	case ok && !slices.Equal(fast.toks, slow.toks):
		t.Errorf("%q: tokens differ:\nfast %v\nscan %v", src, fast.toks, slow.toks)
	case ok && fast.high != slow.high:
		t.Errorf("%q: high = %v, the scan says %v", src, fast.high, slow.high)
	case !ok && valid && !strings.Contains(src, `\`) && depth(slow.toks) <= maxIndexedDepth:
		t.Errorf("%q: the fast pass gives up on valid text without escapes", src)
	}
}

// depth returns the deepest nesting of the containers of the tokens.
func depth(toks []token) int {
	n, deepest := 0, 0
	for _, t := range toks {
		switch {
		case t.kind == Object || t.kind == Array:
			n++
			deepest = max(deepest, n)
		case t.flags&closing != 0:
			n--
		}
	}
	return deepest
}

func TestIndexed(t *testing.T) {
	long := strings.Repeat("x", 70)
	for _, src := range []string{
		`{}`, `[]`, `[[]]`, `{"a":{}}`, `"x"`, `1`, `-0.5e+3`, `true`, ` null `, `[1,2,3]`, `[true,false,null]`,
		`{"a":1,"b":[1,{"c":"d"}],"e":true}`, "{\n\t\"k\":\r\n \"v\"\n}\n", "{\n\t\"k\" :\r\n \"v\"\n}\n",
		`[1 ,2]`, `{"a":1,,"b":2}`, `{"a"::1}`, `{"a":1}:`, `[1],`, `{"a":,1}`, `[,]`, `{"a":[1,2],"b":{"c":3}}`,
		`{"{":"}","[":"]",",":":"}`, `["a b", "c\td"]`, `["日本語", "é"]`,
		`{"` + long + `":"` + long + `"}`, `[` + strings.Repeat(" ", 63) + `1]`,
		strings.Repeat(" ", 62) + `[1,22]`, "[" + strings.Repeat("1,", 3000) + "1]", "[" + strings.Repeat(`"",`, 2000) + `""]`,
		"[" + strings.Repeat(`{"a":[]},`, 700) + "{}]", strings.Repeat(" ", 61) + `"ab"`, strings.Repeat("[", 62) + strings.Repeat("]", 62), strings.Repeat("[", 64) + strings.Repeat("]", 64),
		// Invalid, or beyond the fast pass: it must give up.
		``, ` `, `[`, `]`, `{"a"}`, `{"a":}`, `{"a":1,}`, `[1,]`, `[1 2]`, `{"a" "b"}`, `{1:2}`, `"abc`, `[truex]`,
		`[tru]`, `[1.]`, `[01]`, `[-]`, `1 2`, `{} x`, `"a"b`, `["a"b]`, `[1]]`, `{"a":1}}`, "[\"a\tb\"]", "[1,\x01]",
		`["a\"b"]`, `["\u00e9"]`, "[\x80]", `[nul]`, strings.Repeat("[", 65) + strings.Repeat("]", 65), `{"a":1 "b":2}`,
		"[1\x01]", "\x01[]", "[]\x01", "[\x00]", "\x00", "{\"a\":1\x0b}", "[true\x1f]", "{\"a\"\x02:1}", `[{]`, `{]`, `[}`, `{"a",1}`, `{,}`, `[,1]`, `{"a":1,"b"}`,
	} {
		checkIndexed(t, src)
	}
}

func TestIndexedSamples(t *testing.T) {
	fast := 0
	srcs := samples.Load(t, "../../testdata/sample")
	for _, src := range srcs {
		checkIndexed(t, src)
		if _, ok := indexed(src); ok {
			fast++
		}
	}
	// All but the one with an escape in its "why".
	if want := len(srcs) - 1; fast != want {
		t.Errorf("the fast pass reads %d of the %d samples, want %d", fast, len(srcs), want)
	}
}

func FuzzIndexed(f *testing.F) {
	for _, s := range []string{`{"a":[1,"b",true,null,{}]}`, `["x\ty"]`, `{"a" :1 , "b":[ ] }`} {
		f.Add(s)
	}
	// Also shifted across a block boundary, and repeated over several.
	f.Fuzz(func(t *testing.T, src string) {
		checkIndexed(t, src)
		checkIndexed(t, atPageEnd(src)) // a read past the end faults
		checkIndexed(t, strings.Repeat(" ", 61)+src)
		checkIndexed(t, "["+strings.Repeat(src+",", 5)+src+"]")
	})
}
