package world

import (
	_ "embed"
)

// seedJSON is the setup of the source document's IAM chapter (docs/world.md
// tells its story): the application user "app" in a group with an AWS
// managed S3 policy, the upload role "XX-s3-upload-role" that only "app"
// may assume, its PutObject policy, and the GetRole/PassRole policy of the
// user. The services of later phases add their parts here.
//
//go:embed seed.json
var seedJSON []byte

// SeedFile is the world of `iamlab serve --world seed`.
func SeedFile() *File {
	f, err := ParseFile(seedJSON)
	if err != nil {
		panic("world: the embedded seed does not parse: " + err.Error()) // a test reads it
	}
	return f
}
