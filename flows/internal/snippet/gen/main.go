// Command gen writes flows/code_gen.go from the "// show:" snippets of the
// flows package's source files. Run it with go generate in flows/.
package main

import (
	"fmt"
	"os"

	"github.com/iamlab/iamlab/flows/internal/snippet"
)

func main() {
	all, err := snippet.Dir(".")
	if err == nil {
		err = os.WriteFile("code_gen.go", []byte(snippet.Source("flows", all)), 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
