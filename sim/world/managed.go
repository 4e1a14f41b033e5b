package world

import "strings"

// AWSManagedPrefix starts the ARN of every AWS managed policy.
const AWSManagedPrefix = "arn:aws:iam::aws:policy/"

// ManagedDoc returns the document of a managed policy: a customer managed
// policy of the world, or an AWS managed policy of the catalog (parsed at
// its first use, then shared).
func (w *World) ManagedDoc(tx *Tx, arn string) (*Doc, bool) {
	if !strings.HasPrefix(arn, AWSManagedPrefix) {
		p, ok := Policies.Get(tx, arn)
		if !ok {
			return nil, false
		}
		return p.Doc, true
	}
	if d, ok := w.awsDocs.Load(arn); ok {
		return d.(*Doc), true
	}
	if w.managed == nil {
		return nil, false
	}
	text, ok := w.managed(arn)
	if !ok {
		return nil, false
	}
	d, err := ParseDoc(text)
	if err != nil {
		return nil, false // the catalog's documents parse: a test of the catalog checks it
	}
	actual, _ := w.awsDocs.LoadOrStore(arn, d)
	return actual.(*Doc), true
}

func (w *World) policyExists(tx *Tx, arn string) bool {
	_, ok := w.ManagedDoc(tx, arn)
	return ok
}
