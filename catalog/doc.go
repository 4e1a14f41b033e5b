// Package catalog gives read access to the AWS service authorization data
// (services, actions, resource types, condition keys) and to the AWS managed
// policies that IAM Lab ships.
//
// The data is a tree of small JSON files produced at build time by
// tools/catalog. A [Catalog] reads it lazily from any [fs.FS], one file at a
// time, and caches what it has parsed, so a WebAssembly page can fetch only
// the services it needs. Package catalog/embedded provides a Catalog over a
// copy of the data compiled into the binary.
//
// # File layout
//
//	index.json                   service prefixes and names, global condition keys,
//	                             partitions and Regions, names AWS uses undocumented
//	services/<prefix>.json       one service: actions, resource types, condition keys
//	managed/index.json           AWS managed policies: name, path, default version
//	managed/policies/<name>.json the default version's policy document
//	licenses/                    the licenses of the npm packages the data comes from
//
// The JSON uses one- or two-letter field names to stay small; the struct
// tags in this package are the format's definition.
//
// Names follow AWS: service prefixes, action names and condition keys are
// matched case-insensitively; managed policy names and ARNs case-sensitively.
// Values returned by a Catalog are shared and must not be modified.
package catalog
