package sim_test

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// rawKMS sends a JSON 1.1 body to TrentService.op, signed by root at the
// lab's time, and returns the status and the answer: for what the SDK
// would not send (missing members, wrong types, malformed JSON).
func (l *lab) rawKMS(t *testing.T, op, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, l.srv.URL+"/", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req.Header.Set("X-Amz-Target", "TrentService."+op)
	sum := sha256.Sum256([]byte(body))
	creds := aws.Credentials{AccessKeyID: rootKey, SecretAccessKey: rootSec}
	if err := v4.NewSigner().SignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), "kms", "us-east-1", l.clock.now()); err != nil {
		t.Fatal(err)
	}
	resp, err := l.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// What a client's SDK would refuse to send gets AWS's answer from the
// service, never a 500.
func TestKMSProtocolErrors(t *testing.T) {
	l := newLab(t, nil)
	for _, tc := range []struct{ op, body, want string }{
		{"Encrypt", `{"Plaintext":"eA=="}`, `{"__type":"ValidationException","message":"1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null"}`},
		{"Encrypt", `{"KeyId":"` + seedKeyID + `"}`, `"message":"1 validation error detected: Value null at 'plaintext' failed to satisfy constraint: Member must not be null"`},
		{"Encrypt", `{"KeyId":"` + seedKeyID + `","Plaintext":"not base64!"}`, `"__type":"SerializationException"`},
		{"Encrypt", `{"KeyId":7}`, `"__type":"SerializationException"`},
		{"Encrypt", `{"KeyId":`, `"__type":"SerializationException"`},
		{"Encrypt", `{"KeyId":"` + seedKeyID + `","Plaintext":"eA==","EncryptionContext":{"a":1}}`, `"__type":"SerializationException"`},
		{"CreateGrant", `{"KeyId":"` + seedKeyID + `","GranteePrincipal":"arn:aws:iam::123456789012:user/app"}`, `Value null at 'operations'`},
		{"CreateGrant", `{"KeyId":"` + seedKeyID + `","GranteePrincipal":"bad principal!","Operations":["Encrypt"]}`, `Member must satisfy regular expression pattern`},
		{"CreateAlias", `{"AliasName":"alias/x"}`, `Value null at 'targetKeyId'`},
		{"TagResource", `{"KeyId":"` + seedKeyID + `"}`, `Value null at 'tags'`},
		{"UpdateKeyDescription", `{"KeyId":"` + seedKeyID + `"}`, `Value null at 'description'`},
		{"RetireGrant", `{}`, `"__type":"ValidationException"`},
		{"ListKeys", `{"Limit":0}`, `Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1`},
		{"ListKeys", ``, `"Keys":[{"KeyId":"` + seedKeyID + `"`},
		{"GenerateRandom", `{}`, `{"__type":"ValidationException","message":"NumberOfBytes is required."}`},
		{"GenerateRandom", `{"NumberOfBytes":1025}`, `Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024`},
		{"NoSuchOperation", `{}`, `"__type":"UnknownOperationException"`},
	} {
		code, body := l.rawKMS(t, tc.op, tc.body)
		if code >= 500 || !strings.Contains(body, tc.want) {
			t.Errorf("%s %s: %d %s", tc.op, tc.body, code, body)
		}
	}
}
