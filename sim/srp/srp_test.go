package srp_test

import (
	"bytes"
	"encoding/base64"
	"errors"
	"math/big"
	"strconv"
	"strings"
	"testing"
	"time"

	cognitosrp "github.com/alexrudd/cognito-srp/v4"

	"github.com/iamlab/iamlab/sim/srp"
)

// The server side agrees with an independent client that works against
// real Cognito (github.com/alexrudd/cognito-srp, Apache-2.0): the claim
// signature the client computes from the password, SRP_B and SALT
// verifies with the key the server derives from the verifier alone; a
// wrong password does not.
func TestServerAgreesWithClient(t *testing.T) {
	const pool, user = "us-east-1_Example1", "alice"
	poolName := "Example1"
	salt := new(big.Int).SetBytes(bytes.Repeat([]byte{0x9c}, 16)) // high bit set: padded
	v := srp.Verifier(poolName, user, "Passw0rd!", salt)
	block := []byte("secret-block-of-the-challenge")
	for _, tc := range []struct {
		name, password string
		ok             bool
	}{
		{"right password", "Passw0rd!", true},
		{"wrong password", "Passw0rd?", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for i := 0; i < 4; i++ { // several A and B: some have the high bit set
				cl, err := cognitosrp.NewCognitoSRP(user, tc.password, pool, "client", nil)
				if err != nil {
					t.Fatal(err)
				}
				A, err := srp.ParseA(cl.GetAuthParams()["SRP_A"])
				if err != nil {
					t.Fatal(err)
				}
				ch := srp.NewChallenge(bytes.Repeat([]byte{byte(i*37 + 1)}, 32), v)
				ts := time.Date(2024, 9, 3, 17, 4, 5, 0, time.UTC)
				resp, err := cl.PasswordVerifierChallenge(map[string]string{
					"USERNAME": user, "USER_ID_FOR_SRP": user, "SALT": srp.Hex(salt), "SRP_B": srp.Hex(ch.B),
					"SECRET_BLOCK": base64.StdEncoding.EncodeToString(block)}, ts)
				if err != nil {
					t.Fatal(err)
				}
				key, err := ch.Key(A, v)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := srp.ParseTimestamp(resp["TIMESTAMP"]); err != nil {
					t.Errorf("timestamp %q: %v", resp["TIMESTAMP"], err)
				}
				err = srp.Verify(key, poolName, user, block, resp["TIMESTAMP"], resp["PASSWORD_CLAIM_SIGNATURE"])
				if (err == nil) != tc.ok {
					t.Fatalf("verify = %v, want ok %v", err, tc.ok)
				}
			}
		})
	}
	if !srp.Check(poolName, user, "Passw0rd!", salt, v) || srp.Check(poolName, user, "passw0rd!", salt, v) || srp.Check(poolName, "bob", "Passw0rd!", salt, v) {
		t.Error("Check")
	}
}

func TestParseA(t *testing.T) {
	n := "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF"
	for _, tc := range []struct {
		a  string
		ok bool
	}{
		{"abc123", true},
		{"", false},
		{"0", false},
		{"xyz", false},
		{n, false},        // A = N
		{n + "00", false}, // A = N·256
		{"-5", false},     // negative
		{string(make([]byte, srp.MaxHex+1)), false},
	} {
		_, err := srp.ParseA(tc.a)
		if (err == nil) != tc.ok {
			t.Errorf("ParseA(%.20q) = %v, want ok %v", tc.a, err, tc.ok)
		}
	}
}

func TestParseTimestamp(t *testing.T) {
	for _, tc := range []struct {
		s  string
		ok bool
	}{
		{"Tue Sep 3 17:04:05 UTC 2024", true},
		{"Tue Sep 03 17:04:05 UTC 2024", true},
		{"Tue Sep 3 17:04:05 PST 2024", false},
		{"2024-09-03T17:04:05Z", false},
		{"", false},
	} {
		if _, err := srp.ParseTimestamp(tc.s); (err == nil) != tc.ok {
			t.Errorf("%q: %v", tc.s, err)
		}
	}
}

// FuzzParseA: any SRP_A gives a number in (0, N·k) that is no multiple of
// N, or an error; and the key derivation then never fails on it but for
// u = 0.
func FuzzParseA(f *testing.F) {
	f.Add("abc")
	f.Add("0")
	f.Add("ffffffffffffffffffffffffffffffffffff")
	v := big.NewInt(12345)
	ch := srp.NewChallenge([]byte("0123456789abcdef0123456789abcdef"), v)
	f.Fuzz(func(t *testing.T, s string) {
		a, err := srp.ParseA(s)
		if err != nil {
			return
		}
		ref, ok := new(big.Int).SetString(s, 16)
		if !ok || ref.Cmp(a) != 0 || a.Sign() <= 0 {
			t.Fatalf("ParseA(%q) = %v, math/big reads %v", s, a, ref)
		}
		if len(s) <= 8 { // the key's three 3072-bit powers are slow: only for small A
			if _, err := ch.Key(a, v); err != nil && err != srp.ErrU {
				t.Fatal(err)
			}
		}
	})
}

// FuzzParseTimestamp agrees with time.Parse of the two layouts in UTC.
func FuzzParseTimestamp(f *testing.F) {
	f.Add("Tue Sep 3 17:04:05 UTC 2024")
	f.Add("Tue Sep 03 17:04:05 UTC 2024")
	f.Add("Tue Sep 3 17:04:05 PST 2024")
	f.Fuzz(func(t *testing.T, s string) {
		got, err := srp.ParseTimestamp(s)
		ref, rerr := time.Parse(srp.TimestampLayout, s)
		if rerr != nil {
			ref, rerr = time.Parse("Mon Jan 02 15:04:05 MST 2006", s)
		}
		if rerr == nil && !strings.Contains(s, " UTC ") {
			rerr = errors.New("not UTC")
		}
		if (err == nil) != (rerr == nil) || (err == nil && !got.Equal(ref)) {
			t.Fatalf("%q: %v %v, time.Parse: %v %v", s, got, err, ref, rerr)
		}
	})
}

// BenchmarkServer measures the server's SRP work of one sign-in:
// the challenge (B) and the key from A; and the verifier of a new password.
func BenchmarkServer(b *testing.B) {
	salt := new(big.Int).SetBytes(bytes.Repeat([]byte{7}, 16))
	v := srp.Verifier("Pool", "user", "Passw0rd!", salt)
	cl, _ := cognitosrp.NewCognitoSRP("user", "Passw0rd!", "us-east-1_Pool", "c", nil)
	A, _ := srp.ParseA(cl.GetAuthParams()["SRP_A"])
	secret := bytes.Repeat([]byte{9}, 32)
	b.Run("challenge+key", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := srp.NewChallenge(secret, v).Key(A, v); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("verifier", func(b *testing.B) {
		for i := 0; i < b.N; i++ { // a new password each time: not remembered
			srp.Verifier("Pool", "user", "Passw0rd!"+strconv.Itoa(i), salt)
		}
	})
}
