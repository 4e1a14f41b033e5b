package lint

import (
	"encoding/json"
	"strings"
	"sync"

	"github.com/iamlab/iamlab/catalog"
	"github.com/iamlab/iamlab/policy"
)

// catData is what the checks derive from a catalog once: lists for "did
// you mean", the resource types by the service name in their ARNs, and the
// known service principals.
type catData struct {
	cat      *catalog.Catalog
	prefixes func() []string
	globals  func() []string
	arnTypes func() map[string][]*arnType
	services func() map[string]bool
}

// arnType is one ARN format of a resource type, split into its parts with
// each ${Placeholder} turned into '*'.
type arnType struct {
	prefix string // the service prefix of the actions that use the type
	rt     *catalog.ResourceType
	arn    string // as AWS writes it
	parts  [6]string
}

var catCache sync.Map // *catalog.Catalog → *catData

func dataOf(cat *catalog.Catalog) *catData {
	if d, ok := catCache.Load(cat); ok {
		return d.(*catData)
	}
	d := &catData{cat: cat}
	d.prefixes = sync.OnceValue(d.loadPrefixes)
	d.globals = sync.OnceValue(d.loadGlobals)
	d.arnTypes = sync.OnceValue(d.loadARNTypes)
	d.services = sync.OnceValue(d.loadServicePrincipals)
	actual, _ := catCache.LoadOrStore(cat, d)
	return actual.(*catData)
}

func (d *catData) loadPrefixes() []string {
	infos, err := d.cat.Services()
	if err != nil {
		return nil
	}
	out := make([]string, len(infos))
	for i, s := range infos {
		out[i] = s.Prefix
	}
	return out
}

// globalKeyNames are the aws: keys a "did you mean" can offer; the
// catalog's list is complete for global keys but lookups are by name, so
// this keeps the names of the common ones.
func (d *catData) loadGlobals() []string {
	var out []string
	for _, k := range knownGlobalKeys {
		if _, ok := d.cat.GlobalConditionKey(k); ok {
			out = append(out, k)
		}
	}
	return out
}

var knownGlobalKeys = []string{"aws:AssumedRoot", "aws:CalledVia", "aws:CalledViaFirst", "aws:CalledViaLast", "aws:CurrentTime",
	"aws:EpochTime", "aws:FederatedProvider", "aws:MultiFactorAuthAge", "aws:MultiFactorAuthPresent", "aws:PrincipalAccount",
	"aws:PrincipalArn", "aws:PrincipalIsAWSService", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalServiceName",
	"aws:PrincipalServiceNamesList", "aws:PrincipalType", "aws:referer", "aws:RequestedRegion", "aws:ResourceAccount",
	"aws:ResourceOrgID", "aws:ResourceOrgPaths", "aws:SecureTransport", "aws:SourceAccount", "aws:SourceArn",
	"aws:SourceIdentity", "aws:SourceIp", "aws:SourceOrgID", "aws:SourceOrgPaths", "aws:SourceOwner", "aws:SourceVpc",
	"aws:SourceVpce", "aws:TagKeys", "aws:TokenIssueTime", "aws:UserAgent", "aws:userid", "aws:username",
	"aws:ViaAWSService", "aws:VpcSourceIp", "aws:VpceAccount", "aws:VpceOrgID", "aws:VpceOrgPaths", "aws:Ec2InstanceSourceVpc",
	"aws:Ec2InstanceSourcePrivateIPv4", "aws:SourceVpcArn"}

func (d *catData) loadARNTypes() map[string][]*arnType {
	m := map[string][]*arnType{}
	for _, prefix := range d.prefixes() {
		s, err := d.cat.Service(prefix)
		if err != nil {
			continue
		}
		for _, rt := range s.ResourceTypes {
			for _, a := range rt.ARNs {
				t := &arnType{prefix: prefix, rt: rt, arn: a}
				parts, ok := splitARN(placeholdersToStar(a))
				if !ok {
					continue
				}
				// A placeholder of the Region or account stands for one:
				// "arn:aws:iam:::role/x" lacks the account ${Account} needs.
				for _, i := range [...]int{3, 4} {
					parts[i] = strings.ReplaceAll(parts[i], "*", "?*")
				}
				t.parts = parts
				m[parts[2]] = append(m[parts[2]], t)
			}
		}
	}
	return m
}

// loadServicePrincipals lists the service principals the catalog knows:
// "PREFIX.amazonaws.com" for every service prefix, the ones AWS's managed
// policies name in iam:PassedToService and iam:AWSServiceName conditions,
// and a few that neither source shows.
func (d *catData) loadServicePrincipals() map[string]bool {
	m := map[string]bool{}
	for _, p := range d.prefixes() {
		m[p+".amazonaws.com"] = true
	}
	for _, s := range extraServicePrincipals {
		m[s] = true
	}
	infos, err := d.cat.ManagedPolicies()
	if err != nil {
		return m
	}
	for _, info := range infos {
		mp, err := d.cat.ManagedPolicy(info.ARN)
		if err != nil {
			continue
		}
		collectServicePrincipals(mp.Document, m)
	}
	return m
}

// collectServicePrincipals adds the values of iam:PassedToService and
// iam:AWSServiceName conditions of a policy document.
func collectServicePrincipals(doc []byte, m map[string]bool) {
	var p struct {
		Statement json.RawMessage
	}
	if json.Unmarshal(doc, &p) != nil {
		return
	}
	var stmts []struct {
		Condition map[string]map[string]json.RawMessage
	}
	if json.Unmarshal(p.Statement, &stmts) != nil {
		var one struct {
			Condition map[string]map[string]json.RawMessage
		}
		if json.Unmarshal(p.Statement, &one) != nil {
			return
		}
		stmts = append(stmts, one)
	}
	for _, s := range stmts {
		for _, block := range s.Condition {
			for key, raw := range block {
				k := lower(key)
				if k != "iam:passedtoservice" && k != "iam:awsservicename" {
					continue
				}
				var vals []string
				if json.Unmarshal(raw, &vals) != nil {
					var v string
					if json.Unmarshal(raw, &v) != nil {
						continue
					}
					vals = []string{v}
				}
				for _, v := range vals {
					if !hasWildcard(v) && strings.Contains(v, ".") {
						m[lower(v)] = true
					}
				}
			}
		}
	}
}

// extraServicePrincipals are service principals whose names are not
// "PREFIX.amazonaws.com" and that AWS's documentation uses in trust and
// resource policies.
var extraServicePrincipals = []string{
	"ecs-tasks.amazonaws.com", "edgelambda.amazonaws.com", "vpc-flow-logs.amazonaws.com", "delivery.logs.amazonaws.com",
	"monitoring.rds.amazonaws.com", "spotfleet.amazonaws.com", "spot.amazonaws.com", "eks-fargate-pods.amazonaws.com",
	"eks-nodegroup.amazonaws.com", "export.rds.amazonaws.com", "replication.ecr.amazonaws.com", "ops.apigateway.amazonaws.com",
	"member.org.stacksets.cloudformation.amazonaws.com", "airflow-env.amazonaws.com", "opensearchservice.amazonaws.com",
	"replicator.lambda.amazonaws.com", "logger.cloudfront.amazonaws.com", "scheduler.amazonaws.com", "pipes.amazonaws.com",
	"elasticloadbalancing.amazonaws.com", "monitoring.amazonaws.com", "alexa-appkit.amazon.com", "alexa-connectedhome.amazon.com",
	"transitgateway.amazonaws.com", "guardduty.amazonaws.com", "malware-protection-plan.guardduty.amazonaws.com",
	"backup.amazonaws.com", "dlm.amazonaws.com", "billingconsole.amazonaws.com", "cloudtrail.amazonaws.com",
	"config.amazonaws.com", "ssm.amazonaws.com", "states.amazonaws.com", "firehose.amazonaws.com",
}

// placeholdersToStar replaces each ${Name} of an ARN format with '*'.
func placeholdersToStar(s string) string {
	out, _ := policy.ReplaceVariables(s, func(string) (string, string) { return "*", "" })
	return out
}

// splitARN splits an ARN (or ARN pattern) into its six parts: "arn",
// partition, service, region, account and resource (which keeps its colons).
func splitARN(s string) ([6]string, bool) {
	var parts [6]string
	for i := 0; i < 5; i++ {
		j := strings.IndexByte(s, ':')
		if j < 0 {
			return parts, false
		}
		parts[i], s = s[:j], s[j+1:]
	}
	parts[5] = s
	return parts, true
}
