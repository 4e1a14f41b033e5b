// Package slab hands out runs of a shared slice, so that the many small
// lists of a scenario (actions, resources, condition values, policies) cost
// a few allocations instead of one each, and none once a parser is reused.
package slab

// Slab is a growing slice cut into runs. A run is appended and then cut off
// with its capacity capped, so later appends never write into it.
type Slab[T any] struct {
	buf []T
	// First is the size of the first chunk: small for large structs.
	First int
}

// Mark returns the start of the next run.
func (s *Slab[T]) Mark() int { return len(s.buf) }

// Add appends v to the current run. When the chunk is full the run moves to
// a bigger one; runs already cut off stay where they are.
func (s *Slab[T]) Add(v T) {
	if len(s.buf) == cap(s.buf) {
		s.buf = append(make([]T, 0, max(s.First, 2*cap(s.buf), 4)), s.buf...)
	}
	s.buf = append(s.buf, v)
}

// Last returns the element added last.
func (s *Slab[T]) Last() *T { return &s.buf[len(s.buf)-1] }

// Since returns the run added since mark m, or nil if it is empty.
func (s *Slab[T]) Since(m int) []T {
	if m == len(s.buf) {
		return nil
	}
	return s.buf[m:len(s.buf):len(s.buf)]
}

// Reset empties the slab but keeps its last chunk: the runs handed out
// before are overwritten by the next ones. (Until then they keep what they
// point to alive: one scenario's text, not worth the time to clear.)
func (s *Slab[T]) Reset() { s.buf = s.buf[:0] }
