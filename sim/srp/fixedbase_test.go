package srp

import (
	"math/big"
	"testing"
)

func mustHex(t testing.TB, s string) *big.Int {
	x, ok := new(big.Int).SetString(s, 16)
	if !ok {
		t.Fatalf("bad hex %q", s)
	}
	return x
}

// expG gives math/big's g^e mod N: exponents at 0, 1, one window and the
// next, every window full, the widest the table covers and past it.
func TestExpGMatchesExp(t *testing.T) {
	for _, e := range []*big.Int{
		big.NewInt(0), big.NewInt(1), big.NewInt(15), big.NewInt(16), big.NewInt(0x10001),
		mustHex(t, "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
		mustHex(t, "8f3a7c19d2e4b6a80517c3e9f2d4b6a8091b3c5d7e9f1a2b3c4d5e6f708192a3"),
		mustHex(t, "1000000000000000000000000000000000000000000000000000000000000000"),
		mustHex(t, "10000000000000000000000000000000000000000000000000000000000000000"),
		new(big.Int).Lsh(bigN, 2),
		big.NewInt(-3),
	} {
		if got, want := expG(e), new(big.Int).Exp(g, e, bigN); got.Cmp(want) != 0 {
			t.Errorf("e=%x: got %x, want %x", e, got, want)
		}
	}
}

// FuzzExpG: up to 8 bytes of exponent, shifted to any window of the table
// (or past it), so that each input costs math/big one short exponentiation
// and make fuzz runs thousands of them.
func FuzzExpG(f *testing.F) {
	f.Add([]byte{1, 0, 1}, uint8(0))
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, uint8(62))
	f.Fuzz(func(t *testing.T, digits []byte, shift uint8) {
		if len(digits) > 8 {
			digits = digits[:8]
		}
		e := new(big.Int).SetBytes(digits)
		e.Lsh(e, uint(shift%66)*fixedWindow)
		if got, want := expG(e), new(big.Int).Exp(g, e, bigN); got.Cmp(want) != 0 {
			t.Fatalf("e=%x: got %x, want %x", e, got, want)
		}
	})
}

// BenchmarkExpG compares g^x mod N by the fixed-base table and by
// math/big's Exp (also under GOOS=js GOARCH=wasm, where it matters).
func BenchmarkExpG(b *testing.B) {
	x := mustHex(b, "8f3a7c19d2e4b6a80517c3e9f2d4b6a8091b3c5d7e9f1a2b3c4d5e6f708192a3")
	b.Run("table", func(b *testing.B) {
		gPowers()
		for b.Loop() {
			expG(x)
		}
	})
	b.Run("exp", func(b *testing.B) {
		for b.Loop() {
			new(big.Int).Exp(g, x, bigN)
		}
	})
	b.Run("make-table", func(b *testing.B) {
		for b.Loop() {
			makeGPowers()
		}
	})
}
