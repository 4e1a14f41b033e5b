package flows

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/smithy-go"

	"github.com/iamlab/iamlab/catalog"
	"github.com/iamlab/iamlab/policy"
	"github.com/iamlab/iamlab/sim/handler"
	"github.com/iamlab/iamlab/sim/world"
)

// Options say how to run a flow.
type Options struct {
	// Edits are the learner's texts of the flow's slots, by slot ID.
	Edits map[string]string
	// Catalog is AWS's service data and managed policies, for the world's
	// save-time checks and the managed policies it attaches.
	Catalog *catalog.Catalog
	// Transport carries the SDK's calls, given the simulated AWS's handler;
	// nil runs them in process (handler.Transport). A later real mode
	// gives the relay's transport here.
	Transport func(sim http.Handler) http.RoundTripper
	// Clock is the world's and the tokens' time; nil is time.Now (the SDK
	// signs with the wall clock, and the simulated AWS checks the skew).
	Clock func() time.Time
	// Seed makes the world's identifiers and secrets: the same seed gives
	// the same ones, so that a run again after an edit shows the same
	// keys and IDs in the steps it does not change.
	Seed uint64
	// Real, when set, sends the calls to real AWS instead (real.go): no
	// world is set up, and the learner's credentials sign.
	Real *Real
}

// Result is a run of a flow.
type Result struct {
	Flow string `json:"flow"`
	// Setup is set when the world could not be set up from the edits:
	// nothing ran.
	Setup *SetupError  `json:"setup,omitempty"`
	Steps []StepResult `json:"steps"`
	// Timing is where the run's time went, in milliseconds.
	Timing Timing `json:"timing"`
}

// Timing splits a run's time: setting up the world, the steps' calls,
// and the traces and scenarios of their authorizations.
type Timing struct {
	Setup  float64 `json:"setup"`
	Calls  float64 `json:"calls"`
	Traces float64 `json:"traces"`
}

func msSince(t time.Time) float64 { return float64(time.Since(t).Microseconds()) / 1000 }

// SetupError is an edited policy that the world refuses, as the service
// that keeps it refuses it when it is saved.
type SetupError struct {
	Slot string `json:"slot,omitempty"`
	Code string `json:"code"`
	Msg  string `json:"msg"`
	// Line and Col place a syntax error in the slot's text (0 when the
	// fault has no place).
	Line int `json:"line,omitempty"`
	Col  int `json:"col,omitempty"`
}

func (e *SetupError) Error() string { return e.Slot + ": " + e.Code + ": " + e.Msg }

// StepResult is what one step did.
type StepResult struct {
	ID        string `json:"id"`
	Operation string `json:"operation"`
	Expect    string `json:"expect"`
	// Outcome is "ok", the AWS error code the call received, or "skipped".
	Outcome string     `json:"outcome"`
	Message string     `json:"message,omitempty"`
	HTTP    []Exchange `json:"http"`
	Checks  []Check    `json:"checks"`
	Notes   []Note     `json:"notes,omitempty"`
	// Ms is how long the step's calls took (not the traces), in
	// milliseconds: what a page's benchmark reads.
	Ms float64 `json:"ms"`
	// Real marks a step run in real mode, which has no checks: AWS does
	// not tell how it decided.
	Real bool `json:"real,omitempty"`
}

// Note is something a step shows besides the HTTP exchange: a decoded
// token, the ciphertext it made.
type Note struct {
	Label Text   `json:"label"`
	Text  string `json:"text"`
}

// Run is a flow in progress; steps use it for clients and to pass values
// on.
type Run struct {
	flow   *Flow
	texts  map[string]string
	World  *world.World
	Sim    *handler.Handler
	rec    *recorder
	client *http.Client
	vals   map[string]any
	notes  []Note
	clock  func() time.Time
	real   *Real
}

// RunFlow sets up the flow's world with the edits and runs every step.
func RunFlow(ctx context.Context, f *Flow, opt Options) (*Result, error) {
	res := &Result{Flow: f.Name, Steps: []StepResult{}}
	t0 := time.Now()
	r, serr, err := start(f, opt)
	res.Timing.Setup = msSince(t0)
	if err != nil {
		return nil, err
	}
	if serr != nil {
		res.Setup = serr
		return res, nil
	}
	defer r.World.Close()
	for i := range f.Steps {
		res.Steps = append(res.Steps, r.step(ctx, &f.Steps[i], &res.Timing))
	}
	return res, nil
}

// start sets up the world: each slot's text checked first as the service
// that keeps it checks it, so that a refusal names the slot.
func start(f *Flow, opt Options) (*Run, *SetupError, error) {
	texts, err := f.Texts(opt.Edits)
	if err != nil {
		return nil, nil, err
	}
	clock := opt.Clock
	if clock == nil {
		clock = time.Now
	}
	if opt.Real != nil {
		r, err := startReal(f, opt, texts, clock)
		return r, nil, err
	}
	wopt := world.Options{Clock: clock, Rand: rand.NewChaCha8(seed(opt.Seed)), Catalog: opt.Catalog, RSAKey: keySource()}
	if opt.Catalog != nil {
		wopt.Managed = opt.Catalog.ManagedText
	}
	w, err := world.Open(world.NewMemory(), wopt)
	if err != nil {
		return nil, nil, err
	}
	for _, s := range f.Slots {
		if _, edited := opt.Edits[s.ID]; !edited || s.Path == "" {
			continue // the flow's own text, or one a step sends (the service answers)
		}
		if serr := checkSlot(w, &s, texts[s.ID]); serr != nil {
			w.Close()
			return nil, serr, nil
		}
	}
	file, err := f.cachedWorldFile(texts)
	if err != nil {
		w.Close()
		return nil, nil, err
	}
	if err := w.Apply(file); err != nil {
		w.Close()
		return nil, &SetupError{Code: "World", Msg: err.Error()}, nil
	}
	svcs, err := services(f.Services)
	if err != nil {
		w.Close()
		return nil, nil, err
	}
	h := handler.New(w, svcs...)
	var rt http.RoundTripper = &handler.Transport{Handler: h}
	if opt.Transport != nil {
		rt = opt.Transport(h)
	}
	rec := &recorder{next: rt}
	return &Run{flow: f, texts: texts, World: w, Sim: h, rec: rec, client: &http.Client{Transport: rec},
		vals: map[string]any{}, clock: clock}, nil, nil
}

func seed(n uint64) [32]byte {
	var s [32]byte
	for i := 0; i < 8; i++ {
		s[i] = byte(n >> (8 * i))
	}
	copy(s[8:], "iamlab flows")
	return s
}

// checkSlot checks a slot's text as the service that keeps its kind of
// policy does when it is saved.
func checkSlot(w *world.World, s *Slot, text string) *SetupError {
	if _, err := policy.Parse(text); err != nil {
		serr := &SetupError{Slot: s.ID, Code: "MalformedPolicyDocument", Msg: err.Error()}
		var pe *policy.Error
		if errors.As(err, &pe) {
			serr.Msg, serr.Line, serr.Col = pe.Msg, pe.Line, pe.Col
		}
		return serr
	}
	if _, err := w.CheckPolicy(nil, text, s.Type); err != nil {
		var me *world.MalformedPolicyError
		if errors.As(err, &me) {
			return &SetupError{Slot: s.ID, Code: me.Code, Msg: me.Msg}
		}
		return &SetupError{Slot: s.ID, Code: "MalformedPolicyDocument", Msg: err.Error()}
	}
	return nil
}

// step runs one step and records what it did.
func (r *Run) step(ctx context.Context, s *Step, tm *Timing) StepResult {
	before := len(r.Sim.Log().Snapshot())
	r.rec.take()
	r.notes = nil
	start := time.Now()
	err := s.Run(ctx, r)
	ms := msSince(start)
	tm.Calls += ms
	out := StepResult{ID: s.ID, Operation: s.Operation, Expect: s.Expect, Outcome: OK, HTTP: r.rec.take(), Notes: r.notes, Ms: ms, Real: r.real != nil}
	if out.HTTP == nil {
		out.HTTP = []Exchange{}
	}
	if err != nil {
		out.Outcome, out.Message = outcome(err)
	}
	t := time.Now()
	out.Checks = r.checks(before)
	tm.Traces += msSince(t)
	return out
}

// errMissing is a value an earlier step did not leave.
var errMissing = errors.New("an earlier step did not succeed")

// outcome is the AWS error code of a call's error.
func outcome(err error) (string, string) {
	if errors.Is(err, errMissing) {
		return Skipped, err.Error()
	}
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode(), ae.ErrorMessage()
	}
	var le *LocalError
	if errors.As(err, &le) {
		return le.Code, le.Msg
	}
	return "Error", err.Error()
}

// LocalError is a failure of work a step does itself (verifying a
// token's signature, decrypting with a data key).
type LocalError struct{ Code, Msg string }

func (e *LocalError) Error() string { return e.Code + ": " + e.Msg }

// Text returns a slot's text for this run.
func (r *Run) Text(slot string) string { return r.texts[slot] }

// Set keeps a value for later steps.
func (r *Run) Set(key string, v any) { r.vals[key] = v }

// Value returns a value an earlier step kept; a missing one makes the
// step skipped.
func Value[T any](r *Run, key string) (T, error) {
	v, ok := r.vals[key].(T)
	if !ok {
		var zero T
		return zero, fmt.Errorf("%w (%s)", errMissing, key)
	}
	return v, nil
}

// Note adds a note to the current step.
func (r *Run) Note(label Text, text string) { r.notes = append(r.notes, Note{label, text}) }

// Now is the run's clock.
func (r *Run) Now() time.Time { return r.clock() }

// Config is the aws.Config of a caller, built by hand as a page must
// (no shared files, no environment): static credentials, an explicit
// Region, one attempt, checksums when the service supports them, and the
// run's HTTP client.
func (r *Run) Config(c aws.Credentials) aws.Config {
	// show: config
	cfg := aws.Config{
		Region:                     "us-east-1",
		Credentials:                credentials.NewStaticCredentialsProvider(c.AccessKeyID, c.SecretAccessKey, c.SessionToken),
		HTTPClient:                 r.client, // here: the simulated AWS, in process
		RetryMaxAttempts:           1,
		RequestChecksumCalculation: aws.RequestChecksumCalculationWhenSupported,
		ResponseChecksumValidation: aws.ResponseChecksumValidationWhenSupported,
	}
	// end show
	if r.real != nil {
		r.real.config(r.flow, &cfg, c)
	}
	return cfg
}

// Anonymous is the aws.Config of a caller without credentials (Cognito's
// unsigned operations).
func (r *Run) Anonymous() aws.Config {
	cfg := r.Config(aws.Credentials{})
	cfg.Credentials = aws.AnonymousCredentials{}
	return cfg
}
