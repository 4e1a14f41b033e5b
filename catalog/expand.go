package catalog

import (
	"errors"
	"slices"
	"strings"
)

// maxActionLen bounds the length of "prefix:Name" for every AWS action
// (the longest has 71 characters; a test checks the bound). A pattern
// that needs more literal characters than this cannot match anything.
const maxActionLen = 256

// Expand returns the actions that an IAM action pattern matches, sorted by
// service prefix and then by name. In a pattern '*' matches any run of
// characters and '?' exactly one, letters match regardless of case, and
// the service part may have wildcards too: "s3:Put*", "iam:*User*",
// "s?s:Send*", "*". A pattern that matches nothing gives no actions and no
// error. Expand loads every service whose prefix the pattern can match; the
// error is a failure to load one.
func (c *Catalog) Expand(pattern string) ([]*Action, error) {
	idx, err := c.index()
	if err != nil {
		return nil, err
	}
	splits := splitPattern(pattern)
	// "s3:Get*" names its service: go straight to it.
	if len(splits) == 1 && splits[0].service.isLiteral {
		return c.expandIn(splits[0].service.segs[0], splits[0].action)
	}
	var out []*Action
	for _, info := range idx.Services {
		active := splitsFor(splits, info.Prefix)
		if len(active) == 0 {
			continue
		}
		s, err := c.Service(info.Prefix)
		if err != nil {
			return nil, err
		}
		for _, a := range s.Actions {
			if matchesAny(active, a.Name) {
				out = append(out, a)
			}
		}
	}
	// Services and their actions are stored in order; sort only if a
	// hand-made catalog is not.
	if !slices.IsSortedFunc(out, compareActions) {
		slices.SortFunc(out, compareActions)
	}
	return out, nil
}

// expandIn expands a pattern whose service part has no wildcard: only
// that service needs to be looked at.
func (c *Catalog) expandIn(prefix string, action glob) ([]*Action, error) {
	s, err := c.Service(prefix)
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if action.isLiteral {
		if a, ok := s.actions[action.segs[0]]; ok {
			return []*Action{a}, nil
		}
		return nil, nil
	}
	var out []*Action
	for _, a := range s.Actions {
		if action.match(a.Name) {
			out = append(out, a)
		}
	}
	if !slices.IsSortedFunc(out, compareActions) {
		slices.SortFunc(out, compareActions)
	}
	return out, nil
}

// patternSplit is one way for a pattern to match "prefix:Name": the
// service part must match the prefix and the action part the name.
type patternSplit struct {
	service, action glob
}

// splitPattern lists the ways the colon of "prefix:Name" can line up with
// the pattern. A pattern with one literal colon has one way: the colon
// itself. A pattern with none must match the colon with a wildcard: with
// '?' (pattern[:i] matches the prefix, pattern[i+1:] the name) or with '*'
// (pattern[:i]+"*" and "*"+pattern[i+1:]), so there is a split for each
// wildcard. A pattern with more colons matches nothing.
func splitPattern(pattern string) []patternSplit {
	pattern = collapseStars(pattern)
	if len(pattern)-strings.Count(pattern, "*") > maxActionLen {
		return nil
	}
	switch strings.Count(pattern, ":") {
	case 0:
	case 1:
		service, action, _ := strings.Cut(pattern, ":")
		return []patternSplit{{compileGlob(service), compileGlob(action)}}
	default:
		return nil
	}
	var splits []patternSplit
	for i := 0; i < len(pattern); i++ {
		switch pattern[i] {
		case '?':
			splits = append(splits, patternSplit{compileGlob(pattern[:i]), compileGlob(pattern[i+1:])})
		case '*':
			splits = append(splits, patternSplit{compileGlob(pattern[:i+1]), compileGlob(pattern[i:])})
		}
	}
	return splits
}

// collapseStars replaces each run of '*' with one, which matches the same.
func collapseStars(s string) string {
	for strings.Contains(s, "**") {
		s = strings.ReplaceAll(s, "**", "*")
	}
	return s
}

// splitsFor returns the splits whose service part matches prefix.
func splitsFor(splits []patternSplit, prefix string) []patternSplit {
	var active []patternSplit
	for _, sp := range splits {
		if sp.service.match(prefix) {
			active = append(active, sp)
		}
	}
	return active
}

func matchesAny(splits []patternSplit, name string) bool {
	for i := range splits {
		if splits[i].action.match(name) {
			return true
		}
	}
	return false
}

// compareActions orders actions by prefix, then by name case-insensitively.
func compareActions(a, b *Action) int {
	if c := strings.Compare(a.Service, b.Service); c != 0 {
		return c
	}
	return compareFold(a.Name, b.Name)
}

// compareFold compares ASCII strings as if both were lower case, without
// allocating.
func compareFold(a, b string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if x, y := lowerByte(a[i]), lowerByte(b[i]); x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	return len(a) - len(b)
}
