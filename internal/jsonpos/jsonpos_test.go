package jsonpos

import (
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// walk reads any document back into a canonical string, exercising every
// method of the decoder.
func walk(d *Decoder) (string, error) {
	var b strings.Builder
	var value func() error
	value = func() error {
		switch k, _ := d.Peek(); k {
		case Object:
			b.WriteByte('{')
			err := d.Object(func(key string, _ int32) error {
				b.WriteString(key + ":")
				return value()
			})
			b.WriteByte('}')
			return err
		case Array:
			b.WriteByte('[')
			err := d.Array(func(int) error { return value() })
			b.WriteByte(']')
			return err
		}
		s, _, err := d.Scalar()
		b.WriteString(s + ",")
		return err
	}
	if err := value(); err != nil {
		return "", err
	}
	return b.String(), d.End()
}

func TestDecode(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"a": [1, -2.5e3, true, null, "x\"y\u00e9"]}`, `{a:[1,-2.5e3,true,null,x"yé,]}`},
		{` [ ] `, `[]`},
		{`{}`, `{}`},
		{`"\ud83d\ude00"`, "😀,"},
		{"{\"k\":\n\t\"v\"\r\n}", `{k:v,}`},
		{`{"a":{"b":{"c":[[]]}}}`, `{a:{b:{c:[[]]}}}`},
	} {
		got, err := walk(NewDecoder(tc.in))
		if err != nil || got != tc.want {
			t.Errorf("walk(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	for _, tc := range []struct {
		in, msg string
		off     int
	}{
		{``, "end of input", 0},
		{`{"a" 1}`, "expected :", 5},
		{`{"a": 1,}`, "trailing comma", 8},
		{`[1,]`, "trailing comma", 3},
		{`[1 2]`, "expected , or ]", 3},
		{`{a: 1}`, "quoted member name", 1},
		{`"abc`, "unterminated", 0},
		{`"a\qb"`, "invalid escape", 2},
		{`"\u12"`, "four hex digits", 1},
		{`01`, "after the JSON value", 1},
		{`-`, "digit is missing", 1},
		{`1.`, "decimal point", 2},
		{`1e`, "exponent", 2},
		{`tru`, "expected a JSON value", 0},
		{`[1] [2]`, "after the JSON value", 4},
		{strings.Repeat("[", MaxDepth+1), "nesting deeper", MaxDepth},
		{"\"a\nb\"", "control character", 2},
	} {
		_, err := walk(NewDecoder(tc.in))
		e, ok := err.(*Error)
		if !ok || !strings.Contains(e.Msg, tc.msg) || e.Off != tc.off {
			t.Errorf("walk(%q) error = %v (off %v), want %q at %d", tc.in, err, e, tc.msg, tc.off)
		}
	}
}

func TestPositionOf(t *testing.T) {
	src := "ab\n日本x\n"
	for _, tc := range []struct {
		off  int
		want Position
	}{{0, Position{1, 1}}, {2, Position{1, 3}}, {3, Position{2, 1}}, {9, Position{2, 3}}, {100, Position{3, 1}}} {
		if got := PositionOf(src, tc.off); got != tc.want {
			t.Errorf("PositionOf(%d) = %v, want %v", tc.off, got, tc.want)
		}
	}
}

// A line ends at LF, CRLF or a lone CR; a Cursor gives the positions that
// PositionOf does, whatever order the offsets come in.
func TestCursor(t *testing.T) {
	src := "a\r\nb\rc日\n\r\nd"
	want := []Position{ // at each byte offset
		{1, 1}, {1, 2}, {1, 3}, {2, 1}, {2, 2}, {3, 1}, {3, 2}, {}, {}, {3, 3}, {4, 1}, {4, 2}, {5, 1}, {5, 2},
	}
	c := NewCursor(src)
	for off, w := range want {
		if off < len(src) && src[off] >= 0x80 && src[off] < 0xc0 {
			continue // inside a character: no position of its own
		}
		if got := c.At(off); got != w {
			t.Errorf("ascending: At(%d) = %v, want %v", off, got, w)
		}
	}
	for off := len(want) - 1; off >= 0; off-- {
		if off < len(src) && src[off] >= 0x80 && src[off] < 0xc0 {
			continue
		}
		if got, p := c.At(off), PositionOf(src, off); got != want[off] || p != want[off] {
			t.Errorf("descending: At(%d) = %v, PositionOf = %v, want %v", off, got, p, want[off])
		}
	}
}

func TestLiteralOffset(t *testing.T) {
	// The literal "a\nb\u00e9c" decodes to "a", newline, "b", "é" (2 bytes), "c".
	src := `x "a\nb\u00e9c"`
	for _, tc := range []struct{ decoded, want int }{{0, 3}, {1, 4}, {2, 6}, {3, 7}, {5, 13}} {
		if got := LiteralOffset(src, 2, tc.decoded); got != tc.want {
			t.Errorf("LiteralOffset(%d) = %d, want %d", tc.decoded, got, tc.want)
		}
	}
}

// FuzzDecode reads any text as encoding/json does: the same values in the
// same order, or an error where it finds one. Two differences are by
// design: the nesting limit (MaxDepth), and text that is not UTF-8, which
// encoding/json reads with replacement characters and jsonpos leaves to
// its callers (InvalidUTF8).
func FuzzDecode(f *testing.F) {
	for _, s := range []string{`{"a": [1, "b", {"c": null}]}`, `"\ud800"`, `[[[]]]`, `{"a":1,}`, `-0.5e+7`, `{"a":"x\u00e9\n"} `, `[1 2]`, `{"a" 1}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		out, err := walk(NewDecoder(src))
		if err != nil {
			e, ok := err.(*Error)
			if !ok || e.Off < 0 || e.Off > len(src) {
				t.Fatalf("bad error %#v", err)
			}
		}
		if !utf8.ValidString(src) {
			return
		}
		want, wantErr := walkStd(src)
		switch {
		case err == nil && wantErr != nil:
			t.Fatalf("%q: read as %q, but encoding/json says %v", src, out, wantErr)
		case err != nil && wantErr == nil && !strings.Contains(err.Error(), "nesting deeper"):
			t.Fatalf("%q: error %v, but encoding/json reads %q", src, err, want)
		case err == nil && out != want:
			t.Fatalf("%q: read as %q, encoding/json as %q", src, out, want)
		}
	})
}

// walkStd renders src as walk does, by encoding/json's token stream.
func walkStd(src string) (string, error) {
	dec := json.NewDecoder(strings.NewReader(src))
	dec.UseNumber()
	var b strings.Builder
	inObject := []bool{false}
	expectKey := false
	for {
		tok, err := dec.Token()
		if err == io.EOF && len(inObject) == 1 && b.Len() > 0 {
			break
		}
		if err == io.EOF {
			return "", io.ErrUnexpectedEOF
		}
		if err != nil {
			return "", err
		}
		if len(inObject) == 1 && b.Len() > 0 {
			return "", errors.New("a second value at the top level")
		}
		top := len(inObject) - 1
		switch v := tok.(type) {
		case json.Delim:
			b.WriteByte(byte(v))
			if v == '{' || v == '[' {
				inObject = append(inObject, v == '{')
				expectKey = v == '{'
				continue
			}
			inObject = inObject[:top]
		case string:
			if inObject[top] && expectKey {
				b.WriteString(v + ":")
				expectKey = false
				continue
			}
			b.WriteString(v + ",")
		case json.Number:
			b.WriteString(string(v) + ",")
		case bool:
			b.WriteString(strconv.FormatBool(v) + ",")
		case nil:
			b.WriteString("null,")
		}
		expectKey = inObject[len(inObject)-1]
	}
	return b.String(), nil
}

func TestPathAt(t *testing.T) {
	src := `{"a": {"b": [10, {"c": "x"}]}, "d": "yyyy", "e": [1,`
	for _, tc := range []struct {
		at   string
		want string
	}{
		{`{"a"`, ""},
		{`"a":`, "a"},
		{`{"b"`, "a"},
		{`10`, "a.b[0]"},
		{`"c"`, "a.b[1].c"},
		{`"x"`, "a.b[1].c"},
		{`yyyy`, "d"},
		{`[1,`, "e"},
	} {
		off := strings.Index(src, tc.at)
		if tc.at == `"x"` || tc.at == `yyyy` {
			off++
		}
		if got := PathAt(src, off); got != tc.want {
			t.Errorf("PathAt(%q) = %q, want %q", tc.at, got, tc.want)
		}
	}
}

// TestSkipErrors: skipping a value checks it as fully as reading it.
func TestSkipErrors(t *testing.T) {
	for _, tc := range []struct {
		in, msg string
		off     int
	}{
		{`{"a": {"b": "\q"}}`, "invalid escape", 13},
		{`{"a": {"\q": 1}}`, "invalid escape", 8},
		{`[[1] 2]`, "expected , or ]", 5},
		{`[{"a" 1}]`, "expected :", 6},
		{`[tru]`, "expected a JSON value", 1},
	} {
		err := NewDecoder(tc.in).Skip()
		e, ok := err.(*Error)
		if !ok || !strings.Contains(e.Msg, tc.msg) || e.Off != tc.off {
			t.Errorf("Skip(%q) = %v (%+v), want %q at %d", tc.in, err, e, tc.msg, tc.off)
		}
	}
}

// PlainStr reads plain strings only, and nothing else.
func TestPlainStr(t *testing.T) {
	d := NewDecoder(`["ab", "a\nb", 1, {}]`)
	if err := d.Enter(Array); err != nil {
		t.Fatal(err)
	}
	for _, want := range []struct {
		s  string
		ok bool
	}{{"ab", true}, {"", false}, {"", false}, {"", false}} {
		if more, err := d.Element(); !more || err != nil {
			t.Fatalf("Element = %v, %v", more, err)
		}
		s, off, ok := d.PlainStr()
		if s != want.s || ok != want.ok || ok && off != 1 {
			t.Errorf("PlainStr = %q, %d, %v; want %q, %v", s, off, ok, want.s, want.ok)
		}
		if !ok {
			if err := d.Skip(); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// EnterIf enters a container of the kind asked, and reads nothing else.
func TestEnterIf(t *testing.T) {
	d := NewDecoder(`[{}, [], "x"]`)
	if off, ok := d.EnterIf(Object); ok {
		t.Fatalf("EnterIf(Object) entered an array at %d", off)
	}
	if off, ok := d.EnterIf(Array); !ok || off != 0 {
		t.Fatalf("EnterIf(Array) = %d, %v", off, ok)
	}
	for _, k := range []Kind{Object, Array, String} {
		if more, err := d.Element(); !more || err != nil {
			t.Fatalf("Element = %v, %v", more, err)
		}
		if _, ok := d.EnterIf(Array); ok != (k == Array) {
			t.Errorf("EnterIf(Array) on %v = %v", k, ok)
		}
		if k == Array {
			if more, err := d.Element(); more || err != nil {
				t.Fatalf("the empty array: Element = %v, %v", more, err)
			}
			continue
		}
		if err := d.Skip(); err != nil {
			t.Fatal(err)
		}
	}
}

// FuzzCursor checks a Cursor, asked offsets in any order, against a plain
// count of lines and characters from the start.
func FuzzCursor(f *testing.F) {
	for _, s := range []string{"a\r\nb\rc日\n", "\r\r\n\n", "x"} {
		f.Add(s, uint16(3), uint16(1))
	}
	f.Fuzz(func(t *testing.T, src string, a, b uint16) {
		c := NewCursor(src)
		for _, off := range []int{int(a) % (len(src) + 1), int(b) % (len(src) + 1), len(src)} {
			if got, want := c.At(off), countTo(src, off); got != want {
				t.Fatalf("At(%d) of %q = %v, want %v", off, src, got, want)
			}
		}
	})
}

// countTo is the position of off counted from the start, rune by rune
// (an offset inside a character counts as after it).
func countTo(src string, off int) Position {
	p := Position{1, 1}
	for i, r := range src {
		if i >= off {
			break
		}
		if r == '\n' || r == '\r' && !strings.HasPrefix(src[i+1:], "\n") {
			p.Line, p.Col = p.Line+1, 1
		} else {
			p.Col++
		}
	}
	return p
}
