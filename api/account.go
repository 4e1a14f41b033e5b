package api

import (
	"bytes"
	"encoding/json"
	"net/url"
	"sort"
	"strings"
)

// The output of `aws iam get-account-authorization-details` (the IAM API's
// GetAccountAuthorizationDetails response): users, groups and roles with
// their inline policies, the managed policies attached to them, their
// permissions boundaries, and the account's customer managed policies with
// every version. The API returns policy documents URL-encoded ("The policy
// document returned in this structure is URL-encoded compliant with RFC
// 3986", IAM API reference, PolicyDetail); the AWS CLI decodes them into
// JSON objects. Both are read.
type accountDetails struct {
	UserDetailList  []userDetail
	GroupDetailList []groupDetail
	RoleDetailList  []roleDetail
	Policies        []managedPolicyDetail
}

type policyDetail struct {
	PolicyName     string
	PolicyDocument json.RawMessage
}

type attachedPolicy struct {
	PolicyName string
	PolicyArn  string
}

type boundaryDetail struct {
	PermissionsBoundaryArn string
}

type userDetail struct {
	UserName                string
	Arn                     string
	UserPolicyList          []policyDetail
	GroupList               []string
	AttachedManagedPolicies []attachedPolicy
	PermissionsBoundary     *boundaryDetail
}

type groupDetail struct {
	GroupName               string
	Arn                     string
	GroupPolicyList         []policyDetail
	AttachedManagedPolicies []attachedPolicy
}

type roleDetail struct {
	RoleName                 string
	Arn                      string
	AssumeRolePolicyDocument json.RawMessage
	RolePolicyList           []policyDetail
	AttachedManagedPolicies  []attachedPolicy
	PermissionsBoundary      *boundaryDetail
}

type managedPolicyDetail struct {
	PolicyName        string
	Arn               string
	DefaultVersionId  string
	PolicyVersionList []struct {
		Document         json.RawMessage
		VersionId        string
		IsDefaultVersion bool
	}
}

var accountKeys = []string{"UserDetailList", "GroupDetailList", "RoleDetailList"}

// AccountSummary lists the users and roles of authorization details.
type AccountSummary struct {
	Principals []AccountPrincipal `json:"principals"`
}

// AccountPrincipal is a user or role to pick.
type AccountPrincipal struct {
	Kind string `json:"kind"` // user or role
	Name string `json:"name"`
	ARN  string `json:"arn"`
	// Policies counts the policies that would fill the scenario.
	Policies int `json:"policies"`
}

func readAccount(text string) (*accountDetails, *Problem) {
	var a accountDetails
	if err := json.Unmarshal([]byte(text), &a); err != nil {
		return nil, &Problem{Code: "account.shape", Msg: "it does not have the shape of get-account-authorization-details output: " + err.Error()}
	}
	return &a, nil
}

func importAccount(text string) ImportAnswer {
	a, p := readAccount(text)
	if p != nil {
		return ImportAnswer{Error: p}
	}
	sum := &AccountSummary{Principals: []AccountPrincipal{}}
	for _, u := range a.UserDetailList {
		d := a.userDraft(&u)
		sum.Principals = append(sum.Principals, AccountPrincipal{Kind: "user", Name: u.UserName, ARN: u.Arn, Policies: d.count()})
	}
	for _, r := range a.RoleDetailList {
		d := a.roleDraft(&r)
		sum.Principals = append(sum.Principals, AccountPrincipal{Kind: "role", Name: r.RoleName, ARN: r.Arn, Policies: d.count()})
	}
	sort.SliceStable(sum.Principals, func(i, j int) bool { return sum.Principals[i].Kind > sum.Principals[j].Kind })
	return ImportAnswer{Kind: KindAccount, Account: sum}
}

// ImportPrincipal makes a scenario of one user or role of authorization
// details: its inline policies, its groups' inline policies and the
// managed policies attached to it and to its groups as identity policies,
// and its permissions boundary; the principal is its ARN. The page keeps
// its own action, resource and context.
func ImportPrincipal(text, arn string) ImportAnswer {
	if len(text) > MaxImportBytes {
		return ImportAnswer{Error: &Problem{Code: "import.size", Msg: "the file is too large"}}
	}
	a, p := readAccount(trimBOM(text))
	if p != nil {
		return ImportAnswer{Error: p}
	}
	var d *principalDraft
	for i := range a.UserDetailList {
		if a.UserDetailList[i].Arn == arn {
			d = a.userDraft(&a.UserDetailList[i])
		}
	}
	for i := range a.RoleDetailList {
		if a.RoleDetailList[i].Arn == arn {
			d = a.roleDraft(&a.RoleDetailList[i])
		}
	}
	if d == nil {
		return ImportAnswer{Error: &Problem{Code: "account.principal", Msg: "no user or role has the ARN " + arn}}
	}
	out := newDraft()
	out.Request.Principal = arn
	out.Identity = d.identity
	out.Boundary = d.boundary
	return ImportAnswer{Kind: KindScenario, Draft: out, Problems: d.problems}
}

// principalDraft is what one user or role brings.
type principalDraft struct {
	identity []Entry
	boundary *Entry
	problems []Problem
}

func (d *principalDraft) count() int {
	n := len(d.identity)
	if d.boundary != nil {
		n++
	}
	return n
}

func (a *accountDetails) userDraft(u *userDetail) *principalDraft {
	d := &principalDraft{identity: []Entry{}}
	d.inline(u.UserPolicyList, "")
	d.attached(a, u.AttachedManagedPolicies)
	for _, name := range u.GroupList {
		for i := range a.GroupDetailList {
			if g := &a.GroupDetailList[i]; g.GroupName == name {
				d.inline(g.GroupPolicyList, g.GroupName+"-")
				d.attached(a, g.AttachedManagedPolicies)
			}
		}
	}
	d.setBoundary(a, u.PermissionsBoundary)
	return d
}

func (a *accountDetails) roleDraft(r *roleDetail) *principalDraft {
	d := &principalDraft{identity: []Entry{}}
	d.inline(r.RolePolicyList, "")
	d.attached(a, r.AttachedManagedPolicies)
	d.setBoundary(a, r.PermissionsBoundary)
	return d
}

// inline adds inline policies; a group's are named after the group, as
// two groups may have policies of the same name.
func (d *principalDraft) inline(list []policyDetail, prefix string) {
	for _, p := range list {
		text, ok := accountDocument(p.PolicyDocument)
		if !ok {
			d.problem(p.PolicyName)
			continue
		}
		d.identity = append(d.identity, Entry{Name: prefix + p.PolicyName, Text: text})
	}
}

func (d *principalDraft) attached(a *accountDetails, list []attachedPolicy) {
	for _, p := range list {
		if e, ok := a.managed(p.PolicyArn, p.PolicyName); ok && !d.has(e) {
			d.identity = append(d.identity, e)
		} else if !ok {
			d.problem(p.PolicyName)
		}
	}
}

func (d *principalDraft) has(e Entry) bool {
	for _, x := range d.identity {
		if x.ARN != "" && x.ARN == e.ARN || x.Text != "" && x.Name == e.Name && x.Text == e.Text {
			return true
		}
	}
	return false
}

func (d *principalDraft) setBoundary(a *accountDetails, b *boundaryDetail) {
	if b == nil || b.PermissionsBoundaryArn == "" {
		return
	}
	name := b.PermissionsBoundaryArn[strings.LastIndexByte(b.PermissionsBoundaryArn, '/')+1:]
	if e, ok := a.managed(b.PermissionsBoundaryArn, name); ok {
		d.boundary = &e
	} else {
		d.problem(name)
	}
}

func (d *principalDraft) problem(name string) {
	d.problems = append(d.problems, Problem{Code: "account.policy", Params: map[string]string{"name": name},
		Msg: "the policy " + name + " is not in the file (get-account-authorization-details lists customer managed policies under Policies) and was left out"})
}

// managed finds an attached managed policy: an AWS managed one goes by its
// ARN (the lab's catalog has them), a customer managed one by the default
// version of its document under Policies.
func (a *accountDetails) managed(arn, name string) (Entry, bool) {
	if strings.Contains(arn, ":iam::aws:policy/") {
		return Entry{Name: name, ARN: arn}, true
	}
	for _, p := range a.Policies {
		if p.Arn != arn {
			continue
		}
		for _, v := range p.PolicyVersionList {
			if v.IsDefaultVersion || v.VersionId == p.DefaultVersionId {
				if text, ok := accountDocument(v.Document); ok {
					return Entry{Name: p.PolicyName, Text: text}, true
				}
			}
		}
	}
	return Entry{}, false
}

// accountDocument reads a policy document as the API (URL-encoded JSON
// text) or the CLI (a JSON object) gives it.
func accountDocument(raw json.RawMessage) (string, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '"' {
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return "", false
		}
		if t := strings.TrimSpace(s); strings.HasPrefix(t, "%7B") || strings.HasPrefix(t, "%7b") {
			dec, err := url.PathUnescape(t)
			if err != nil {
				return "", false
			}
			s = dec
		}
		if !json.Valid([]byte(s)) {
			return "", false
		}
		var buf bytes.Buffer
		json.Indent(&buf, []byte(s), "", "  ")
		return buf.String(), true
	}
	return documentText(raw)
}
