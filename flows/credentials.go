package flows

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// MaxCredentialsText bounds pasted credentials: a session token is a few
// kilobytes at most.
const MaxCredentialsText = 16 << 10

// The lengths AWS gives an access key ID (AccessKeyId: "Length
// Constraints: Minimum length of 16. Maximum length of 128.").
const (
	minKeyID = 16
	maxKeyID = 128
)

// ParseCredentials reads credentials a learner pasted: the JSON that
// `aws sts get-session-token` (or assume-role) prints, with a Credentials
// object; the JSON of `aws configure export-credentials`; Cognito's
// GetCredentialsForIdentity answer (SecretKey); environment variable lines
// (AWS_ACCESS_KEY_ID=..., with export, set or $Env:); or a credentials
// file profile (aws_access_key_id = ...). Expired credentials are refused.
// No message quotes the text: it holds secrets.
func ParseCredentials(text string, now time.Time) (aws.Credentials, error) {
	if len(text) > MaxCredentialsText {
		return aws.Credentials{}, fmt.Errorf("the pasted text is longer than %d bytes: paste only the credentials", MaxCredentialsText)
	}
	text = strings.TrimSpace(strings.TrimPrefix(text, "\uFEFF"))
	var c aws.Credentials
	var expires string
	var err error
	if strings.HasPrefix(text, "{") {
		c, expires, err = credentialsJSON(text)
	} else {
		c, expires = credentialsLines(text)
	}
	if err != nil {
		return aws.Credentials{}, err
	}
	if err := checkCredentials(c); err != nil {
		return aws.Credentials{}, err
	}
	if expires != "" {
		t, err := time.Parse(time.RFC3339, expires)
		if err != nil {
			return aws.Credentials{}, errors.New("the expiration time is not a date and time (RFC 3339)")
		}
		if !t.After(now) {
			return aws.Credentials{}, fmt.Errorf("these credentials expired at %s", t.UTC().Format(time.RFC3339))
		}
		c.CanExpire, c.Expires = true, t
	}
	return c, nil
}

// credentialsJSON reads the CLI's and Cognito's JSON.
func credentialsJSON(text string) (aws.Credentials, string, error) {
	type fields struct {
		AccessKeyID     string `json:"AccessKeyId"`
		SecretAccessKey string `json:"SecretAccessKey"`
		SecretKey       string `json:"SecretKey"` // Cognito's name
		SessionToken    string `json:"SessionToken"`
		Expiration      any    `json:"Expiration"`
	}
	var top struct {
		fields
		Credentials *fields `json:"Credentials"`
	}
	if err := json.Unmarshal([]byte(text), &top); err != nil {
		return aws.Credentials{}, "", errors.New("the pasted text is not the JSON of credentials (it does not parse)")
	}
	f := top.fields
	if top.Credentials != nil {
		f = *top.Credentials
	}
	if f.SecretAccessKey == "" {
		f.SecretAccessKey = f.SecretKey
	}
	expires := ""
	switch v := f.Expiration.(type) {
	case string:
		expires = v
	case float64: // Cognito writes seconds since the epoch
		expires = time.Unix(int64(v), 0).UTC().Format(time.RFC3339)
	}
	return aws.Credentials{AccessKeyID: f.AccessKeyID, SecretAccessKey: f.SecretAccessKey, SessionToken: f.SessionToken}, expires, nil
}

// credentialsLines reads NAME=VALUE lines, of the environment or of a
// credentials file.
func credentialsLines(text string) (aws.Credentials, string) {
	var c aws.Credentials
	expires := ""
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		for _, p := range []string{"export ", "set ", "$Env:", "$env:"} {
			line = strings.TrimPrefix(line, p)
		}
		name, value, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		value = strings.Trim(strings.TrimSpace(value), `"'`)
		switch strings.ToUpper(strings.TrimSpace(name)) {
		case "AWS_ACCESS_KEY_ID":
			c.AccessKeyID = value
		case "AWS_SECRET_ACCESS_KEY":
			c.SecretAccessKey = value
		case "AWS_SESSION_TOKEN":
			c.SessionToken = value
		case "AWS_CREDENTIAL_EXPIRATION":
			expires = value
		}
	}
	return c, expires
}

// checkCredentials checks the shape of credentials.
func checkCredentials(c aws.Credentials) error {
	switch {
	case c.AccessKeyID == "" || c.SecretAccessKey == "":
		return errors.New("no access key ID and secret access key were found")
	case len(c.AccessKeyID) < minKeyID || len(c.AccessKeyID) > maxKeyID || !word(c.AccessKeyID):
		return fmt.Errorf("the access key ID is not one AWS issues (%d to %d letters and digits)", minKeyID, maxKeyID)
	case !visibleASCII(c.SecretAccessKey) || !visibleASCII(c.SessionToken):
		return errors.New("the secret access key or the session token has spaces or other characters AWS never puts in them: paste them whole")
	}
	return nil
}

// visibleASCII reports whether s has only the characters of AWS's secrets
// and tokens (base64 and a few more), no spaces.
func visibleASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

func word(s string) bool {
	for i := 0; i < len(s); i++ {
		b := s[i]
		if !(b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '_') {
			return false
		}
	}
	return true
}
