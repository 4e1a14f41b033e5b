package protocol

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestQueryParams(t *testing.T) {
	p, err := ParseQuery([]byte("Action=AssumeRole&Tags.member.1.Key=a&Tags.member.1.Value=1&Tags.member.2.Key=b&PolicyArns.member.1.arn=x&TransitiveTagKeys.member.1=a&TransitiveTagKeys.member.3=skipped"), "Version=2011-06-15")
	if err != nil {
		t.Fatal(err)
	}
	if p.Get("Action") != "AssumeRole" || p.Get("Version") != "2011-06-15" {
		t.Errorf("Action %q Version %q", p.Get("Action"), p.Get("Version"))
	}
	tags := p.Structs("Tags")
	if len(tags) != 2 || tags[0].Get("Key") != "a" || tags[0].Get("Value") != "1" || tags[1].Get("Key") != "b" || tags[1].Has("Value") {
		t.Errorf("tags %+v", tags)
	}
	if l := p.List("TransitiveTagKeys"); len(l) != 1 || l[0] != "a" {
		t.Errorf("list %v (a gap ends a list)", l)
	}
	if _, err := p.Required("RoleArn"); err == nil || !strings.Contains(err.Error(), "Value null at 'roleArn'") {
		t.Errorf("required: %v", err)
	}
	if _, _, err := p.Int("Action"); err == nil {
		t.Error("a non-number read as a number")
	}
}

func TestQueryAnswers(t *testing.T) {
	rec := httptest.NewRecorder()
	type result struct {
		Arn     string
		Members []string `xml:"Members>member"`
	}
	if err := WriteQueryResult(rec, "https://sts.amazonaws.com/doc/2011-06-15/", "GetCallerIdentity", "req-1", &result{Arn: "a&b", Members: []string{"x"}}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		XMLName xml.Name
		Result  struct {
			Arn     string
			Members []string `xml:"Members>member"`
		} `xml:"GetCallerIdentityResult"`
		RequestID string `xml:"ResponseMetadata>RequestId"`
	}
	if err := xml.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.XMLName.Local != "GetCallerIdentityResponse" || doc.XMLName.Space != "https://sts.amazonaws.com/doc/2011-06-15/" ||
		doc.Result.Arn != "a&b" || len(doc.Result.Members) != 1 || doc.RequestID != "req-1" {
		t.Errorf("%+v\n%s", doc, rec.Body)
	}
	rec = httptest.NewRecorder()
	WriteQueryError(rec, "ns", "req-2", &Error{Status: 403, Code: "AccessDenied", Message: `no "way" <here>`})
	var e struct {
		Error     struct{ Type, Code, Message string }
		RequestID string `xml:"RequestId"`
	}
	if err := xml.Unmarshal(rec.Body.Bytes(), &e); err != nil || rec.Code != 403 || e.Error.Type != "Sender" || e.Error.Code != "AccessDenied" || e.Error.Message != `no "way" <here>` || e.RequestID != "req-2" {
		t.Errorf("%d %+v %v", rec.Code, e, err)
	}
}

func TestJSONProtocol(t *testing.T) {
	h := http.Header{}
	h.Set("X-Amz-Target", "TrentService.Encrypt")
	if p, op, ok := Target(h); !ok || p != "TrentService" || op != "Encrypt" {
		t.Errorf("%q %q %v", p, op, ok)
	}
	var in struct{ KeyId string }
	for _, bad := range []string{`{"KeyId": 1}`, `{"KeyId":`, `{} {}`, strings.Repeat("[", 100) + strings.Repeat("]", 100)} {
		err := DecodeJSON([]byte(bad), &in)
		if pe, ok := err.(*Error); !ok || pe.Code != "SerializationException" {
			t.Errorf("%q: %v", bad, err)
		}
	}
	if err := DecodeJSON(nil, &in); err != nil {
		t.Errorf("an empty body: %v", err)
	}
	rec := httptest.NewRecorder()
	WriteJSONError(rec, "1.1", "r", &Error{Status: 400, Code: "NotFoundException", Message: "m"})
	var e map[string]string
	if json.Unmarshal(rec.Body.Bytes(), &e) != nil || e["__type"] != "NotFoundException" || rec.Header().Get("X-Amzn-Errortype") != "NotFoundException" ||
		rec.Header().Get("Content-Type") != "application/x-amz-json-1.1" {
		t.Errorf("%v %v", e, rec.Header())
	}
}

func TestRESTXML(t *testing.T) {
	var v struct {
		XMLName xml.Name `xml:"Tagging"`
		Tags    []string `xml:"TagSet>Tag>Key"`
	}
	if err := DecodeXML([]byte(`<Tagging><TagSet><Tag><Key>a</Key></Tag></TagSet></Tagging>`), &v, "MalformedXML"); err != nil || len(v.Tags) != 1 {
		t.Errorf("%v %v", v, err)
	}
	for _, bad := range []string{`<Tagging>`, `<Tagging></Tagging><x/>`, `not xml`} {
		if err := DecodeXML([]byte(bad), &v, "MalformedXML"); err == nil || err.(*Error).Code != "MalformedXML" {
			t.Errorf("%q: %v", bad, err)
		}
	}
	rec := httptest.NewRecorder()
	WriteS3Error(rec, httptest.NewRequest("GET", "/b/k", nil), "rid", "hid", "/b/k", &Error{Status: 403, Code: "AccessDenied", Message: "Access Denied"})
	if !strings.Contains(rec.Body.String(), "<Error><Code>AccessDenied</Code><Message>Access Denied</Message><Resource>/b/k</Resource><RequestId>rid</RequestId>") {
		t.Errorf("%s", rec.Body)
	}
	rec = httptest.NewRecorder()
	WriteS3Error(rec, httptest.NewRequest("HEAD", "/b/k", nil), "rid", "hid", "", &Error{Status: 404, Code: "NoSuchKey"})
	if rec.Code != 404 || rec.Body.Len() != 0 {
		t.Errorf("HEAD: %d %q", rec.Code, rec.Body)
	}
}

// Answers reuse their encoders: an answer whose encoding fails leaves
// nothing behind in the next one, nor does a large one.
func TestReusedEncoders(t *testing.T) {
	type result struct {
		Arn string
		Big string `xml:",omitempty"`
	}
	want := func() string {
		w := httptest.NewRecorder()
		if err := WriteQueryResult(w, "ns", "Op", "id", result{Arn: "a"}); err != nil {
			t.Fatal(err)
		}
		return w.Body.String()
	}
	// The Query protocol's answer, as IAM and STS indent it.
	first := xml.Header + "<OpResponse xmlns=\"ns\">\n  <OpResult>\n    <Arn>a</Arn>\n  </OpResult>\n" +
		"  <ResponseMetadata>\n    <RequestId>id</RequestId>\n  </ResponseMetadata>\n</OpResponse>\n"
	for i := 0; i < 3; i++ { // a new encoder, then reused ones
		if got := want(); got != first {
			t.Fatalf("answer %d: %q\nwant %q", i, got, first)
		}
	}
	plain := func() string {
		w := httptest.NewRecorder()
		if err := WriteXML(w, 200, "id", struct {
			XMLName xml.Name `xml:"R"`
			V       string
		}{V: "v"}); err != nil {
			t.Fatal(err)
		}
		return w.Body.String()
	}
	if p := plain(); p != xml.Header+"<R><V>v</V></R>" {
		t.Fatalf("WriteXML: %q", p)
	}
	for i := 0; i < 3; i++ {
		// A channel cannot be written in XML: the encoder fails midway.
		if err := WriteQueryResult(httptest.NewRecorder(), "ns", "Op", "id", struct {
			A string
			C chan int
		}{"x", nil}); err == nil {
			t.Fatal("encoded a channel")
		}
		if got := want(); got != first {
			t.Fatalf("after a failed answer: %s\nwant %s", got, first)
		}
		if err := WriteXML(httptest.NewRecorder(), 200, "id", struct {
			A string
			C chan int
		}{}); err == nil {
			t.Fatal("encoded a channel")
		}
		if p := plain(); p != xml.Header+"<R><V>v</V></R>" {
			t.Fatalf("WriteXML after a failed answer: %q", p)
		}
		big := httptest.NewRecorder()
		if err := WriteQueryResult(big, "ns", "Op", "id", result{Arn: "b", Big: strings.Repeat("x", MaxPooledAnswer)}); err != nil || big.Body.Len() < MaxPooledAnswer {
			t.Fatalf("large answer: %v, %d bytes", err, big.Body.Len())
		}
		if got := want(); got != first {
			t.Fatalf("after a large answer: %s\nwant %s", got, first)
		}
	}
}
