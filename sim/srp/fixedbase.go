package srp

import (
	"math/big"
	"sync"
)

// g^e mod N is most of the server's SRP work: the verifier of every
// password set or checked (e = x) and each challenge's g^b. The base and
// the modulus never change, so the powers g^(j·16^i) are computed once,
// and g^e is then the product of one of them per 4-bit digit of e (the
// fixed-base windowing method, Handbook of Applied Cryptography, 14.109):
// 64 modular multiplications for a 256-bit e instead of math/big's 256
// squarings and 64 multiplications. In a flow page (WebAssembly) this
// makes a verifier several times cheaper.

// Fixed-base exponents cover fixedBits: x is a SHA-256 hash and b 32
// random bytes; a longer exponent takes math/big's Exp.
const (
	fixedWindow = 4
	fixedBits   = 256
)

// gPowers is makeGPowers, made on first use.
var gPowers = sync.OnceValue(makeGPowers)

// makeGPowers returns the table t with t[i][j-1] = g^(j·2^(fixedWindow·i))
// mod N.
func makeGPowers() [][]*big.Int {
	rows := fixedBits / fixedWindow
	out := make([][]*big.Int, rows)
	base := new(big.Int).Set(g)
	for i := range out {
		row := make([]*big.Int, 1<<fixedWindow-1)
		row[0] = base
		for j := 1; j < len(row); j++ {
			row[j] = mulMod(row[j-1], base)
		}
		out[i] = row
		base = mulMod(row[len(row)-1], base) // base^(2^fixedWindow)
	}
	return out
}

func mulMod(a, b *big.Int) *big.Int {
	z := new(big.Int).Mul(a, b)
	return z.Mod(z, bigN)
}

// expG is g^e mod N.
func expG(e *big.Int) *big.Int {
	if e.Sign() < 0 || e.BitLen() > fixedBits {
		return new(big.Int).Exp(g, e, bigN)
	}
	powers := gPowers()
	acc := big.NewInt(1)
	var prod big.Int
	for i, row := range powers {
		var w uint
		for k := fixedWindow - 1; k >= 0; k-- {
			w = w<<1 | e.Bit(i*fixedWindow+k)
		}
		if w != 0 {
			prod.Mul(acc, row[w-1])
			acc.Mod(&prod, bigN)
		}
	}
	return acc
}
