package flows

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
)

func TestMask(t *testing.T) {
	for _, tc := range []struct{ in, ct, want string }{
		{`{"Plaintext":"c2VjcmV0","KeyId":"k"}`, "application/x-amz-json-1.1", `{"Plaintext":"<masked: 8 characters>","KeyId":"k"}`},
		{`{"AuthenticationResult": {"IdToken" : "a\"b", "ExpiresIn": 3600}}`, "application/x-amz-json-1.1", `{"AuthenticationResult": {"IdToken" : "<masked: 4 characters>", "ExpiresIn": 3600}}`},
		{`{"Session":"xyz","ChallengeName":"NEW_PASSWORD_REQUIRED"}`, "application/x-amz-json-1.1", `{"Session":"<masked: 3 characters>","ChallengeName":"NEW_PASSWORD_REQUIRED"}`},
		{"<A><SecretAccessKey>abc</SecretAccessKey><AccessKeyId>AKIA</AccessKeyId></A>", "text/xml", "<A><SecretAccessKey><masked: 3 characters></SecretAccessKey><AccessKeyId>AKIA</AccessKeyId></A>"},
		{"Action=AssumeRoleWithWebIdentity&WebIdentityToken=eyJ.x.y&RoleArn=r", "application/x-www-form-urlencoded", "Action=AssumeRoleWithWebIdentity&WebIdentityToken=" + url.QueryEscape("<masked: 7 characters>") + "&RoleArn=r"},
		{"plain", "text/plain", "plain"},
	} {
		if got := maskBody(tc.in, tc.ct); got != tc.want {
			t.Errorf("%s\n got %s\nwant %s", tc.in, got, tc.want)
		}
	}
	auth := "AWS4-HMAC-SHA256 Credential=AKIA/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=0123abcd"
	if got := maskHeader("Authorization", auth); !strings.HasSuffix(got, "Signature=<masked: 8 characters>") || !strings.Contains(got, "Credential=AKIA/") {
		t.Errorf("%s", got)
	}
	if got := maskHeader("X-Amz-Security-Token", "tok"); got != "<masked: 3 characters>" {
		t.Errorf("%s", got)
	}
	u, _ := url.Parse("https://b.s3.amazonaws.com/k?X-Amz-Credential=AKIA&X-Amz-Signature=ff&X-Amz-Security-Token=t")
	if got := maskURL(u); strings.Contains(got, "=ff") || strings.Contains(got, "Token=t&") || !strings.Contains(got, "X-Amz-Credential=AKIA") {
		t.Errorf("%s", got)
	}
}

func TestBodyText(t *testing.T) {
	if s, n := bodyText([]byte{0, 1, 2}, ""); s != "" || n != 3 {
		t.Errorf("binary: %q %d", s, n)
	}
	long := strings.Repeat("é", MaxShownBody)
	s, n := bodyText([]byte(long), "text/plain")
	if n != len(long) || !strings.HasSuffix(s, "…") || len(s) > MaxShownBody+len("…") {
		t.Errorf("long: %d %d", len(s), n)
	}
}

// replaceMatches gives what ReplaceAllStringFunc and a second match of
// each match gave, on bodies of every form the recorder masks.
func TestReplaceMatchesAsTwoPasses(t *testing.T) {
	inputs := []string{
		"", "a=1", "&a=1", "a=1&Token=x&b=&=c&&d", "X-Amz-Signature=abc&X-Amz-Security-Token=t%2Fu",
		`{"a":"b","SessionToken" : "x\"y","n":{"Password":"p"},"e":""}`, `{"k":"v\\"}`,
		`<A><SecretAccessKey>s</SecretAccessKey><B>b</B><Token>t</Tok></A>`, `<x>1</y><y>2</y>`,
	}
	two := func(re *regexp.Regexp, s string, fn func(m string, g []string) string) string {
		return re.ReplaceAllStringFunc(s, func(m string) string { return fn(m, re.FindStringSubmatch(m)) })
	}
	for _, re := range []*regexp.Regexp{formPair, jsonPair, xmlElement} {
		for _, in := range inputs {
			fn := func(m string, g []string) string { return "[" + strings.Join(g, "|") + "]" }
			if got, want := replaceMatches(re, in, fn), two(re, in, fn); got != want {
				t.Errorf("%s on %q: %q, want %q", re, in, got, want)
			}
		}
	}
}
