package slab

import "testing"

func TestRuns(t *testing.T) {
	s := Slab[int]{First: 2}
	m := s.Mark()
	for i := range 5 {
		s.Add(i)
	}
	a := s.Since(m)
	m = s.Mark()
	s.Add(10)
	s.Add(11)
	b := s.Since(m)
	if len(a) != 5 || a[4] != 4 || len(b) != 2 || b[0] != 10 || *s.Last() != 11 {
		t.Fatalf("a=%v b=%v", a, b)
	}
	if s.Since(s.Mark()) != nil {
		t.Error("an empty run is not nil")
	}
	// A cut-off run has no room left: appending to it copies.
	a = append(a, 99)
	if b[0] != 10 {
		t.Error("appending to a run wrote into the next one")
	}
}

func TestReset(t *testing.T) {
	s := Slab[string]{First: 4}
	for range 10 {
		s.Add("x")
	}
	c := cap(s.buf)
	s.Reset()
	if s.Mark() != 0 || cap(s.buf) != c {
		t.Fatalf("after Reset: len %d cap %d, want 0 and %d", s.Mark(), cap(s.buf), c)
	}
	s.Add("y")
	if got := s.Since(0); len(got) != 1 || got[0] != "y" {
		t.Fatalf("run after Reset = %v", got)
	}
}
