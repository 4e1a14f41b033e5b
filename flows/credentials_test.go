package flows

import (
	"strings"
	"testing"
	"time"
)

const (
	testKeyID  = "ASIAIOSFODNN7EXAMPLE"
	testSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"
	testToken  = "IQoJb3JpZ2luX2VjEXAMPLETOKEN+/="
)

var pasteNow = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// TestParseCredentials: the forms a learner pastes, and what is refused,
// never with a secret in the message.
func TestParseCredentials(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		token      string // the session token read; "-" for a refusal
		expires    bool
	}{
		{"get-session-token", `{"Credentials":{"AccessKeyId":"` + testKeyID + `","SecretAccessKey":"` + testSecret + `","SessionToken":"` + testToken + `","Expiration":"2026-06-01T20:00:00+00:00"}}`, testToken, true},
		{"export-credentials", `{"Version":1,"AccessKeyId":"` + testKeyID + `","SecretAccessKey":"` + testSecret + `","SessionToken":"` + testToken + `","Expiration":"2026-06-01T20:00:00Z"}`, testToken, true},
		{"cognito", `{"IdentityId":"x","Credentials":{"AccessKeyId":"` + testKeyID + `","SecretKey":"` + testSecret + `","SessionToken":"` + testToken + `","Expiration":1780344000}}`, testToken, true},
		{"env", "export AWS_ACCESS_KEY_ID=" + testKeyID + "\nexport AWS_SECRET_ACCESS_KEY=" + testSecret + "\nexport AWS_SESSION_TOKEN=" + testToken + "\n", testToken, false},
		{"powershell", "$Env:AWS_ACCESS_KEY_ID=\"" + testKeyID + "\"\r\n$Env:AWS_SECRET_ACCESS_KEY=\"" + testSecret + "\"", "", false},
		{"credentials file", "[default]\naws_access_key_id = " + testKeyID + "\naws_secret_access_key = " + testSecret, "", false},
		{"expired", `{"Credentials":{"AccessKeyId":"` + testKeyID + `","SecretAccessKey":"` + testSecret + `","SessionToken":"` + testToken + `","Expiration":"2026-06-01T11:00:00Z"}}`, "-", false},
		{"no secret", `{"AccessKeyId":"` + testKeyID + `"}`, "-", false},
		{"a short key ID", `{"AccessKeyId":"AKIA` + `","SecretAccessKey":"` + testSecret + `"}`, "-", false},
		{"a cut token", "AWS_ACCESS_KEY_ID=" + testKeyID + "\nAWS_SECRET_ACCESS_KEY=" + testSecret + "\nAWS_SESSION_TOKEN=" + testToken[:8] + " " + testToken[8:], "-", false},
		{"broken JSON", `{"Credentials":{"AccessKeyId":"` + testKeyID + `","SecretAccessKey":"` + testSecret, "-", false},
		{"too long", strings.Repeat(" ", MaxCredentialsText+1), "-", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := ParseCredentials(tc.text, pasteNow)
			if tc.token == "-" {
				if err == nil {
					t.Fatal("taken")
				}
				for _, secret := range []string{testSecret, testToken, testToken[8:]} {
					if strings.Contains(err.Error(), secret) {
						t.Errorf("the message %q holds a secret", err)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.AccessKeyID != testKeyID || c.SecretAccessKey != testSecret || c.SessionToken != tc.token || c.CanExpire != tc.expires {
				t.Errorf("read %+v", c)
			}
		})
	}
}

// FuzzParseCredentials: any text is read or refused, never with a panic,
// and a refusal never quotes the text; the JSON of any well-formed
// credentials reads back as they were.
func FuzzParseCredentials(f *testing.F) {
	f.Add(testKeyID, testSecret, testToken, "")
	f.Add("AKIA", "x", "", "garbage")
	f.Add(testKeyID, "with space", "", "export AWS_ACCESS_KEY_ID=")
	f.Fuzz(func(t *testing.T, id, secret, token, raw string) {
		if c, err := ParseCredentials(raw, pasteNow); err != nil {
			if len(raw) >= 12 && strings.Contains(err.Error(), raw) {
				t.Fatalf("the message %q quotes the text", err)
			}
		} else if c.AccessKeyID == "" || c.SecretAccessKey == "" {
			t.Fatalf("read %+v without a key", c)
		}
		text := `{"Credentials":{"AccessKeyId":` + quoteJSON(id) + `,"SecretAccessKey":` + quoteJSON(secret) + `,"SessionToken":` + quoteJSON(token) + `}}`
		c, err := ParseCredentials(text, pasteNow)
		if err != nil {
			if len(secret) >= 12 && strings.Contains(err.Error(), secret) {
				t.Fatalf("the message %q quotes the secret", err)
			}
			return
		}
		if c.AccessKeyID != id || c.SecretAccessKey != secret || c.SessionToken != token {
			t.Fatalf("read %+v from %q %q %q", c, id, secret, token)
		}
	})
}

func quoteJSON(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20:
			b.WriteString(`\u00`)
			b.WriteByte("0123456789abcdef"[r>>4])
			b.WriteByte("0123456789abcdef"[r&15])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
