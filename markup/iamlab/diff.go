package iamlab

import "strings"

// maxDiffLines bounds the line diff (its table is lines × lines).
const maxDiffLines = 400

// Changed returns the lines of cur (1-based) that are not in prev, when
// cur is a variation of prev: at least half of its lines are prev's, in
// order. Lines compare without their indentation and trailing comma, so a
// line that only gained a comma is not a change. Otherwise it returns nil:
// the example is new, not a variation.
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
	if common := lcs[0][0]; common*2 < len(b) || common == len(b) {
		return nil
	}
	var out []int
	for i, j := 0, 0; j < len(b); {
		switch {
		case i < len(a) && a[i] == b[j]:
			i, j = i+1, j+1
		case i < len(a) && lcs[i+1][j] >= lcs[i][j+1]:
			i++
		default:
			out = append(out, j+1)
			j++
		}
	}
	return out
}

func diffLines(s string) []string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(strings.TrimSpace(l), ",")
	}
	return lines
}
