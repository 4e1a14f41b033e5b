package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/iamlab/iamlab/catalog"
)

// The iam-data package keeps its list of global condition keys in code, not
// in data/: dist/cjs/globalConditionKeys.js holds an array literal of
// objects like
//
//	{ key: 'aws:PrincipalArn', category: 'principal', type: 'ARN', description: '' }
//
// readGlobalKeys takes the key and type of each, and fails if the file no
// longer looks like that (a new package version may need a new parser).
var (
	globalEntry = regexp.MustCompile(`\{\s*key:\s*'([^']+)',\s*category:\s*'[^']*',\s*type:\s*'([^']+)'`)
	globalKey   = regexp.MustCompile(`\bkey:\s*'`)
)

// minGlobalKeys guards against a parser that silently finds too little:
// AWS documents about 60 global keys.
const minGlobalKeys = 40

func readGlobalKeys(dir string) ([]*catalog.ConditionKey, error) {
	path := filepath.Join(dir, "dist", "cjs", "globalConditionKeys.js")
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	matches := globalEntry.FindAllSubmatch(src, -1)
	if n := len(globalKey.FindAll(src, -1)); len(matches) != n || n < minGlobalKeys {
		return nil, fmt.Errorf("%s: parsed %d of %d global condition keys; has the file's format changed?", path, len(matches), n)
	}
	var keys []*catalog.ConditionKey
	for _, m := range matches {
		keys = append(keys, &catalog.ConditionKey{
			Name: normalizeKey(string(m[1])),
			Type: catalog.ConditionType(m[2]),
		})
	}
	slices.SortFunc(keys, func(a, b *catalog.ConditionKey) int {
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
	return keys, nil
}

// normalizeKey writes the tag placeholder of aws:PrincipalTag/tag-key (and
// the like) as ${TagKey}, the way most of the service data does; the data
// also has keys whose placeholder is missing altogether
// (glacier:ResourceTag/), which get one too, so that "glacier:ResourceTag/x"
// finds its definition.
func normalizeKey(key string) string {
	if prefix, ok := strings.CutSuffix(key, "/tag-key"); ok {
		return prefix + "/${TagKey}"
	}
	if strings.HasSuffix(key, "/") {
		return key + "${TagKey}"
	}
	return key
}
