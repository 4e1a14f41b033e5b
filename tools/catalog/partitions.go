package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing/fstest"

	"github.com/iamlab/iamlab/catalog"
)

// The AWS partitions and their Regions come from the endpoint data that
// aws-sdk-go-v2 ships (Apache 2.0), at a pinned version, fetched through
// the Go module proxy like any module.
const (
	sdkModule      = "github.com/aws/aws-sdk-go-v2"
	sdkVersion     = "v1.48.0"
	partitionsFile = "internal/endpoints/awsrulesfn/partitions.json"
)

// sdkDir returns the directory of the pinned aws-sdk-go-v2 module, asking
// the go command to download it into the module cache if need be.
func sdkDir() (string, error) {
	out, err := exec.Command("go", "mod", "download", "-json", sdkModule+"@"+sdkVersion).Output()
	if err != nil {
		return "", fmt.Errorf("go mod download %s@%s: %w", sdkModule, sdkVersion, err)
	}
	var m struct{ Dir, Error string }
	if err := json.Unmarshal(out, &m); err != nil {
		return "", err
	}
	if m.Error != "" || m.Dir == "" {
		return "", fmt.Errorf("go mod download %s@%s: %s", sdkModule, sdkVersion, m.Error)
	}
	return m.Dir, nil
}

// srcPartitions is the shape of partitions.json.
type srcPartitions struct {
	Partitions []struct {
		ID          string                     `json:"id"`
		RegionRegex string                     `json:"regionRegex"`
		Regions     map[string]json.RawMessage `json:"regions"`
	} `json:"partitions"`
}

// regionRegex is the form every partition's regionRegex has had:
// ^HEAD\-\w+\-\d+$, where HEAD is a prefix such as us, cn, us\-iso, or a
// group of them, (us|eu|ap) or eusc\-(de).
var regionRegex = regexp.MustCompile(`^\^(.+)\\-\\w\+\\-\\d\+\$$`)

var prefixShape = regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`)

// readPartitions reads the partitions from the SDK's partitions.json. Each
// keeps the Regions whose names have the partition's form; the list also
// has pseudo-Regions such as aws-global, which no ARN uses.
func readPartitions(dir string) ([]catalog.Partition, error) {
	path := filepath.Join(dir, filepath.FromSlash(partitionsFile))
	var src srcPartitions
	if err := readJSON(path, &src); err != nil {
		return nil, err
	}
	var out []catalog.Partition
	for _, sp := range src.Partitions {
		prefixes, err := regexPrefixes(sp.RegionRegex)
		if err != nil {
			return nil, fmt.Errorf("%s: partition %s: %w", path, sp.ID, err)
		}
		p := catalog.Partition{ID: sp.ID, Prefixes: prefixes}
		probe := catalog.New(indexFS(p))
		for _, r := range sortedKeys(sp.Regions) {
			if id, ok := probe.RegionShaped(r); ok && id == sp.ID {
				p.Regions = append(p.Regions, r)
			}
		}
		if len(p.Regions) == 0 {
			return nil, fmt.Errorf("%s: partition %s has no Region of its own form", path, sp.ID)
		}
		out = append(out, p)
	}
	if len(out) == 0 || out[0].ID != "aws" {
		return nil, fmt.Errorf("%s: the first partition is not aws", path)
	}
	return out, nil
}

// regexPrefixes turns a partition's regionRegex into the prefixes of its
// Region names, refusing a regex of any other form.
func regexPrefixes(re string) ([]string, error) {
	m := regionRegex.FindStringSubmatch(re)
	if m == nil {
		return nil, fmt.Errorf("regionRegex %q does not have the form ^PREFIX\\-\\w+\\-\\d+$", re)
	}
	head := strings.ReplaceAll(m[1], `\-`, "-")
	before, group, after := head, "", ""
	if i := strings.IndexByte(head, '('); i >= 0 {
		j := strings.IndexByte(head, ')')
		if j < i {
			return nil, fmt.Errorf("regionRegex %q: unbalanced group", re)
		}
		before, group, after = head[:i], head[i+1:j], head[j+1:]
	}
	alts := []string{""}
	if group != "" {
		alts = strings.Split(group, "|")
	}
	var out []string
	for _, a := range alts {
		p := before + a + after
		if !prefixShape.MatchString(p) {
			return nil, fmt.Errorf("regionRegex %q: prefix %q is not plain text", re, p)
		}
		out = append(out, p)
	}
	slices.Sort(out)
	return out, nil
}

// indexFS is a file system holding only an index.json with partition p, so
// that the catalog's own Region rule decides which names belong to p.
func indexFS(p catalog.Partition) fstest.MapFS {
	data, _ := json.Marshal(map[string]any{"r": []catalog.Partition{p}})
	return fstest.MapFS{"index.json": {Data: data}}
}

// copySDKLicense keeps the SDK's license next to the data taken from it.
func copySDKLicense(out, dir string) error {
	text, err := os.ReadFile(filepath.Join(dir, "LICENSE.txt"))
	if err != nil {
		return err
	}
	return writeFile(filepath.Join(out, "licenses", "aws-sdk-go-v2.txt"), text)
}
