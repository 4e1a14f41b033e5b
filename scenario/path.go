package scenario

import "strconv"

// maxPathSteps is the deepest field a scenario has:
// resourceControlPolicies[0].policies[0].document.Statement[0].
const maxPathSteps = 8

// path names a field of the scenario, such as identityPolicies[0].document.
// It is a plain value (no pointers, so it never makes the garbage collector
// work) and becomes text only for an error.
type path struct {
	steps [maxPathSteps]step
	n     int
}

type step struct {
	key   string
	index int // -1 when the step is a key
}

func root(key string) path {
	var p path
	return p.field(key)
}

func (p path) field(key string) path { return p.push(step{key: key, index: -1}) }

func (p path) at(i int) path { return p.push(step{index: i}) }

func (p path) push(s step) path {
	if p.n < maxPathSteps {
		p.steps[p.n] = s
		p.n++
	}
	return p
}

// noPath names no field: the error is about the file as a whole.
var noPath path

func (p path) String() string {
	var s string
	for _, st := range p.steps[:p.n] {
		switch {
		case st.index >= 0:
			s += "[" + strconv.Itoa(st.index) + "]"
		case s == "":
			s = st.key
		default:
			s += "." + st.key
		}
	}
	return s
}

var (
	reqPath = root("request")
	ctxPath = reqPath.field("context")
)

func stmtPath(at path, i int) path {
	return at.field("document").field("Statement").at(i)
}
