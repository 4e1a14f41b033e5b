// Package srp is the server side of the Secure Remote Password protocol
// (SRP-6a, RFC 5054's form) as Amazon Cognito user pools run it for
// USER_SRP_AUTH: the 3072-bit group of RFC 3526 with g = 2, SHA-256, the
// password hashed with the pool's name and the user's ID, the shared key
// derived with HKDF ("Caldera Derived Key", 16 bytes), and the client's
// proof an HMAC over the pool name, user ID, SECRET_BLOCK and TIMESTAMP.
// Numbers are hashed as Cognito's clients pad them: big-endian, with a
// zero byte in front when the high bit is set (a two's complement
// encoding of a positive number).
//
// The server never sees a password under SRP and keeps only the salt and
// the verifier v = g^x; USER_PASSWORD_AUTH checks a password by computing
// the verifier again (Check), so no password is ever stored.
package srp

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"math/big"
	"strings"
	"time"
)

// nHex is the 3072-bit MODP group's prime (RFC 3526 §4).
const nHex = "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1" +
	"29024E088A67CC74020BBEA63B139B22514A08798E3404DD" +
	"EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245" +
	"E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED" +
	"EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3D" +
	"C2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F" +
	"83655D23DCA3AD961C62F356208552BB9ED529077096966D" +
	"670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B" +
	"E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9" +
	"DE2BCBF6955817183995497CEA956AE515D2261898FA0510" +
	"15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64" +
	"ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7" +
	"ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6B" +
	"F12FFA06D98A0864D87602733EC86A64521F2B18177B200C" +
	"BBE117577A615D6C770988C0BAD946E208E24FA074E5AB31" +
	"43DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF"

// info is the HKDF info string of Cognito's derived key.
const info = "Caldera Derived Key"

// MaxHex bounds the hex digits of SRP_A that ParseA reads: twice the
// modulus' bytes, with room for leading zeros.
const MaxHex = 1024

var (
	bigN, _ = new(big.Int).SetString(nHex, 16)
	g       = big.NewInt(2)
	// k = H(N | g), SRP-6a's multiplier.
	k = new(big.Int).SetBytes(hash(pad(bigN), pad(g)))
)

// pad is x as Cognito's clients hash it: big-endian bytes, a zero byte in
// front when the first byte's high bit is set.
func pad(x *big.Int) []byte {
	b := x.Bytes()
	if len(b) == 0 || b[0]&0x80 != 0 {
		return append([]byte{0}, b...)
	}
	return b
}

func hash(parts ...[]byte) []byte {
	h := sha256.New()
	for _, p := range parts {
		h.Write(p)
	}
	return h.Sum(nil)
}

// x is the private value derived from the password: H(salt | H(poolName |
// userID | ":" | password)).
func x(poolName, userID, password string, salt *big.Int) *big.Int {
	inner := hash([]byte(poolName + userID + ":" + password))
	return new(big.Int).SetBytes(hash(pad(salt), inner))
}

// Verifier is the password verifier g^x mod N that the server keeps.
func Verifier(poolName, userID, password string, salt *big.Int) *big.Int {
	return verifierOf(x(poolName, userID, password, salt))
}

// Check reports whether password is the one behind verifier v.
func Check(poolName, userID, password string, salt, v *big.Int) bool {
	got := Verifier(poolName, userID, password, salt)
	return subtle.ConstantTimeCompare(pad(got), pad(v)) == 1
}

// Errors of the exchange.
var (
	ErrA        = errors.New("SRP_A is not a valid SRP value")
	ErrU        = errors.New("the scrambling parameter is zero")
	ErrBadProof = errors.New("the password claim signature does not match")
)

// ParseA reads the client's public value SRP_A (hex) and refuses what
// SRP-6a refuses: A mod N = 0.
func ParseA(s string) (*big.Int, error) {
	if s == "" || len(s) > MaxHex {
		return nil, ErrA
	}
	a, ok := new(big.Int).SetString(s, 16)
	if !ok || a.Sign() <= 0 || new(big.Int).Mod(a, bigN).Sign() == 0 {
		return nil, ErrA
	}
	return a, nil
}

// Challenge is the server's side of one exchange: its secret b and public
// B = k·v + g^b mod N.
type Challenge struct {
	B *big.Int
	b *big.Int
}

// NewChallenge makes the server's values from secret random bytes (32 at
// least) and the user's verifier.
func NewChallenge(random []byte, v *big.Int) *Challenge {
	b := new(big.Int).SetBytes(random)
	gb := expG(b)
	B := new(big.Int).Mul(k, v)
	B.Add(B, gb).Mod(B, bigN)
	return &Challenge{B: B, b: b}
}

// Resume rebuilds a challenge from its kept secret b.
func Resume(b, B *big.Int) *Challenge { return &Challenge{B: B, b: b} }

// Secret is b, to keep between InitiateAuth and RespondToAuthChallenge.
func (c *Challenge) Secret() *big.Int { return c.b }

// Key is the shared key: S = (A · v^u)^b mod N with u = H(A | B), then
// HKDF-SHA256 with salt u, 16 bytes.
func (c *Challenge) Key(A, v *big.Int) ([]byte, error) {
	u := new(big.Int).SetBytes(hash(pad(A), pad(c.B)))
	if u.Sign() == 0 {
		return nil, ErrU
	}
	S := new(big.Int).Exp(v, u, bigN)
	S.Mul(S, A).Mod(S, bigN)
	S.Exp(S, c.b, bigN)
	return hkdf(pad(S), pad(u)), nil
}

// hkdf is RFC 5869's extract and one block of expand, cut to 16 bytes.
func hkdf(ikm, salt []byte) []byte {
	ext := hmac.New(sha256.New, salt)
	ext.Write(ikm)
	prk := ext.Sum(nil)
	exp := hmac.New(sha256.New, prk)
	exp.Write([]byte(info))
	exp.Write([]byte{1})
	return exp.Sum(nil)[:16]
}

// Signature is PASSWORD_CLAIM_SIGNATURE: base64 of HMAC-SHA256(key,
// poolName | userID | secretBlock | timestamp).
func Signature(key []byte, poolName, userID string, secretBlock []byte, timestamp string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(poolName))
	m.Write([]byte(userID))
	m.Write(secretBlock)
	m.Write([]byte(timestamp))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// Verify checks the client's claim signature in constant time.
func Verify(key []byte, poolName, userID string, secretBlock []byte, timestamp, claim string) error {
	want := Signature(key, poolName, userID, secretBlock, timestamp)
	if subtle.ConstantTimeCompare([]byte(want), []byte(claim)) != 1 {
		return ErrBadProof
	}
	return nil
}

// TimestampLayout is the form of TIMESTAMP: "Tue Sep 3 07:04:05 UTC
// 2024", the day of the month not padded, as Cognito's clients write it.
const TimestampLayout = "Mon Jan 2 15:04:05 MST 2006"

// ParseTimestamp reads a TIMESTAMP (a padded day, "Sep 03", is accepted
// too). It must be in UTC.
func ParseTimestamp(s string) (time.Time, error) {
	for _, layout := range []string{TimestampLayout, "Mon Jan 02 15:04:05 MST 2006"} {
		if t, err := time.Parse(layout, s); err == nil && strings.Contains(s, " UTC ") {
			return t, nil
		}
	}
	return time.Time{}, errors.New("TIMESTAMP is not of the form " + TimestampLayout)
}

// Hex writes a number as Cognito sends SRP_B and SALT: lower-case hex.
func Hex(x *big.Int) string { return x.Text(16) }

// ParseHex reads a number kept as hex.
func ParseHex(s string) (*big.Int, bool) {
	if s == "" || len(s) > MaxHex {
		return nil, false
	}
	if _, err := hex.DecodeString(strings.Repeat("0", len(s)%2) + s); err != nil {
		return nil, false
	}
	return new(big.Int).SetString(s, 16)
}
