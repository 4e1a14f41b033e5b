package kms

import (
	"bytes"
	"encoding/hex"
	"testing"
)

const testARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"

var testMaterial = Material{ID: hex.EncodeToString(bytes.Repeat([]byte{7}, materialBytes)), Secret: bytes.Repeat([]byte{9}, 32)}

func testNonce(b byte) []byte { return bytes.Repeat([]byte{b}, nonceBytes) }

// layout writes a parsed blob back as bytes: the reference that parseBlob
// must agree with.
func layout(bl *blob) []byte {
	out := []byte{blobVersion, byte(len(bl.keyARN))}
	out = append(out, bl.keyARN...)
	out = append(out, bl.material[:]...)
	out = append(out, bl.nonce[:]...)
	return append(out, bl.sealed...)
}

func TestBlobRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name string
		pt   string
		ec   map[string]string
	}{
		{"no context", "hello", nil},
		{"context", "hello", map[string]string{"Department": "IT", "Purpose": "test"}},
		{"one byte", "x", map[string]string{"": ""}},
		{"4 KiB", string(bytes.Repeat([]byte("p"), MaxPlaintext)), map[string]string{"k": "v"}},
	} {
		b, err := seal(testARN, &testMaterial, testNonce(1), []byte(tc.pt), tc.ec)
		if err != nil {
			t.Fatal(err)
		}
		bl, err := parseBlob(b)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if bl.keyARN != testARN || bl.materialID() != testMaterial.ID || !bytes.Equal(layout(bl), b) {
			t.Errorf("%s: parsed %+v", tc.name, bl)
		}
		pt, err := open(bl, &testMaterial, tc.ec)
		if err != nil || string(pt) != tc.pt {
			t.Errorf("%s: open %q %v", tc.name, pt, err)
		}
		if _, err := open(bl, &testMaterial, map[string]string{"other": "context"}); err == nil {
			t.Errorf("%s: opens with another context", tc.name)
		}
	}
}

// The encryption context's bytes in the authenticated data tell apart
// contexts that concatenate alike.
func TestAdditionalDataIsInjective(t *testing.T) {
	pairs := [][2]map[string]string{
		{{"a": "bc"}, {"ab": "c"}},
		{{"a": "b", "c": "d"}, {"a": "bc", "": "d"}},
		{nil, {"": ""}},
		{{"k": "v"}, {"k": "v", "": ""}},
	}
	for _, p := range pairs {
		if bytes.Equal(additionalData(nil, p[0]), additionalData(nil, p[1])) {
			t.Errorf("%v and %v give the same authenticated data", p[0], p[1])
		}
	}
}

func TestParseBlobRefuses(t *testing.T) {
	good, err := seal(testARN, &testMaterial, testNonce(2), []byte("x"), nil)
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{
		"empty":       nil,
		"version":     append([]byte{2}, good[1:]...),
		"short":       good[:len(good)-tagBytes],
		"ARN length":  append([]byte{blobVersion, 200}, good[2:]...),
		"not a key":   bytes.Replace(good, []byte(":key/"), []byte(":xyz/"), 1),
		"bad account": bytes.Replace(good, []byte("123456789012"), []byte("12345678901x"), 1),
	} {
		if _, err := parseBlob(b); err == nil {
			t.Errorf("%s: parsed", name)
		}
	}
}

// FuzzParseBlob: any bytes parse or are refused without a panic; what
// parses is exactly the documented layout, and does not open unless it
// was sealed with the material.
func FuzzParseBlob(f *testing.F) {
	good, _ := seal(testARN, &testMaterial, testNonce(3), []byte("seed"), map[string]string{"a": "b"})
	f.Add(good)
	f.Add([]byte{})
	f.Add([]byte{blobVersion, 0})
	f.Add(good[:len(good)-1])
	f.Fuzz(func(t *testing.T, b []byte) {
		bl, err := parseBlob(b)
		if err != nil {
			return
		}
		if !bytes.Equal(layout(bl), b) {
			t.Fatalf("parsed %x as %x", b, layout(bl))
		}
		if _, _, _, ok := splitKeyARN(bl.keyARN); !ok {
			t.Fatalf("parsed a blob with key ARN %q", bl.keyARN)
		}
		pt, err := open(bl, &testMaterial, map[string]string{"a": "b"})
		if err == nil && !bytes.Equal(b, good) {
			t.Fatalf("a blob that was never sealed opened: %x -> %q", b, pt)
		}
	})
}

// FuzzSealOpen: whatever the plaintext and encryption context, a sealed
// blob opens to the plaintext with that context only, and with any byte
// changed not at all.
func FuzzSealOpen(f *testing.F) {
	f.Add([]byte("hello"), "Department", "IT", uint16(0))
	f.Add([]byte{0}, "", "", uint16(100))
	f.Fuzz(func(t *testing.T, pt []byte, k, v string, flip uint16) {
		if len(pt) == 0 || len(pt) > MaxPlaintext {
			return
		}
		ec := map[string]string{k: v}
		b, err := seal(testARN, &testMaterial, testNonce(4), pt, ec)
		if err != nil {
			t.Fatal(err)
		}
		bl, err := parseBlob(b)
		if err != nil {
			t.Fatal(err)
		}
		got, err := open(bl, &testMaterial, ec)
		if err != nil || !bytes.Equal(got, pt) {
			t.Fatalf("round trip: %q %v", got, err)
		}
		if _, err := open(bl, &testMaterial, map[string]string{k + "x": v}); err == nil {
			t.Fatal("opened with another context")
		}
		changed := bytes.Clone(b)
		changed[int(flip)%len(changed)] ^= 0x80
		if cb, err := parseBlob(changed); err == nil {
			if _, err := open(cb, &testMaterial, ec); err == nil {
				t.Fatalf("opened with byte %d changed", int(flip)%len(changed))
			}
		}
	})
}
