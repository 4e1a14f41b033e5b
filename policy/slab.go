package policy

// slab hands out runs of a shared slice, so that the many small lists of a
// policy (actions, resources, condition values) cost a few allocations per
// scenario instead of one each. A run is appended and then cut off with its
// capacity capped, so later appends never write into it.
type slab[T any] struct {
	buf []T
	// first is the size of the first chunk: small for large structs.
	first int
}

func (s *slab[T]) mark() int { return len(s.buf) }

func (s *slab[T]) add(v T) {
	if len(s.buf) == cap(s.buf) {
		s.buf = append(make([]T, 0, max(s.first, 2*cap(s.buf), 4)), s.buf...)
	}
	s.buf = append(s.buf, v)
}

// since returns the run added since mark m.
func (s *slab[T]) since(m int) []T {
	if m == len(s.buf) {
		return nil
	}
	return s.buf[m:len(s.buf):len(s.buf)]
}
