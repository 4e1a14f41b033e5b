package events

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
)

func event(i, size int) *Event {
	return &Event{EventID: fmt.Sprint(i), EventName: "GetCallerIdentity", ErrorCode: "X", ErrorMessage: strings.Repeat("m", size)}
}

// The log keeps the newest MaxEvents records, oldest first.
func TestLogKeepsTheNewest(t *testing.T) {
	var l Log
	for i := 0; i < MaxEvents+5; i++ {
		l.Add(event(i, 0))
	}
	evs := l.Snapshot()
	if len(evs) != MaxEvents || evs[0].EventID != "5" || evs[len(evs)-1].EventID != fmt.Sprint(MaxEvents+4) {
		t.Fatalf("%d records, from %s to %s", len(evs), evs[0].EventID, evs[len(evs)-1].EventID)
	}
	for i, e := range evs {
		if e.EventID != fmt.Sprint(i+5) {
			t.Fatalf("record %d is %s, want %d", i, e.EventID, i+5)
		}
	}
}

// Rendered lines are kept up to MaxRenderedBytes, the newest; reading
// again renders the dropped ones alike.
func TestLogBoundsRenderedLines(t *testing.T) {
	var l Log
	const size = 4 << 10
	n := 2 * MaxRenderedBytes / size
	if n > MaxEvents {
		t.Fatalf("the test's records are too small to fill MaxRenderedBytes")
	}
	for i := 0; i < n; i++ {
		l.Add(event(i, size))
	}
	var first, second bytes.Buffer
	if _, err := l.WriteTo(&first); err != nil {
		t.Fatal(err)
	}
	kept := 0
	evs := l.Snapshot()
	for _, e := range evs {
		kept += e.cached()
	}
	if kept > MaxRenderedBytes || kept < MaxRenderedBytes-2*size {
		t.Errorf("kept %d bytes of lines, want at most %d and close to it", kept, MaxRenderedBytes)
	}
	if evs[0].cached() != 0 || evs[len(evs)-1].cached() == 0 {
		t.Error("the oldest line is kept or the newest is not")
	}
	if _, err := l.WriteTo(&second); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Error("a second read differs")
	}
	lines := strings.Split(strings.TrimSuffix(first.String(), "\n"), "\n")
	if len(lines) != n {
		t.Fatalf("%d lines, want %d", len(lines), n)
	}
	var rec struct {
		EventID string
		IAMLab  IAMLab `json:"iamlab"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &rec); err != nil || rec.EventID != "0" || rec.IAMLab.Decision != "notEvaluated" {
		t.Errorf("first line %+v %v", rec, err)
	}
}

// Records are added while the log is read (run with -race).
func TestLogConcurrentReads(t *testing.T) {
	var l Log
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				l.Add(event(w*1000+i, 100))
			}
		}(w)
	}
	for r := 0; r < 20; r++ {
		var b bytes.Buffer
		if _, err := l.WriteTo(&b); err != nil {
			t.Fatal(err)
		}
	}
	wg.Wait()
	if len(l.Snapshot()) != 2000 {
		t.Errorf("%d records", len(l.Snapshot()))
	}
}

func TestSecret(t *testing.T) {
	for name, want := range map[string]bool{"SecretAccessKey": true, "Password": true, "SessionToken": true, "Plaintext": true,
		"CiphertextBlob": true, "SAMLAssertion": true, "RoleArn": false, "UserName": false, "KeyId": false} {
		if Secret(name) != want {
			t.Errorf("Secret(%q) = %v", name, !want)
		}
	}
}

// Secret agrees with a plain reading: the lower-cased name contains a
// secret word.
func FuzzSecret(f *testing.F) {
	f.Add("SecretAccessKey")
	f.Add("PASSWORD")
	f.Add("toKen")
	f.Add("ÅToken")
	f.Fuzz(func(t *testing.T, name string) {
		want := false
		for _, w := range secretWords {
			want = want || strings.Contains(asciiLower(name), w)
		}
		if Secret(name) != want {
			t.Errorf("Secret(%q) = %v", name, !want)
		}
	})
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
