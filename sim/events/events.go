// Package events is the simulated AWS's event log: one record per call,
// in CloudTrail's record shape, plus the engine's decisions. A decision's
// trace is rendered only when the log is read (GET /_iamlab/events), by
// deciding the kept question again.
package events

import (
	"encoding/json"
	"io"
	"sync"
	"time"

	"github.com/iamlab/iamlab/explain"
	"github.com/iamlab/iamlab/sim/authorize"
)

// The log's bounds, so that a long-running server keeps a fixed amount of
// it: MaxEvents records (older ones are dropped), and at most
// MaxRenderedBytes of their rendered lines kept for the next read (the
// oldest records' lines are dropped first, and rendered again if read).
const (
	MaxEvents        = 10000
	MaxRenderedBytes = 16 << 20
)

// TimeFormat is CloudTrail's eventTime: UTC, to the second
// ("2014-03-06T21:22:54Z").
const TimeFormat = "2006-01-02T15:04:05Z"

// UserIdentity is CloudTrail's userIdentity element.
type UserIdentity struct {
	Type        string `json:"type"`
	PrincipalID string `json:"principalId,omitempty"`
	ARN         string `json:"arn,omitempty"`
	AccountID   string `json:"accountId,omitempty"`
	AccessKeyID string `json:"accessKeyId,omitempty"`
	UserName    string `json:"userName,omitempty"`
	// IdentityProvider is a SAML or web identity user's provider.
	IdentityProvider string `json:"identityProvider,omitempty"`
}

// Event is one call. Services fill in RequestParameters and
// ResponseElements with what CloudTrail shows: never secrets (secret keys,
// passwords, session tokens, plaintexts).
type Event struct {
	EventVersion       string         `json:"eventVersion"`
	EventTime          time.Time      `json:"eventTime"`
	EventSource        string         `json:"eventSource"`
	EventName          string         `json:"eventName"`
	AWSRegion          string         `json:"awsRegion"`
	SourceIPAddress    string         `json:"sourceIPAddress,omitempty"`
	UserAgent          string         `json:"userAgent,omitempty"`
	UserIdentity       *UserIdentity  `json:"userIdentity,omitempty"`
	RequestParameters  map[string]any `json:"requestParameters"`
	ResponseElements   map[string]any `json:"responseElements"`
	ErrorCode          string         `json:"errorCode,omitempty"`
	ErrorMessage       string         `json:"errorMessage,omitempty"`
	RequestID          string         `json:"requestID"`
	EventID            string         `json:"eventID"`
	EventType          string         `json:"eventType"`
	RecipientAccountID string         `json:"recipientAccountId,omitempty"`

	// Decisions are the engine's answers for this call, in order.
	Decisions []*authorize.Decision `json:"-"`
	// Note says why no decision was needed (GetCallerIdentity...).
	Note string `json:"-"`

	mu   sync.Mutex
	line []byte // the rendered record, kept once read
}

// Check is one decision as the log shows it.
type Check struct {
	Action   string `json:"action"`
	Resource string `json:"resource"`
	Decision string `json:"decision"`
}

// IAMLab is the lab's element of a record.
type IAMLab struct {
	// Decision is the call's: the first denial, else the last allow.
	Decision string `json:"decision"`
	// Trace is that decision's explanation, as `iamlab eval` prints it.
	Trace *explain.Report `json:"trace"`
	// Checks lists every question the call asked.
	Checks []Check `json:"checks,omitempty"`
	Note   string  `json:"note,omitempty"`
}

// render writes the record as one JSON line, deciding its questions again
// for their traces; the line is kept for the next read.
func (e *Event) render() []byte {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.line == nil {
		e.line = e.marshal()
	}
	return e.line
}

// cached is the size of the kept line.
func (e *Event) cached() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return len(e.line)
}

// forget drops the kept line and returns its size.
func (e *Event) forget() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	n := len(e.line)
	e.line = nil
	return n
}

// marshal renders the record.
func (e *Event) marshal() []byte {
	lab := IAMLab{Note: e.Note}
	var deciding *authorize.Decision
	for _, d := range e.Decisions {
		lab.Checks = append(lab.Checks, Check{d.Action, d.Resource, string(d.Decision)})
		if deciding == nil || deciding.Allowed() {
			deciding = d
		}
	}
	switch {
	case deciding != nil:
		lab.Decision = string(deciding.Decision)
		if r, err := deciding.Trace(); err == nil && r != nil {
			lab.Trace = explain.NewReport(r)
		}
	case e.ErrorCode != "":
		lab.Decision = "notEvaluated" // refused before any policy was asked
	default:
		lab.Decision = "allowed"
	}
	type plain Event
	b, err := json.Marshal(struct {
		*plain
		EventTime string `json:"eventTime"` // shadows plain's
		IAMLab    IAMLab `json:"iamlab"`
	}{(*plain)(e), e.EventTime.UTC().Format(TimeFormat), lab})
	if err != nil {
		b, _ = json.Marshal(map[string]string{"eventID": e.EventID, "error": err.Error()})
	}
	return append(b, '\n')
}

// Log keeps the latest MaxEvents records. It is safe for concurrent use.
type Log struct {
	mu     sync.Mutex
	events []*Event
	start  int // index of the oldest in a full ring
}

// Add appends a finished record.
func (l *Log) Add(e *Event) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.events) < MaxEvents {
		l.events = append(l.events, e)
		return
	}
	l.events[l.start] = e
	l.start = (l.start + 1) % MaxEvents
}

// Snapshot returns the records, oldest first.
func (l *Log) Snapshot() []*Event {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]*Event, 0, len(l.events))
	out = append(out, l.events[l.start:]...)
	return append(out, l.events[:l.start]...)
}

// WriteTo writes the records as JSON lines, oldest first.
func (l *Log) WriteTo(w io.Writer) (int64, error) {
	defer l.trim()
	var n int64
	for _, e := range l.Snapshot() {
		m, err := w.Write(e.render())
		n += int64(m)
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// trim keeps at most MaxRenderedBytes of rendered lines, the newest.
func (l *Log) trim() {
	evs := l.Snapshot()
	total := 0
	for _, e := range evs {
		total += e.cached()
	}
	for _, e := range evs {
		if total <= MaxRenderedBytes {
			return
		}
		total -= e.forget()
	}
}

// secretWords mark parameters that are never logged.
var secretWords = []string{"password", "secret", "token", "plaintext", "privatekey", "assertion", "ciphertextblob"}

// Secret reports whether a parameter of this name holds a secret: its
// name holds one of secretWords, in any case.
func Secret(name string) bool {
	for _, w := range secretWords {
		for i := 0; i+len(w) <= len(name); i++ {
			if equalFoldASCII(name[i:i+len(w)], w) {
				return true
			}
		}
	}
	return false
}

// equalFoldASCII compares s with the lower-case word w, ignoring the
// case of ASCII letters.
func equalFoldASCII(s, w string) bool {
	for i := 0; i < len(w); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != w[i] {
			return false
		}
	}
	return true
}
