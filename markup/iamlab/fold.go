package iamlab

import (
	"encoding/json"
	"strings"
)

// Fold finds the request's context entries that no policy of the scenario
// mentions (the times and source addresses that examples carry so that they
// give the same answer whenever they run): the page folds their lines, so
// the reader sees what decides the example. Ranges are 1-based line
// numbers, first and last, of consecutive such entries; keys are their
// names. A context written on one line is not folded.
func Fold(src string) (ranges [][2]int, keys []string) {
	ctx, ok := contextEntries(src)
	if !ok {
		return nil, nil
	}
	outside := strings.ToLower(src[:ctx.start] + src[ctx.end:])
	for _, e := range ctx.entries {
		if strings.Contains(outside, strings.ToLower(e.key)) || e.first == ctx.line {
			continue
		}
		keys = append(keys, e.key)
		if n := len(ranges); n > 0 && ranges[n-1][1]+1 == e.first {
			ranges[n-1][1] = e.last
			continue
		}
		ranges = append(ranges, [2]int{e.first, e.last})
	}
	return ranges, keys
}

type entry struct {
	key         string
	first, last int // lines
}

type contextObject struct {
	start, end int // byte span of the object, braces included
	line       int // line of its opening brace
	entries    []entry
}

// contextEntries reads request.context of a scenario with the lines of
// each entry.
func contextEntries(src string) (contextObject, bool) {
	d := json.NewDecoder(strings.NewReader(src))
	lineAt := func(off int64) int { return 1 + strings.Count(src[:min(int(off), len(src))], "\n") }
	var obj contextObject
	found := false
	var walk func(path string) error
	walk = func(path string) error {
		t, err := d.Token()
		if err != nil {
			return err
		}
		delim, isDelim := t.(json.Delim)
		if !isDelim || delim == '[' {
			if isDelim {
				for d.More() {
					if err := walk(""); err != nil {
						return err
					}
				}
				_, err = d.Token()
			}
			return err
		}
		if delim != '{' {
			return nil
		}
		inContext := path == "request.context"
		if inContext {
			obj.start = int(d.InputOffset()) - 1
			obj.line = lineAt(d.InputOffset())
		}
		for d.More() {
			k, err := d.Token()
			if err != nil {
				return err
			}
			key, _ := k.(string)
			first := lineAt(d.InputOffset())
			sub := ""
			if path == "" && key == "request" {
				sub = "request"
			} else if path == "request" && key == "context" {
				sub = "request.context"
			}
			if err := walk(sub); err != nil {
				return err
			}
			if inContext {
				obj.entries = append(obj.entries, entry{key, first, lineAt(d.InputOffset())})
			}
		}
		if _, err := d.Token(); err != nil { // the closing brace
			return err
		}
		if inContext {
			obj.end, found = int(d.InputOffset()), true
		}
		return nil
	}
	if err := walk(""); err != nil || !found {
		return contextObject{}, false
	}
	return obj, true
}
