package sim_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/kms"
)

// BenchmarkKMSHandler measures KMS through aws-sdk-go-v2 over real HTTP
// (loopback) with 8 concurrent clients, as BenchmarkHandler does for STS:
// Encrypt of 64 bytes with an encryption context under the seed's key
// (its key policy names the caller), and Decrypt of the result. It
// reports requests per second and the 99th percentile latency.
func BenchmarkKMSHandler(b *testing.B) {
	pt := []byte(strings.Repeat("p", 64))
	ec := map[string]string{"app": "bench"}
	for _, tc := range []struct {
		name string
		call func(c *kms.Client, blob []byte) error
	}{
		{"Encrypt", func(c *kms.Client, _ []byte) error {
			_, err := c.Encrypt(ctx, &kms.EncryptInput{KeyId: aws.String(seedAlias), Plaintext: pt, EncryptionContext: ec})
			return err
		}},
		{"Decrypt", func(c *kms.Client, blob []byte) error {
			_, err := c.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: blob, EncryptionContext: ec})
			return err
		}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			l := newLab(b, nil)
			tr := &http.Transport{MaxIdleConnsPerHost: benchClients}
			clients := make([]*kms.Client, benchClients)
			for i := range clients {
				cfg := l.config(appKey, appSec, "")
				cfg.HTTPClient = &http.Client{Transport: tr}
				clients[i] = kms.NewFromConfig(cfg)
			}
			enc, err := clients[0].Encrypt(ctx, &kms.EncryptInput{KeyId: aws.String(seedAlias), Plaintext: pt, EncryptionContext: ec})
			if err != nil {
				b.Fatal(err)
			}
			loadClients(b, func(i int, _ int64) error { return tc.call(clients[i], enc.CiphertextBlob) })
		})
	}
}

// BenchmarkKMSServeHTTP measures the handler alone on Encrypt and on
// Decrypt: one signed request verified, authorized and answered again and
// again, with no network and no SDK.
func BenchmarkKMSServeHTTP(b *testing.B) {
	l := newLab(b, nil)
	enc, err := l.kmsClient(appKey, appSec, "").Encrypt(ctx, &kms.EncryptInput{KeyId: aws.String(seedAlias), Plaintext: []byte("p"),
		EncryptionContext: map[string]string{"app": "bench"}})
	if err != nil {
		b.Fatal(err)
	}
	blob, _ := json.Marshal(enc.CiphertextBlob)
	for _, tc := range []struct{ op, body string }{
		{"Encrypt", `{"KeyId":"` + seedAlias + `","Plaintext":"cA==","EncryptionContext":{"app":"bench"}}`},
		{"Decrypt", `{"CiphertextBlob":` + string(blob) + `,"EncryptionContext":{"app":"bench"}}`},
	} {
		b.Run(tc.op, func(b *testing.B) {
			sum := sha256.Sum256([]byte(tc.body))
			proto, _ := http.NewRequest(http.MethodPost, "http://kms.us-east-1.amazonaws.com/", nil)
			proto.Header.Set("Content-Type", "application/x-amz-json-1.1")
			proto.Header.Set("X-Amz-Target", "TrentService."+tc.op)
			if err := v4.NewSigner().SignHTTP(ctx, aws.Credentials{AccessKeyID: appKey, SecretAccessKey: appSec}, proto,
				hex.EncodeToString(sum[:]), "kms", "us-east-1", time.Now()); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					r := httptest.NewRequest(http.MethodPost, "http://kms.us-east-1.amazonaws.com/", strings.NewReader(tc.body))
					r.Header = proto.Header.Clone()
					w := httptest.NewRecorder()
					l.sim.Handler.ServeHTTP(w, r)
					if w.Code != 200 {
						b.Fatalf("%d %s", w.Code, w.Body)
					}
				}
			})
		})
	}
}
