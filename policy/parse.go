package policy

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/iamlab/iamlab/internal/jsonpos"
	"github.com/iamlab/iamlab/internal/slab"
)

// MaxPolicyBytes is the largest policy text accepted (AWS's largest policy
// type, an S3 bucket policy, is 20 KB; this leaves room for layout).
const MaxPolicyBytes = 1 << 20

// Parse parses a policy written as JSON text.
func Parse(src string) (*Policy, error) {
	return NewBuilder().Parse(src)
}

// NewBuilder returns a Builder whose first allocations fit a typical scenario.
func NewBuilder() *Builder {
	b := new(Builder)
	b.Init()
	return b
}

// Init readies a Builder that lives inside another value.
func (b *Builder) Init() {
	*b = Builder{
		vals:   slab.Slab[Value]{First: 48},
		strs:   slab.Slab[string]{First: 16},
		stmts:  slab.Slab[Statement]{First: 12},
		conds:  slab.Slab[Condition]{First: 8},
		prins:  slab.Slab[Principal]{First: 4},
		policy: slab.Slab[Policy]{First: 6},
	}
}

// Reset readies a Builder for the next scenario, keeping its memory: the
// policies it parsed before are overwritten by the next ones.
func (b *Builder) Reset() {
	b.vals.Reset()
	b.strs.Reset()
	b.stmts.Reset()
	b.conds.Reset()
	b.prins.Reset()
	b.policy.Reset()
}

// Builder parses policies. One Builder shares its allocations across the
// policies it parses, which is how a scenario reads all of its policies.
type Builder struct {
	d      *jsonpos.Decoder
	vals   slab.Slab[Value]
	strs   slab.Slab[string]
	stmts  slab.Slab[Statement]
	conds  slab.Slab[Condition]
	prins  slab.Slab[Principal]
	policy slab.Slab[Policy]
	keys   map[string]struct{} // the keys of a large condition block (see seenKey)
}

// Parse parses a policy written as JSON text.
func (b *Builder) Parse(src string) (*Policy, error) {
	if len(src) > MaxPolicyBytes {
		return nil, newError(src, 0, "policy.size", "policy text larger than "+strconv.Itoa(MaxPolicyBytes)+" bytes")
	}
	d := jsonpos.NewDecoder(src)
	if off, bad := d.InvalidUTF8(); bad {
		return nil, newError(src, int32(off), "json.utf8", "the policy is not valid UTF-8")
	}
	p, err := b.Decode(d)
	if err != nil {
		return nil, err
	}
	if err := d.End(); err != nil {
		return nil, b.syntax(err)
	}
	return p, nil
}

// Decode reads the policy object at the decoder's position. Offsets are
// offsets of the decoder's text, which must be valid UTF-8 (Parse and
// scenario.Parse check it): a byte 0xff would read as the mark that makes
// a substituted variable's wildcard literal.
func (b *Builder) Decode(d *jsonpos.Decoder) (*Policy, error) {
	b.d = d
	_, off := d.Peek()
	b.policy.Add(Policy{Src: d.Src(), Off: off})
	p := b.policy.Last()
	if err := b.readPolicy(p); err != nil {
		return nil, b.syntax(err)
	}
	return p, nil
}

// syntax turns a decoder error into a policy error.
func (b *Builder) syntax(err error) error {
	if e, ok := err.(*jsonpos.Error); ok {
		return newError(b.d.Src(), int32(e.Off), "json.syntax", e.Msg)
	}
	return err
}

func (b *Builder) errAt(off int32, code, msg string) error {
	return newError(b.d.Src(), off, code, msg)
}

// expect checks the kind of the next value.
func (b *Builder) expect(k jsonpos.Kind, what, want string) (int32, error) {
	got, off := b.d.Peek()
	if got != k {
		return off, b.typeErr(got, off, what, want)
	}
	return off, nil
}

// str reads the string value of an element and its offset.
func (b *Builder) str(what string) (string, int32, error) {
	if v, off, ok := b.d.PlainStr(); ok {
		return v, off, nil
	}
	off, err := b.expect(jsonpos.String, what, "a string")
	if err != nil {
		return "", off, err
	}
	v, _, err := b.d.Str()
	return v, off, err
}

func (b *Builder) typeErr(got jsonpos.Kind, off int32, what, want string) error {
	if got != jsonpos.Object && got != jsonpos.Array {
		// Read the scalar first: "nonsense" is a syntax error, not a null.
		if _, _, err := b.d.Scalar(); err != nil {
			return err
		}
	}
	return b.errAt(off, "json.type", what+" must be "+want+", not "+got.Article())
}

// seen records a key of an object with fixed keys, rejecting duplicates.
func (b *Builder) seen(set *uint16, bit int, key string, keyOff int32, where string) error {
	if *set&(1<<bit) != 0 {
		return b.errAt(keyOff, "json.duplicateKey", "duplicate key "+strconv.Quote(key)+" in "+where)
	}
	*set |= 1 << bit
	return nil
}

var (
	topKeys  = []string{"Version", "Id", "Statement"}
	stmtKeys = []string{"Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"}
)

// stmtKey returns the index of a statement element in stmtKeys, or -1. A
// switch compiles to a few comparisons; this runs for every element read.
func stmtKey(k string) int {
	switch k {
	case "Sid":
		return 0
	case "Effect":
		return 1
	case "Principal":
		return 2
	case "NotPrincipal":
		return 3
	case "Action":
		return 4
	case "NotAction":
		return 5
	case "Resource":
		return 6
	case "NotResource":
		return 7
	case "Condition":
		return 8
	}
	return -1
}

// topKey and principalKey number the elements of a policy and of a
// principal, -1 for others (a switch compares inline, see stmtKey).
func topKey(k string) int {
	switch k {
	case "Version":
		return topVersion
	case "Id":
		return topID
	case "Statement":
		return topStatement
	}
	return -1
}

// The elements of a policy, as topKey numbers them (their order in topKeys).
const (
	topVersion = iota
	topID
	topStatement
)

func principalKey(k string) int {
	switch k {
	case "AWS":
		return 0
	case "Service":
		return 1
	case "Federated":
		return 2
	case "CanonicalUser":
		return 3
	}
	return -1
}

// object reads the opening brace of the object that what must be.
func (b *Builder) object(what string) (int32, error) {
	if off, ok := b.d.EnterIf(jsonpos.Object); ok {
		return off, nil
	}
	off, err := b.expect(jsonpos.Object, what, "an object")
	if err != nil {
		return off, err
	}
	return off, b.d.Enter(jsonpos.Object)
}

func (b *Builder) readPolicy(p *Policy) error {
	if _, err := b.object("a policy"); err != nil {
		return err
	}
	var set uint16
	for {
		key, keyOff, ok, err := b.d.Member()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		i := topKey(key)
		if i < 0 {
			return b.unknownKey(key, keyOff, "policy", "Version, Id or Statement", topKeys)
		}
		if err := b.seen(&set, i, key, keyOff, "a policy"); err != nil {
			return err
		}
		switch i {
		case topVersion:
			err = b.version(p)
		case topID:
			p.ID, _, err = b.str("Id")
		case topStatement:
			err = b.statements(p)
		}
		if err != nil {
			return err
		}
	}
	if set&(1<<topStatement) == 0 {
		return b.errAt(p.Off, "policy.noStatement", "the policy has no Statement")
	}
	return nil
}

func (b *Builder) version(p *Policy) error {
	v, off, err := b.str("Version")
	if err != nil {
		return err
	}
	if v != Version2012 && v != Version2008 {
		return b.errAt(off, "policy.version", "unknown Version "+strconv.Quote(v)+": use \"2012-10-17\"")
	}
	p.Version, p.VersionOff = v, off
	return nil
}

func (b *Builder) statements(p *Policy) error {
	k, off := b.d.Peek()
	p.StatementOff = off
	m := b.stmts.Mark()
	switch k {
	case jsonpos.Object:
		if err := b.statement(); err != nil {
			return err
		}
	case jsonpos.Array:
		if err := b.d.Enter(jsonpos.Array); err != nil {
			return err
		}
		for {
			more, err := b.d.Element()
			if err != nil {
				return err
			}
			if !more {
				break
			}
			if err := b.statement(); err != nil {
				return err
			}
		}
	default:
		return b.typeErr(k, off, "Statement", "an object or an array of objects")
	}
	p.Statements = b.stmts.Since(m)
	return nil
}

// unknownKey reports a key that is not an element here, suggesting the
// element it most likely means (a case slip such as "action").
func (b *Builder) unknownKey(key string, keyOff int32, where, want string, known []string) error {
	for _, k := range known {
		if strings.EqualFold(k, key) {
			return b.errAt(keyOff, "policy.unknownElement", "unknown element "+strconv.Quote(key)+" in a "+where+": element names are case-sensitive, write "+strconv.Quote(k))
		}
	}
	return b.errAt(keyOff, "policy.unknownElement", "unknown element "+strconv.Quote(key)+" in a "+where+": expected "+want)
}

// statement reads one statement. It stays a call of its own (noinline) so
// that statements stays small enough for the compiler to inline the
// decoder's Member here, in the loop over every element (measured: 1% of
// the instructions per scenario).
//
//go:noinline
func (b *Builder) statement() error {
	off, err := b.object("a statement")
	if err != nil {
		return err
	}
	// Filled in place: a statement is large. On an error it stays in the
	// slab, where nothing reads it (the parse fails).
	b.stmts.Add(Statement{Off: off})
	s := b.stmts.Last()
	var set uint16
	for {
		key, keyOff, ok, err := b.d.Member()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		i := stmtKey(key)
		if i < 0 {
			return b.unknownKey(key, keyOff, "statement", "one of "+strings.Join(stmtKeys, ", "), stmtKeys)
		}
		// Action/NotAction, Resource/NotResource and Principal/NotPrincipal
		// share a bit: a statement has one of each pair.
		bit := uint16(1) << pairOf[i]
		if set&bit != 0 {
			return b.seenTwice(i, key, keyOff)
		}
		set |= bit
		if err := b.element(s, i, key); err != nil {
			return err
		}
	}
	if s.Effect == 0 {
		return b.errAt(off, "statement.noEffect", "the statement has no Effect: add \"Effect\": \"Allow\" or \"Deny\"")
	}
	if s.Actions == nil {
		return b.errAt(off, "statement.noAction", "the statement has no Action or NotAction")
	}
	return nil
}

// pairOf maps an element to the bit it shares with its Not twin.
var pairOf = [...]int{0, 1, 2, 2, 3, 3, 4, 4, 5}

// pairNames names the pairs by their bits; "" for an element with no twin.
var pairNames = [pairs]string{2: "Principal or NotPrincipal", 3: "Action or NotAction", 4: "Resource or NotResource"}

// pairs is the number of bits of pairOf.
const pairs = 6

// seenTwice reports an element given twice, or with its Not twin.
func (b *Builder) seenTwice(i int, key string, keyOff int32) error {
	if name := pairNames[pairOf[i]]; name != "" {
		return b.errAt(keyOff, "statement.pair", "a statement has either "+name+", not both (or the same one twice)")
	}
	return b.errAt(keyOff, "json.duplicateKey", "duplicate key "+strconv.Quote(key)+" in a statement")
}

func (b *Builder) element(s *Statement, i int, key string) error {
	var err error
	switch i {
	case 0:
		s.Sid, s.SidOff, err = b.str("Sid")
	case 1:
		err = b.effect(s)
	case 2, 3:
		s.NotPrincipal = i == 3
		s.Principal, err = b.principal(key)
	case 4, 5:
		s.NotAction = i == 5
		_, s.ActionOff = b.d.Peek()
		s.Actions, err = b.actions(key)
	case 6, 7:
		s.HasResource, s.NotResource = true, i == 7
		_, s.ResourceOff = b.d.Peek()
		s.Resources, err = b.strings(key)
	default:
		_, s.ConditionOff = b.d.Peek()
		s.Conditions, err = b.conditions()
	}
	return err
}

func (b *Builder) effect(s *Statement) error {
	v, off, err := b.str("Effect")
	if err != nil {
		return err
	}
	switch v {
	case "Allow":
		s.Effect = Allow
	case "Deny":
		s.Effect = Deny
	default:
		msg := "Effect must be \"Allow\" or \"Deny\", not " + strconv.Quote(v)
		if strings.EqualFold(v, "allow") || strings.EqualFold(v, "deny") {
			msg += " (the value is case-sensitive)"
		}
		return b.errAt(off, "statement.effect", msg)
	}
	return nil
}

// strings reads a string or a non-empty array of strings.
func (b *Builder) strings(what string) ([]Value, error) {
	m := b.vals.Mark()
	if v, off, ok := b.d.PlainStr(); ok {
		b.vals.Add(Value{S: v, Off: off})
		return b.vals.Since(m), nil
	}
	k, off := b.d.Peek()
	switch k {
	case jsonpos.String:
		v, _, err := b.d.Str()
		if err != nil {
			return nil, err
		}
		b.vals.Add(Value{S: v, Off: off})
	case jsonpos.Array:
		if err := b.d.Enter(jsonpos.Array); err != nil {
			return nil, err
		}
		for {
			more, err := b.d.Element()
			if err != nil {
				return nil, err
			}
			if !more {
				break
			}
			if v, off, ok := b.d.PlainStr(); ok {
				b.vals.Add(Value{S: v, Off: off})
				continue
			}
			k, off := b.d.Peek()
			if k != jsonpos.String {
				return nil, b.typeErr(k, off, "each entry of "+what, "a string")
			}
			v, _, err := b.d.Str()
			if err != nil {
				return nil, err
			}
			b.vals.Add(Value{S: v, Off: off})
		}
		if b.vals.Mark() == m {
			return nil, b.errAt(off, "statement.emptyList", what+" must not be an empty array")
		}
	default:
		return nil, b.typeErr(k, off, what, "a string or an array of strings")
	}
	return b.vals.Since(m), nil
}

func (b *Builder) actions(key string) ([]Value, error) {
	vs, err := b.strings(key)
	if err != nil {
		return nil, err
	}
	for _, v := range vs {
		if msg := checkAction(v.S); msg != "" {
			return nil, b.errAt(v.Off, "action.syntax", msg)
		}
	}
	return vs, nil
}

// checkAction returns why AWS would reject an action pattern, or "". Valid
// patterns pass in one pass over their bytes; the others get their message
// from actionError.
func checkAction(a string) string {
	i := 0
	for i < len(a) && actionChar[a[i]]&inService != 0 {
		i++
	}
	if i > 0 && i < len(a)-1 && a[i] == ':' {
		j := i + 1
		for j < len(a) && actionChar[a[j]]&inName != 0 {
			j++
		}
		if j == len(a) {
			return ""
		}
	}
	return actionError(a)
}

func actionError(a string) string {
	if a == "*" {
		return ""
	}
	colon := strings.IndexByte(a, ':')
	if colon < 0 {
		return "action " + strconv.Quote(a) + " has no service prefix: write it as \"service:Action\", such as \"s3:GetObject\""
	}
	svc, name := a[:colon], a[colon+1:]
	if svc == "" {
		return "action " + strconv.Quote(a) + " has an empty service prefix"
	}
	if name == "" {
		return "action " + strconv.Quote(a) + " has no action name after the colon: write \"" + svc + ":*\" for every action"
	}
	for _, r := range svc {
		switch {
		case r == '*' || r == '?':
			return "action " + strconv.Quote(a) + " has a wildcard in its service prefix, which AWS rejects (\"Action vendors must not contain wildcards\"): wildcards go in the action name only, such as \"s3:Get*\""
		case r >= utf8.RuneSelf || actionChar[r]&inService == 0:
			return "action " + strconv.Quote(a) + " has an invalid character " + strconv.QuoteRune(r) + " in its service prefix"
		}
	}
	for _, r := range name {
		if r >= utf8.RuneSelf || actionChar[r]&inName == 0 {
			return "action " + strconv.Quote(a) + " has an invalid character " + strconv.QuoteRune(r) + " in its name"
		}
	}
	return ""
}

// actionChar says where a byte may stand in an action pattern: letters,
// digits and - anywhere; _ and the wildcards only in the name.
var actionChar = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		if isAlnum(byte(c)) || c == '-' {
			t[c] = inService | inName
		}
	}
	t['_'], t['*'], t['?'] = inName, inName, inName
	return t
}()

const (
	inService = 1 << iota
	inName
)

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

var principalKeys = []string{"AWS", "Service", "Federated", "CanonicalUser"}

func (b *Builder) principal(key string) (*Principal, error) {
	k, off := b.d.Peek()
	b.prins.Add(Principal{Off: off})
	p := b.prins.Last()
	switch k {
	case jsonpos.String:
		v, _, err := b.d.Str()
		if err != nil {
			return nil, err
		}
		if v != "*" {
			return nil, b.errAt(off, "principal.syntax", key+" must be \"*\" or an object such as {\"AWS\": \"arn:aws:iam::111122223333:root\"}")
		}
		p.Any = true
		return p, nil
	case jsonpos.Object:
	default:
		return nil, b.typeErr(k, off, key, "\"*\" or an object")
	}
	var set uint16
	err := b.d.Object(func(name string, nameOff int32) error {
		i := principalKey(name)
		if i < 0 {
			return b.unknownKey(name, nameOff, "principal", "AWS, Service, Federated or CanonicalUser", principalKeys)
		}
		if err := b.seen(&set, i, name, nameOff, key); err != nil {
			return err
		}
		vs, err := b.strings(name)
		if err != nil {
			return err
		}
		switch i {
		case 0:
			p.AWS = vs
		case 1:
			p.Service = vs
		case 2:
			p.Federated = vs
		default:
			p.CanonicalUser = vs
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if set == 0 {
		return nil, b.errAt(off, "principal.empty", key+" must name at least one principal")
	}
	return p, nil
}

func (b *Builder) conditions() ([]Condition, error) {
	if _, err := b.object("Condition"); err != nil {
		return nil, err
	}
	m := b.conds.Mark()
	for {
		opName, opOff, ok, err := b.d.Member()
		if err != nil {
			return nil, err
		}
		if !ok {
			return b.conds.Since(m), nil
		}
		o, msg := ParseOperator(opName)
		if msg != "" {
			return nil, b.errAt(opOff, "condition.operator", msg)
		}
		for _, c := range b.conds.Since(m) {
			if c.Op.Name == opName {
				return nil, b.errAt(opOff, "json.duplicateKey", "duplicate operator "+strconv.Quote(opName)+" in Condition: put all its keys in one block")
			}
		}
		if err := b.operatorBlock(o, opOff); err != nil {
			return nil, err
		}
	}
}

func (b *Builder) operatorBlock(o Operator, opOff int32) error {
	k, off := b.d.Peek()
	if k != jsonpos.Object {
		return b.typeErr(k, off, "the "+o.Name+" block", "an object")
	}
	first := b.conds.Mark()
	if err := b.d.Enter(jsonpos.Object); err != nil {
		return err
	}
	for {
		key, keyOff, ok, err := b.d.Member()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		if b.seenKey(first, key) {
			return b.errAt(keyOff, "json.duplicateKey", "duplicate key "+strconv.Quote(key)+" in the "+o.Name+" block")
		}
		if err := b.condition(o, opOff, key, keyOff); err != nil {
			return err
		}
	}
	if b.conds.Mark() == first {
		return b.errAt(off, "condition.empty", "the "+o.Name+" block names no condition key")
	}
	return nil
}

// largeBlock is the number of keys from which a condition block looks for
// a duplicate key in a set rather than among the keys read so far: a block
// of thousands of keys stays linear.
const largeBlock = 16

// seenKey reports whether the condition block whose conditions start at
// first already has key.
func (b *Builder) seenKey(first int, key string) bool {
	read := b.conds.Since(first)
	if len(read) < largeBlock {
		for _, c := range read {
			if c.Key == key {
				return true
			}
		}
		return false
	}
	if len(read) == largeBlock {
		if b.keys == nil {
			b.keys = make(map[string]struct{})
		}
		clear(b.keys)
		for _, c := range read {
			b.keys[c.Key] = struct{}{}
		}
	}
	if _, dup := b.keys[key]; dup {
		return true
	}
	b.keys[key] = struct{}{}
	return false
}

// conditionValues reads a condition's value or array of values.
func (b *Builder) conditionValues() error {
	if k, _ := b.d.Peek(); k != jsonpos.Array {
		return b.conditionValue()
	}
	if err := b.d.Enter(jsonpos.Array); err != nil {
		return err
	}
	for {
		more, err := b.d.Element()
		if err != nil || !more {
			return err
		}
		if err := b.conditionValue(); err != nil {
			return err
		}
	}
}

func (b *Builder) conditionValue() error {
	if s, off, ok := b.d.PlainStr(); ok {
		b.vals.Add(Value{S: s, Off: off})
		b.strs.Add(s)
		return nil
	}
	_, off := b.d.Peek()
	s, k, err := b.d.Scalar()
	if err != nil {
		return err
	}
	if k == jsonpos.Null || k == jsonpos.Object || k == jsonpos.Array {
		return b.errAt(off, "json.type", "a condition value must be a string, number or boolean (or an array of them), not "+k.Article())
	}
	// AWS accepts numbers and booleans and compares their text.
	b.vals.Add(Value{S: s, Off: off})
	b.strs.Add(s)
	return nil
}

func (b *Builder) condition(o Operator, opOff int32, key string, keyOff int32) error {
	_, off := b.d.Peek()
	c := Condition{Op: o, Key: key, OpOff: opOff, KeyOff: keyOff, Off: off}
	if key == "" {
		return b.errAt(keyOff, "condition.key", "empty condition key")
	}
	vm, sm := b.vals.Mark(), b.strs.Mark()
	if err := b.conditionValues(); err != nil {
		return err
	}
	c.Values, c.strs = b.vals.Since(vm), b.strs.Since(sm)
	if o.Base == OpNull {
		for _, v := range c.Values {
			if v.S != "true" && v.S != "false" {
				return b.errAt(v.Off, "condition.nullValue", "Null takes \"true\" (the key is absent) or \"false\" (the key is present), not "+strconv.Quote(v.S))
			}
		}
	}
	b.conds.Add(c)
	return nil
}
