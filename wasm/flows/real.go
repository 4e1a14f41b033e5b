//go:build js && wasm

package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"syscall/js"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/smithy-go"

	"github.com/iamlab/iamlab/compare"
	"github.com/iamlab/iamlab/flows"
	"github.com/iamlab/iamlab/sim/handler"
	simiam "github.com/iamlab/iamlab/sim/iam"
	"github.com/iamlab/iamlab/sim/world"
	"github.com/iamlab/iamlab/worker/relay"
)

// Real mode's entry points. Those that call AWS answer a Promise of the
// JSON string: a call that waits for fetch must not block the JavaScript
// event loop it needs (syscall/js.FuncOf), so it runs in a goroutine.
// Credentials come in as JSON on each call and are kept nowhere here.
var asyncEntryPoints = map[string]func(args []string) any{
	"whoami":        whoami,        // (credentialsJSON, relayOrigin)
	"cognitoSignIn": cognitoSignIn, // (loginJSON, relayOrigin)
	"runReal":       runReal,       // (name, editsJSON, credentialsByCallerJSON, relayOrigin)
	// (scenarioText, mode, credentialsJSON, relayOrigin): mode "simulated"
	// asks the simulated IAM in this module, "real" AWS through the relay.
	"compare": compareScenario,
}

func init() {
	entryPoints["realMode"] = realMode                 // (name)
	entryPoints["parseCredentials"] = parseCredentials // (text)
	// A catalog file the page fetched serves compare too.
	add := entryPoints["addFile"]
	entryPoints["addFile"] = func(args []string) any {
		compareCatalog.Add(arg(args, 0), arg(args, 1))
		return add(args)
	}
}

// registerAsync adds the asynchronous entry points to globalThis.iamlabFlows.
func registerAsync(obj js.Value) {
	for name, fn := range asyncEntryPoints {
		obj.Set(name, js.FuncOf(func(_ js.Value, args []js.Value) any { return promise(fn, args) }))
	}
}

// promise runs fn in a goroutine and resolves with its JSON answer.
func promise(fn func([]string) any, args []js.Value) js.Value {
	strs := make([]string, len(args))
	for i, a := range args {
		if a.Type() == js.TypeString {
			strs[i] = a.String()
		}
	}
	executor := js.FuncOf(func(_ js.Value, pa []js.Value) any {
		resolve := pa[0]
		go func() { resolve.Invoke(answer(fn, strs)) }()
		return nil
	})
	defer executor.Release() // the executor runs within New
	return js.Global().Get("Promise").New(executor)
}

// callTimeout bounds one real-mode entry point: a flow's dozen calls
// through the relay, each bounded by the relay itself.
const callTimeout = 2 * time.Minute

func background() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), callTimeout)
}

// realMode(name) answers {"mode": flows.RealMode}.
func realMode(args []string) any {
	f, ok := flows.Get(arg(args, 0))
	if !ok {
		return errorAnswer("flow.unknown", "there is no flow "+arg(args, 0))
	}
	return map[string]any{"mode": f.RealModeOf()}
}

// credentialsJSON is how the page hands credentials over.
type credentialsJSON struct {
	AccessKeyID     string `json:"accessKeyId"`
	SecretAccessKey string `json:"secretAccessKey"`
	SessionToken    string `json:"sessionToken,omitempty"`
	Expires         string `json:"expires,omitempty"`
}

func (c credentialsJSON) aws() aws.Credentials {
	return aws.Credentials{AccessKeyID: c.AccessKeyID, SecretAccessKey: c.SecretAccessKey, SessionToken: c.SessionToken}
}

func fromAWS(c aws.Credentials) credentialsJSON {
	out := credentialsJSON{AccessKeyID: c.AccessKeyID, SecretAccessKey: c.SecretAccessKey, SessionToken: c.SessionToken}
	if c.CanExpire {
		out.Expires = c.Expires.UTC().Format(time.RFC3339)
	}
	return out
}

// parseCredentials(text) answers {"credentials": {...}} for pasted text.
func parseCredentials(args []string) any {
	c, err := flows.ParseCredentials(arg(args, 0), time.Now())
	if err != nil {
		return errorAnswer("credentials", err.Error())
	}
	return map[string]any{"credentials": fromAWS(c)}
}

// relayTransport sends signed requests through the Worker's relay with
// the runtime's fetch: Go's transport uses fetch only when no dialer is
// set, which http.DefaultTransport has (platform.md).
func relayTransport(origin string) (http.RoundTripper, error) {
	u, err := url.Parse(origin)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, errors.New("the relay's origin is not an http(s) origin")
	}
	return &relay.Transport{Relay: &url.URL{Scheme: u.Scheme, Host: u.Host}, Base: &http.Transport{}}, nil
}

// whoami(credentialsJSON, relayOrigin) answers {"identity": flows.Identity}.
func whoami(args []string) any {
	var c credentialsJSON
	if err := json.Unmarshal([]byte(arg(args, 0)), &c); err != nil {
		return errorAnswer("credentials", "the credentials are not a JSON object")
	}
	rt, err := relayTransport(arg(args, 1))
	if err != nil {
		return errorAnswer("relay", err.Error())
	}
	ctx, cancel := background()
	defer cancel()
	id, err := flows.WhoAmI(ctx, c.aws(), rt)
	if err != nil {
		return awsError(err)
	}
	return map[string]any{"identity": id}
}

// cognitoSignIn(loginJSON, relayOrigin) answers {"credentials": {...}}.
func cognitoSignIn(args []string) any {
	var l flows.CognitoLogin
	if err := json.Unmarshal([]byte(arg(args, 0)), &l); err != nil {
		return errorAnswer("cognito", "the sign-in is not a JSON object")
	}
	rt, err := relayTransport(arg(args, 1))
	if err != nil {
		return errorAnswer("relay", err.Error())
	}
	ctx, cancel := background()
	defer cancel()
	c, err := flows.CognitoSignIn(ctx, l, rt)
	if err != nil {
		return awsError(err)
	}
	return map[string]any{"credentials": fromAWS(c)}
}

// runReal(name, editsJSON, credentialsByCallerJSON, relayOrigin) answers
// {"result": flows.Result}, as run does.
func runReal(args []string) any {
	f, edits, bad := flowAndEdits(args)
	if bad != nil {
		return bad
	}
	var byCaller map[string]credentialsJSON
	if err := json.Unmarshal([]byte(arg(args, 2)), &byCaller); err != nil {
		return errorAnswer("credentials", "the credentials are not an object by caller")
	}
	rt, err := relayTransport(arg(args, 3))
	if err != nil {
		return errorAnswer("relay", err.Error())
	}
	creds := map[string]aws.Credentials{}
	for id, c := range byCaller {
		creds[id] = c.aws()
	}
	ctx, cancel := background()
	defer cancel()
	res, err := flows.RunFlow(ctx, f, flows.Options{Edits: edits, Real: &flows.Real{Credentials: creds, Transport: rt}})
	if err != nil {
		return errorAnswer("flow.run", err.Error())
	}
	return map[string]any{"result": res}
}

// compareCatalog holds the catalog files compare read (managed policies
// and the services of the scenario's context keys): any file, not only
// the flows'.
var compareCatalog = flows.NewFetched(nil)

// compareScenario(scenarioText, mode, credentialsJSON, relayOrigin)
// answers {"answer": compare.Answer}, or {"needs": [...]} before any call
// when the question needs catalog files.
func compareScenario(args []string) any {
	compareCatalog.Missed()
	q, err := compare.Build(arg(args, 0), compareCatalog.Catalog())
	if needs := compareCatalog.Missed(); len(needs) > 0 {
		return map[string]any{"needs": needs}
	}
	if err != nil {
		return errorAnswer("compare.scenario", err.Error())
	}
	var client *iam.Client
	switch arg(args, 1) {
	case "simulated":
		if client, err = simulatedIAM(); err != nil {
			return errorAnswer("compare.simulated", err.Error())
		}
		withoutPrincipal(q)
	case "real":
		var c credentialsJSON
		if err := json.Unmarshal([]byte(arg(args, 2)), &c); err != nil || c.AccessKeyID == "" {
			return errorAnswer("credentials", "real mode needs credentials")
		}
		rt, err := relayTransport(arg(args, 3))
		if err != nil {
			return errorAnswer("relay", err.Error())
		}
		client = iam.NewFromConfig(awsConfig(c.aws(), rt))
	default:
		return errorAnswer("compare.mode", "the mode is simulated or real")
	}
	ctx, cancel := background()
	defer cancel()
	a, err := compare.Ask(ctx, q, client)
	if err != nil {
		return errorAnswer("compare.call", err.Error())
	}
	return map[string]any{"answer": a}
}

// withoutPrincipal drops SimulatePrincipalPolicy from a question for the
// simulated account, which holds none of a scenario's users and roles:
// AWS would answer only that they do not exist.
func withoutPrincipal(q *compare.Question) {
	q.Principal = nil
	notes := q.Notes[:0]
	for _, n := range q.Notes {
		if n.Code != "principal" {
			notes = append(notes, n)
		}
	}
	q.Notes = notes
}

func awsConfig(c aws.Credentials, rt http.RoundTripper) aws.Config {
	return aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider(c.AccessKeyID, c.SecretAccessKey, c.SessionToken),
		HTTPClient: &http.Client{Transport: rt}, RetryMaxAttempts: 1}
}

// simulated is the simulated IAM that compare asks in simulated mode: the
// default world (one account, its root user's keys), made once.
var simulated = sync.OnceValues(func() (*iam.Client, error) {
	w, err := world.Open(world.NewMemory(), world.Options{})
	if err != nil {
		return nil, err
	}
	if err := w.Apply(world.DefaultFile()); err != nil {
		return nil, err
	}
	rt := &handler.Transport{Handler: handler.New(w, simiam.New())}
	return iam.NewFromConfig(awsConfig(aws.Credentials{AccessKeyID: world.DefaultRootKeyID, SecretAccessKey: world.DefaultRootSecret}, rt)), nil
})

func simulatedIAM() (*iam.Client, error) { return simulated() }

// awsError is an AWS error answer: its code and message (never the
// request, which holds a signature).
func awsError(err error) map[string]any {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return errorAnswer(ae.ErrorCode(), ae.ErrorMessage())
	}
	return errorAnswer("call", fmt.Sprint(err))
}
