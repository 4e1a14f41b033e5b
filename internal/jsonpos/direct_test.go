package jsonpos

import (
	"strconv"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/samples"
)

// render reads the whole document through the walk's methods and writes
// what it read, with offsets; it skips the values of members named "s" and
// every third element, and reads strings by turns with PlainStr, Str and
// Scalar, so that every method of the walk is used.
func render(d *Decoder) (string, error) {
	var b strings.Builder
	n := 0
	var value func() error
	value = func() error {
		n++
		k, off := d.Peek()
		b.WriteString(strconv.Itoa(int(off)) + ":")
		switch k {
		case Object:
			if n%2 == 0 {
				if _, ok := d.EnterIf(Object); !ok {
					return errDirect
				}
			} else if err := d.Enter(Object); err != nil {
				return err
			}
			b.WriteByte('{')
			for {
				key, keyOff, ok, err := d.Member()
				if err != nil {
					return err
				}
				if !ok {
					break
				}
				b.WriteString(strconv.Quote(key) + "@" + strconv.Itoa(int(keyOff)) + "=")
				if key == "s" {
					if err := d.Skip(); err != nil {
						return err
					}
					continue
				}
				if err := value(); err != nil {
					return err
				}
			}
			b.WriteByte('}')
		case Array:
			if err := d.Enter(Array); err != nil {
				return err
			}
			b.WriteByte('[')
			for i := 0; ; i++ {
				more, err := d.Element()
				if err != nil {
					return err
				}
				if !more {
					break
				}
				if i%3 == 2 {
					if err := d.Skip(); err != nil {
						return err
					}
					continue
				}
				if err := value(); err != nil {
					return err
				}
			}
			b.WriteByte(']')
		case String:
			var s string
			var err error
			switch n % 3 {
			case 0:
				var ok bool
				if s, _, ok = d.PlainStr(); !ok {
					s, _, err = d.Str()
				}
			case 1:
				s, _, err = d.Str()
			default:
				s, _, err = d.Scalar()
			}
			if err != nil {
				return err
			}
			b.WriteString(strconv.Quote(s))
		default:
			s, k, err := d.Scalar()
			if err != nil {
				return err
			}
			b.WriteString(k.String() + " " + s)
		}
		b.WriteByte(',')
		return nil
	}
	err := value()
	if err == nil {
		err = d.End()
	}
	return b.String(), err
}

// checkDirect reads src by the direct walk and by the tokens: where the
// direct walk finishes, both must have read the same; it must give up
// wherever the tokens meet an error; and it must finish on valid text that
// the first pass indexes.
func checkDirect(t *testing.T, src string) {
	t.Helper()
	var slow, fast Decoder
	slow.Reset(src)
	want, wantErr := render(&slow)
	fast.ResetDirect(src)
	if !fast.Direct() {
		if _, ok := indexed(src); ok {
			t.Errorf("%q: the first pass indexes it, but ResetDirect does not walk it", src)
		}
		return
	}
	got, err := render(&fast)
	switch {
	case err != nil && err != errDirect:
		t.Errorf("%q: the direct walk failed with its own error %v", src, err)
	case err == nil && wantErr != nil:
		t.Errorf("%q: the direct walk accepts what the tokens reject (%v)", src, wantErr)
	case err == nil && got != want:
		t.Errorf("%q: read differently:\ndirect %s\ntokens %s", src, got, want)
	case err != nil && wantErr == nil && depth(slow.toks) <= maxIndexedDepth:
		t.Errorf("%q: the direct walk gives up on valid text", src)
	case err == nil && fast.ASCII() != slow.ASCII():
		t.Errorf("%q: ASCII() = %v, the tokens say %v", src, fast.ASCII(), slow.ASCII())
	}
}

func TestDirect(t *testing.T) {
	if !hasIndex {
		t.Skip("this CPU has no AVX2: there is no direct walk")
	}
	for _, src := range []string{
		`{}`, `[]`, `[[]]`, `{"a":{}}`, `"x"`, `1`, `-0.5e+3`, `true`, ` null `, `[1,2,3]`, `[true,false,null]`,
		`{"a":1,"b":[1,{"c":"d"}],"e":true}`, "{\n\t\"k\" :\r\n \"v\" , \"s\" : [1, {\"x\": [2]}] }\n",
		`{"s":{"a":[1,{"b":null}],"c":"d"},"t":1}`, `[1,2,[3,[4]],{"s":[]}]`, `{"s":"x"}`, `{"s":7}`,
		`[1 ,2]`, `{"a":1,,"b":2}`, `{"a"::1}`, `{"a":1}:`, `[1],`, `{"a":,1}`, `[,]`, `[,1]`, `{,"a":1}`,
		`{"{":"}","[":"]",",":":"}`, `["a b", "c\td"]`, `["日本語", "é"]`,
		``, ` `, `[`, `]`, `{"a"}`, `{"a":}`, `{"a":1,}`, `[1,]`, `[1 2]`, `{"a" "b"}`, `{1:2}`, `"abc`, `[truex]`,
		`[tru]`, `[1.]`, `[01]`, `[-]`, `1 2`, `{} x`, `"a"b`, `["a"b]`, `[1]]`, `{"a":1}}`, `{"a":1 "b":2}`,
		"[1\x01]", "\x01[]", "[]\x01", "[\x00]", "\x00", "{\"a\":1\x0b}", "[true\x1f]", "{\"a\"\x02:1}", `[{]`, `{]`, `[}`, `{"a",1}`, `{,}`, `{"a":1,"b"}`, `[[] []]`, `{"a":{} "b":1}`, `{"s":[1,]}`, `{"s":{"a" 1}}`,
		`{"s":[1 2]}`, `[1,2,[3 4]]`, `[1,2,{"a":1,}]`, `{"s":tru}`, `[1,2,01]`, `{"a":[}`, `{"s":{]}`,
		strings.Repeat("[", 62) + strings.Repeat("]", 62), `{"s":` + strings.Repeat("[", 64) + strings.Repeat("]", 64) + `}`,
	} {
		checkDirect(t, src)
	}
}

func TestDirectSamples(t *testing.T) {
	if !hasIndex {
		t.Skip("this CPU has no AVX2: there is no direct walk")
	}
	for _, src := range samples.Load(t, "../../testdata/sample") {
		checkDirect(t, src)
	}
}

func FuzzDirect(f *testing.F) {
	for _, s := range []string{`{"a":[1,"b",true,null,{}],"s":{"x":[1,2]}}`, `["x\ty"]`, `{"a" :1 , "b":[ ] }`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if !hasIndex {
			t.Skip("this CPU has no AVX2: there is no direct walk")
		}
		checkDirect(t, src)
		checkDirect(t, atPageEnd(src)) // a read past the end faults
		checkDirect(t, strings.Repeat(" ", 61)+src)
		checkDirect(t, `{"s":`+src+`,"t":[`+src+`,`+src+`,`+src+`]}`)
	})
}
