package flows

import (
	"context"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"testing/fstest"

	"github.com/iamlab/iamlab/catalog"
)

// MaxCatalogFile bounds one catalog file a page hands over.
const MaxCatalogFile = 8 << 20

// Fetched is the catalog as far as a page has fetched it: opening a file
// that is not there yet records its path, so that the page can fetch it
// and run again (the flows module embeds no catalog: it is 12 MB).
type Fetched struct {
	scope   func(path string) bool
	mu      sync.Mutex
	files   fstest.MapFS
	missing map[string]bool
	stale   bool
	cat     *catalog.Catalog
}

// NewFetched returns an empty catalog that fetches the files in scope;
// the others do not exist for it.
func NewFetched(scope func(path string) bool) *Fetched {
	return &Fetched{scope: scope, files: fstest.MapFS{}, missing: map[string]bool{}}
}

// InScope are the catalog files a flow run reads: the index (Regions,
// service prefixes), the AWS managed policies, and the service files of
// the simulated services. The linter's save-time checks read every
// service's file to list resource types, which only its warnings use (no
// service refuses a policy for them), and which would cost a page all 457
// files and a second of work.
func InScope(path string) bool {
	if path == "index.json" || strings.HasPrefix(path, "managed/") {
		return true
	}
	svc, ok := strings.CutPrefix(path, "services/")
	return ok && catalogServices[strings.TrimSuffix(svc, ".json")]
}

// catalogServices are the services whose catalog files a run reads.
var catalogServices = map[string]bool{"iam": true, "sts": true, "s3": true, "kms": true,
	"cognito-idp": true, "cognito-identity": true, "acm": true, "route53": true}

// Open implements fs.FS.
func (f *Fetched) Open(name string) (fs.File, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.files[name]; !ok {
		if f.scope != nil && !f.scope(name) {
			return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
		}
		f.missing[name] = true
		f.stale = true
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return f.files.Open(name)
}

// Catalog returns the catalog over the files fetched so far; a new one
// after a miss, since a catalog keeps its failed reads.
func (f *Fetched) Catalog() *catalog.Catalog {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.cat == nil || f.stale {
		f.cat, f.stale = catalog.New(f), false
	}
	return f.cat
}

// Add stores a fetched file.
func (f *Fetched) Add(path, text string) bool {
	if !fs.ValidPath(path) || path == "." || len(text) > MaxCatalogFile {
		return false
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.files[path] = &fstest.MapFile{Data: []byte(text)}
	return true
}

// Missed lists the files wanted since the last call, and forgets them.
func (f *Fetched) Missed() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]string, 0, len(f.missing))
	for p := range f.missing {
		out = append(out, p)
	}
	clear(f.missing)
	slices.Sort(out)
	return out
}

// CatalogFiles lists the catalog files a run of the flow reads, by running
// it over the catalog files of from (the whole catalog): the build
// writes the list into the flow's page, so that the page fetches them
// while the module compiles.
func CatalogFiles(name string, from fs.FS) ([]string, error) {
	f, ok := Get(name)
	if !ok {
		return nil, fmt.Errorf("there is no flow %q", name)
	}
	cat := NewFetched(InScope)
	var all []string
	for round := 0; round < 8; round++ {
		_, err := RunFlow(context.Background(), f, Options{Catalog: cat.Catalog(), Seed: 1})
		n := cat.Missed()
		if len(n) == 0 {
			slices.Sort(all)
			return all, err
		}
		for _, p := range n {
			b, err := fs.ReadFile(from, p)
			if err != nil {
				return nil, err
			}
			cat.Add(p, string(b))
		}
		all = append(all, n...)
	}
	return nil, fmt.Errorf("flow %s: the catalog files it reads keep changing", name)
}
