package scenario

import "strconv"

// path names a field of the scenario, such as identityPolicies[0].document.
// It is built as a chain on the stack and turned into text only for an error,
// so that reading a valid scenario spends nothing on names.
type path struct {
	parent *path
	key    string
	index  int // -1 when the step is a key
}

func root(key string) path { return path{key: key, index: -1} }

// noPath names no field: the error is about the file as a whole.
var noPath = path{index: -1}

func (p *path) field(key string) path { return path{parent: p, key: key, index: -1} }

func (p *path) at(i int) path { return path{parent: p, index: i} }

func (p path) String() string {
	var s string
	if p.parent != nil {
		s = p.parent.String()
	}
	if p.index >= 0 {
		return s + "[" + strconv.Itoa(p.index) + "]"
	}
	if s == "" {
		return p.key
	}
	return s + "." + p.key
}

var (
	reqPath = root("request")
	ctxPath = reqPath.field("context")
)

func stmtPath(at path, i int) path {
	d := at.field("document")
	st := d.field("Statement")
	return path{key: st.at(i).String(), index: -1}
}
