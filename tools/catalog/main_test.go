package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/iamlab/iamlab/catalog"
)

func TestAccessLevel(t *testing.T) {
	tests := []struct {
		in   string
		want catalog.AccessLevel
	}{
		{"List", catalog.List},
		{"Read", catalog.Read},
		{"Write", catalog.Write},
		{"Tagging, Write", catalog.Tagging},
		{"Permissions management, Write", catalog.PermissionsManagement},
		{"Permissions management", catalog.PermissionsManagement},
	}
	for _, tt := range tests {
		if got, err := accessLevel(tt.in); err != nil || got != tt.want {
			t.Errorf("accessLevel(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	if _, err := accessLevel("Admin"); err == nil {
		t.Error("accessLevel(Admin) gave no error")
	}
}

func TestSplitARNs(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"arn:${Partition}:s3:::${BucketName}", []string{"arn:${Partition}:s3:::${BucketName}"}},
		{"arn:a/x, arn:b/y", []string{"arn:a/x", "arn:b/y"}},
	}
	for _, tt := range tests {
		if got := splitARNs(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("splitARNs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestReadGlobalKeys(t *testing.T) {
	dir := t.TempDir()
	js := "exports.globalConditionKeys = [\n"
	for range minGlobalKeys {
		js += "    {\n        key: 'aws:PrincipalTag/tag-key',\n        category: 'principal',\n        type: 'String',\n        description: ''\n    },\n"
	}
	js += "    { key: 'aws:EpochTime', category: 'request', type: 'Date', //Can Also be Numeric...\n description: '' }\n];\n"
	path := filepath.Join(dir, "dist", "cjs", "globalConditionKeys.js")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(js), 0o644); err != nil {
		t.Fatal(err)
	}
	keys, err := readGlobalKeys(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) != minGlobalKeys+1 || keys[0].Name != "aws:EpochTime" || keys[0].Type != catalog.Date ||
		keys[1].Name != "aws:PrincipalTag/${TagKey}" {
		t.Errorf("readGlobalKeys = %d keys, first %+v, %+v", len(keys), keys[0], keys[1])
	}
	// A format the parser does not know is an error, not a short list.
	if err := os.WriteFile(path, []byte(js+"{ key: 'aws:New', type: 'String' }"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readGlobalKeys(dir); err == nil {
		t.Error("readGlobalKeys accepted an entry it could not parse")
	}
}

func TestConvertManagedPolicy(t *testing.T) {
	src := `{"arn": "arn:aws:iam::aws:policy/service-role/Example", "latestVersionId": "v2",
		"versions": {
			"v1": {"document": {"Version": "2012-10-17", "Statement": []}},
			"v2": {"document": {
				"Version": "2012-10-17",
				"Statement": [{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}]
			}}
		}}`
	var p srcManagedPolicy
	if err := json.Unmarshal([]byte(src), &p); err != nil {
		t.Fatal(err)
	}
	got, err := convertManagedPolicy("Example", p)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}]}`
	if got.Path != "/service-role/" || got.Version != "v2" || string(got.Document) != want {
		t.Errorf("convertManagedPolicy = %+v, document %s", got, got.Document)
	}
	for _, bad := range []struct{ name, arn, version string }{
		{"Example", "arn:aws:iam::aws:policy/Other", "v2"},
		{"Example", "arn:aws:iam::123456789012:policy/Example", "v2"},
		{"Example", "arn:aws:iam::aws:policy/service-role/Example", "v9"},
		{"_Example", "arn:aws:iam::aws:policy/_Example", "v2"},
	} {
		q := p
		q.Arn, q.LatestVersionID = bad.arn, bad.version
		if _, err := convertManagedPolicy(bad.name, q); err == nil {
			t.Errorf("convertManagedPolicy(%s, %s, %s) gave no error", bad.name, bad.arn, bad.version)
		}
	}
}

func TestRegexPrefixes(t *testing.T) {
	for _, tc := range []struct {
		re   string
		want []string
	}{
		{`^(us|eu|ap)\-\w+\-\d+$`, []string{"ap", "eu", "us"}},
		{`^cn\-\w+\-\d+$`, []string{"cn"}},
		{`^us\-iso\-\w+\-\d+$`, []string{"us-iso"}},
		{`^eusc\-(de)\-\w+\-\d+$`, []string{"eusc-de"}},
	} {
		got, err := regexPrefixes(tc.re)
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("regexPrefixes(%q) = %q, %v; want %q", tc.re, got, err, tc.want)
		}
	}
	for _, bad := range []string{`^us-\w+$`, `^(us|e.)\-\w+\-\d+$`, `^(us\-\w+\-\d+$`, ``} {
		if got, err := regexPrefixes(bad); err == nil {
			t.Errorf("regexPrefixes(%q) = %q, no error", bad, got)
		}
	}
}

// readPartitions keeps each partition's Regions of its own form, leaving
// out pseudo-Regions such as aws-global.
func TestReadPartitions(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, filepath.FromSlash(partitionsFile))
	src := `{"partitions": [
		{"id": "aws", "regionRegex": "^(us|eu)\\-\\w+\\-\\d+$", "regions": {"aws-global": {}, "us-east-1": {}, "eu-west-3": {}}},
		{"id": "aws-cn", "regionRegex": "^cn\\-\\w+\\-\\d+$", "regions": {"cn-north-1": {}}}]}`
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	ps, err := readPartitions(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 2 || !slices.Equal(ps[0].Regions, []string{"eu-west-3", "us-east-1"}) || !slices.Equal(ps[1].Prefixes, []string{"cn"}) {
		t.Errorf("readPartitions = %+v", ps)
	}
}

// normalizeKey gives every tag placeholder one spelling.
func TestNormalizeKey(t *testing.T) {
	for in, want := range map[string]string{
		"secretsmanager:ResourceTag/tag-key": "secretsmanager:ResourceTag/${TagKey}",
		"glacier:ResourceTag/":               "glacier:ResourceTag/${TagKey}",
		"s3:prefix":                          "s3:prefix",
	} {
		if got := normalizeKey(in); got != want {
			t.Errorf("normalizeKey(%q) = %q", in, got)
		}
	}
}
