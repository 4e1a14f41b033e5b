package scenario

import (
	"strconv"
	"strings"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/internal/jsonpos"
	"github.com/iamlab/iamlab/internal/slab"
	"github.com/iamlab/iamlab/policy"
)

// Parse reads a scenario from its JSON text.
func Parse(src string, opt Options) (*Scenario, error) {
	return new(Parser).Parse(src, opt)
}

// Parser reads scenarios and keeps its memory from one to the next, so that
// a loop over many (iamlab test --bench) allocates nothing once warm. The
// Scenario that Parse returns, and every policy in it, is valid until the
// Parser's next Parse. A Parser is for one goroutine at a time.
type Parser struct {
	r reader
	s Scenario
}

// Parse reads a scenario from its JSON text.
func (p *Parser) Parse(src string, opt Options) (*Scenario, error) {
	if len(src) > MaxBytes {
		return nil, &Error{Position: jsonpos.Position{Line: 1, Col: 1}, Code: "scenario.size",
			Msg: "scenario larger than " + strconv.Itoa(MaxBytes>>10) + " KiB"}
	}
	p.r.reset(src, opt)
	if off, bad := p.r.dec.InvalidUTF8(); bad {
		return nil, &Error{Off: off, Position: jsonpos.PositionOf(src, off), Code: "json.utf8", Msg: "the file is not valid UTF-8"}
	}
	if err := p.read(src); err != nil {
		// A text that is not JSON is that first, whatever its values.
		if se := p.r.dec.SyntaxError(); se != nil {
			err = se
		}
		return nil, p.r.wrap(err)
	}
	return &p.s, nil
}

// read reads the scenario from the start of the reader's text into p.s.
func (p *Parser) read(src string) error {
	s := &p.s
	entries := s.Input.Request.Context.Entries[:0] // the last scenario's, reused
	*s = Scenario{Src: src}
	s.Input.Request.Context.Entries = entries
	r := &p.r
	err := r.scenario(s)
	if err == nil {
		err = r.d.End()
	}
	return err
}

type reader struct {
	dec      jsonpos.Decoder
	builder  policy.Builder
	d        *jsonpos.Decoder
	opt      Options
	b        *policy.Builder
	policies int
	// The lists of the scenario, kept for the next one.
	strs      []string // the values of every context key
	named     slab.Slab[authz.Named]
	orgLevels slab.Slab[authz.Level]
}

// reset readies the reader for src, keeping the memory of the last
// scenario.
func (r *reader) reset(src string, opt Options) {
	if r.d == nil {
		r.d, r.b = &r.dec, &r.builder
		r.builder.Init()
		r.named.First, r.orgLevels.First = 8, 4
	} else {
		r.builder.Reset()
		r.named.Reset()
		r.orgLevels.Reset()
	}
	r.dec.Reset(src)
	r.opt, r.policies = opt, 0
	r.strs = r.strs[:0]
}

// wrap turns a decoder or policy error into a scenario error.
func (r *reader) wrap(err error) error {
	switch e := err.(type) {
	case *Error:
		return e
	case *jsonpos.Error:
		return r.errIn(int32(e.Off), -1, "json.syntax", e.Msg)
	case *policy.Error:
		return r.errIn(int32(e.Off), -1, e.Code, e.Msg)
	}
	return err
}

// want checks the kind of the next value.
func (r *reader) want(k jsonpos.Kind) (int32, error) {
	got, off := r.d.Peek()
	if got == k {
		return off, nil
	}
	if got != jsonpos.Object && got != jsonpos.Array {
		// Read the scalar first: "nonsense" is a syntax error, not a null.
		if _, _, err := r.d.Scalar(); err != nil {
			return off, err
		}
	}
	return off, r.errAt(off, "scenario.type", "must be "+k.Article()+", not "+got.Article())
}

// object reads the opening brace of an object.
func (r *reader) object() (int32, error) {
	if off, ok := r.d.EnterIf(jsonpos.Object); ok {
		return off, nil
	}
	off, err := r.want(jsonpos.Object)
	if err != nil {
		return off, err
	}
	return off, r.d.Enter(jsonpos.Object)
}

func (r *reader) str() (string, int32, error) {
	if s, off, ok := r.d.PlainStr(); ok {
		return s, off, nil
	}
	off, err := r.want(jsonpos.String)
	if err != nil {
		return "", off, err
	}
	s, _, err := r.d.Str()
	return s, off, err
}

// fields reads an object whose known keys are listed; unknown keys are
// skipped (a scenario may carry notes of its own), known ones may appear once.
func (r *reader) fields(known func(key string) int, fn func(i int, keyOff int32) error) error {
	if _, err := r.object(); err != nil {
		return err
	}
	var set uint32
	for {
		key, keyOff, ok, err := r.d.Member()
		if err != nil || !ok {
			return err
		}
		switch i := known(key); {
		case i < 0:
			err = r.d.Skip()
		case set&(1<<i) != 0:
			err = r.errAt(keyOff, "json.duplicateKey", "duplicate key "+strconv.Quote(key))
		default:
			set |= 1 << i
			err = fn(i, keyOff)
		}
		if err != nil {
			return err
		}
	}
}

// scenarioKey numbers the keys of a scenario, -1 for others. Each object
// read by fields has such a switch: comparisons with constant strings are
// compiled inline, a list would call the runtime for each.
func scenarioKey(k string) int {
	switch k {
	case "request":
		return 0
	case "identityPolicies":
		return 1
	case "permissionsBoundary":
		return 2
	case "sessionPolicy":
		return 3
	case "resourcePolicy":
		return 4
	case "serviceControlPolicies":
		return 5
	case "resourceControlPolicies":
		return 6
	case "expected":
		return 7
	case "why":
		return 8
	case "expectedBy":
		return 9
	}
	return -1
}

func (r *reader) scenario(s *Scenario) error {
	in := &s.Input
	_, top := r.d.Peek()
	hasRequest := false
	err := r.fields(scenarioKey, func(i int, _ int32) error {
		var err error
		switch i {
		case 0:
			hasRequest = true
			err = r.request(&in.Request)
		case 1:
			in.Identity, err = r.policyList(policy.Identity)
		case 2:
			in.Boundary, err = r.optionalPolicy(policy.Boundary)
		case 3:
			in.Session, err = r.optionalPolicy(policy.Session)
		case 4:
			in.Resource, err = r.optionalPolicy(policy.Resource)
		case 5:
			in.SCPs, err = r.levels(policy.SCP)
		case 6:
			in.RCPs, err = r.levels(policy.RCP)
		case 7:
			err = r.expected(s)
		case 8:
			s.Why, _, err = r.str()
		case 9:
			err = r.expectedBy(s)
		}
		return err
	})
	if err != nil {
		return err
	}
	if !hasRequest {
		return r.errAt(top, "scenario.missing", "the scenario has no \"request\"")
	}
	return nil
}

func (r *reader) expected(s *Scenario) error {
	v, off, err := r.str()
	if err != nil {
		return err
	}
	switch d := authz.Decision(v); d {
	case authz.Allowed, authz.ExplicitDeny, authz.ImplicitDeny:
		s.Expected = d
		return nil
	}
	return r.errAt(off, "scenario.expected", "must be \"allowed\", \"explicitDeny\" or \"implicitDeny\", not "+strconv.Quote(v))
}

var requestKeys = []string{"principal", "action", "resource", "resourceAccount", "context"}

func requestKey(k string) int {
	switch k {
	case "principal":
		return 0
	case "action":
		return 1
	case "resource":
		return 2
	case "resourceAccount":
		return 3
	case "context":
		return 4
	}
	return -1
}

func (r *reader) request(req *authz.Request) error {
	_, off := r.d.Peek()
	var have uint8
	err := r.fields(requestKey, func(i int, _ int32) error {
		have |= 1 << i
		if i == 4 {
			return r.context(&req.Context)
		}
		v, voff, err := r.str()
		if err != nil {
			return err
		}
		switch i {
		case 0:
			req.Principal = v
		case 1:
			req.Action = v
			return r.checkAction(v, voff)
		case 2:
			req.Resource = v
			if v == "" {
				return r.errAt(voff, "request.resource", "is empty: give the resource ARN, or \"*\" for an action that takes no resource")
			}
		case 3:
			req.ResourceAccount = v
			if !policy.IsAccountID(v) {
				return r.errAt(voff, "request.resourceAccount", "must be a 12-digit account ID")
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i, name := range requestKeys[:3] {
		if have&(1<<i) == 0 {
			return r.errAt(off, "scenario.missing", "has no \""+name+"\"")
		}
	}
	return nil
}

func (r *reader) checkAction(a string, off int32) error {
	svc, name, ok := strings.Cut(a, ":")
	switch {
	case !ok || svc == "" || name == "":
		return r.errAt(off, "request.action", strconv.Quote(a)+" is not an action: write \"service:Action\", such as \"s3:GetObject\"")
	case policy.HasWildcard(a):
		return r.errAt(off, "request.action", "a request names one action, not a pattern like "+strconv.Quote(a))
	}
	return nil
}

func (r *reader) context(ctx *authz.Context) error {
	off, err := r.object()
	if err != nil {
		return err
	}
	if ctx.Entries == nil {
		ctx.Entries = make([]authz.Entry, 0, 16)
	}
	var lens authz.KeyLengths
	for {
		key, keyOff, ok, err := r.d.Member()
		if err != nil || !ok {
			return err
		}
		if lens.Has(key) && ctx.Has(key) {
			return r.errAt(keyOff, "scenario.duplicateKey", "is given twice (condition key names are case-insensitive)")
		}
		if len(ctx.Entries) >= MaxContextKeys {
			return r.errAt(off, "scenario.limit", "more than "+strconv.Itoa(MaxContextKeys)+" keys")
		}
		vals, err := r.contextValues()
		if err != nil {
			return err
		}
		ctx.Entries = append(ctx.Entries, authz.Entry{Key: key, Values: vals})
		lens.Add(key)
	}
}

// contextValues reads a string or an array of strings. Numbers and booleans
// are taken as their text, as AWS sends every value as a string. The values
// of all keys share one backing slice.
func (r *reader) contextValues() ([]string, error) {
	if r.strs == nil {
		r.strs = make([]string, 0, 32)
	}
	start := len(r.strs)
	if k, _ := r.d.Peek(); k != jsonpos.Array {
		if err := r.contextValue(); err != nil {
			return nil, err
		}
		return r.strs[start:len(r.strs):len(r.strs)], nil
	}
	if err := r.d.Enter(jsonpos.Array); err != nil {
		return nil, err
	}
	for {
		more, err := r.d.Element()
		if err != nil {
			return nil, err
		}
		if !more {
			return r.strs[start:len(r.strs):len(r.strs)], nil
		}
		if err := r.contextValue(); err != nil {
			return nil, err
		}
	}
}

func (r *reader) contextValue() error {
	if s, _, ok := r.d.PlainStr(); ok {
		r.strs = append(r.strs, s)
		return nil
	}
	_, off := r.d.Peek()
	s, k, err := r.d.Scalar()
	if err != nil {
		return err
	}
	if k != jsonpos.String && k != jsonpos.Number && k != jsonpos.Bool {
		return r.errAt(off, "scenario.type", "values must be strings, not "+k.Article())
	}
	r.strs = append(r.strs, s)
	return nil
}
