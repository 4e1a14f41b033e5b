package iamlab

import "strings"

// maxDiffLines bounds the line diff (its table is lines × lines).
const maxDiffLines = 400

// Changed returns the lines of cur (1-based) that are not in prev, when
// cur is a variation of prev: most of its lines that say something (a key
// and a value, not a lone bracket or the policy's Version) are prev's, in
// order. Lines compare without their indentation and trailing comma, so a
// line that only gained a comma is not a change. Otherwise it returns nil:
// the example is new, not a variation, and marking half of it would only
// hide what matters.
func Changed(prev, cur string) []int {
	a, b := diffLines(prev), diffLines(cur)
	if len(a) > maxDiffLines || len(b) > maxDiffLines || len(b) == 0 {
		return nil
	}
	// lcs[i][j] is the longest common subsequence of a[i:] and b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []int
	significant, kept := 0, 0
	for i, j := 0, 0; j < len(b); {
		switch {
		case i < len(a) && a[i] == b[j]:
			if says(b[j]) {
				kept++
			}
			i, j = i+1, j+1
			continue
		case i < len(a) && lcs[i+1][j] >= lcs[i][j+1]:
			i++
			continue
		}
		out = append(out, j+1)
		j++
	}
	for _, l := range b {
		if says(l) {
			significant++
		}
	}
	if len(out) == 0 || kept*10 < significant*minKept {
		return nil
	}
	return out
}

// minKept is how many tenths of cur's meaningful lines prev must share for
// cur to count as a variation of it.
const minKept = 7

// says reports whether a line carries content: a key with a value, or a
// value in a list, but not a bracket or the policy language's version.
func says(l string) bool {
	return strings.ContainsAny(l, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") &&
		!strings.HasPrefix(l, `"Version"`)
}

func diffLines(s string) []string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(strings.TrimSpace(l), ",")
	}
	return lines
}
