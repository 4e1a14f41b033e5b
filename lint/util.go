package lint

import (
	"slices"
	"strings"

	"github.com/iamlab/iamlab/policy"
)

// cutService splits "svc:Name" at its first colon.
func cutService(a string) (svc, name string, ok bool) {
	return strings.Cut(a, ":")
}

func hasWildcard(s string) bool { return strings.ContainsAny(s, "*?") }

// lower lowers ASCII letters.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'A' && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// matchesAnyAction reports whether the action pattern matches one of the
// actions.
func matchesAnyAction(pattern string, actions []string) bool {
	for _, a := range actions {
		if policy.MatchAction(pattern, a) {
			return true
		}
	}
	return false
}

// covers reports whether every string that pattern q matches is also
// matched by pattern p, for the cases that can be decided by matching q's
// text against p: p has no '?' (which could stand against a '*' of q).
func covers(p, q string, fold bool) bool {
	if strings.IndexByte(p, '?') >= 0 {
		return p == q || fold && strings.EqualFold(p, q)
	}
	return policy.Match(p, q, fold)
}

// editDistance is the Levenshtein distance between a and b, compared
// without regard to ASCII case, giving up (returning max+1) once it is
// certain to exceed max.
func editDistance(a, b string, max int) int {
	a, b = lower(a), lower(b)
	if d := len(a) - len(b); d > max || -d > max {
		return max + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > max {
			return max + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// closest returns the candidate nearest to s by edit distance, if it is
// near enough to be a likely slip: at most a third of the word, and at
// most 3 edits. A candidate that contains s or that s contains, ignoring
// case, wins ties.
func closest(s string, candidates []string) string {
	limit := min(3, max(1, len(s)/3))
	best, bestD := "", limit+1
	for _, c := range candidates {
		d := editDistance(s, c, limit)
		if d < bestD {
			best, bestD = c, d
		}
	}
	if best == "" {
		ls := lower(s)
		for _, c := range candidates {
			lc := lower(c)
			if len(ls) >= 4 && (strings.HasPrefix(lc, ls) || strings.HasPrefix(ls, lc) && len(lc) >= 4) {
				return c
			}
		}
	}
	return best
}

// hinted is the form of a message that names the nearest candidate
// ("hint") when there is one, else the main form.
func hinted(hint string) string {
	if hint == "" {
		return ""
	}
	return "hint"
}

// isDigits reports whether s is n decimal digits.
func isDigits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

func sortStrings(s []string) { slices.Sort(s) }
