package api

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the files the tests compare with")

const pageMessagesFile = "../site/messages.json"

// site/messages.json is PageMessages as JSON: go test ./api -run
// TestPageMessages -update writes it after explain's words change.
func TestPageMessages(t *testing.T) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(PageMessages()); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(pageMessagesFile, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(pageMessagesFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, buf.Bytes()) {
		t.Fatalf("%s is not explain's words: go test ./api -run TestPageMessages -update", pageMessagesFile)
	}
}
