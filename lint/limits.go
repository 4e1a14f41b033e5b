package lint

import (
	"strings"
	"unicode/utf8"

	"github.com/iamlab/iamlab/policy"
)

// Policy size quotas, in characters not counting white space outside
// strings (reference_iam-quotas.md, AWS Organizations quotas, S3 bucket
// policies).
const (
	ManagedPolicyChars    = 6144  // customer managed policy (and permissions boundary)
	UserInlineChars       = 2048  // all inline policies of a user together
	GroupInlineChars      = 5120  // all inline policies of a group together
	RoleInlineChars       = 10240 // all inline policies of a role together
	TrustPolicyChars      = 2048  // role trust policy, default quota
	TrustPolicyMaxChars   = 8192  // role trust policy, highest quota AWS grants
	SessionPolicyChars    = 2048  // session policy passed to AssumeRole
	SCPChars              = 5120  // service control policy
	RCPChars              = 5120  // resource control policy
	BucketPolicyChars     = 20480 // S3 bucket policy (20 KB), the common resource policy bound
	ResourcePolicyMaxChar = 32768 // KMS key policy, the largest resource policy type
)

var (
	chkSizeQuota = newCheck("limits", "size.quota", Warning,
		"a policy larger than the default quota of its type (managed 6,144 characters, trust 2,048, S3 bucket policy 20 KB), not counting white space").
		aa("POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA", "POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA", "POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA")
	chkCharset = newCheck("limits", "policy.charset", Error,
		"a character IAM and STS do not accept in an identity, boundary, trust or session policy (they take tab, line feed, carriage return and U+0020 to U+00FF)")
	chkSizeMax = newCheck("limits", "size.max", Error,
		"a policy larger than any quota of its type allows (SCP and RCP 5,120 characters, white space included; session 2,048 and trust 8,192, not counting white space)").
		aa("POLICY_SIZE_EXCEEDS_SCP_QUOTA")
)

func checkLimits(l *linter) {
	// AWS Organizations counts every character of an SCP or RCP, white
	// space too. In a scenario file the white space around an embedded
	// policy is the file's layout, so it counts only in a policy's own text.
	spaces := (l.t == policy.SCP || l.t == policy.RCP) && strings.TrimSpace(l.p.Src[:l.p.Off]) == ""
	n, wide := policyChars(l.p.Src, int(l.p.Off), spaces)
	if wide >= 0 && (l.t.StoredByIAM() || l.t == policy.Session) {
		r, _ := utf8.DecodeRuneInString(l.p.Src[wide:])
		l.report(chkCharset, int32(wide), 0, "IAM accepts only tab, line feed, carriage return and the characters U+0020 to U+00FF in a policy, and rejects "+quote(string(r))+" when the policy is saved")
	}
	chars := " characters without white space"
	if spaces {
		chars = " characters"
	}
	var quota, max int
	var quotaWhat, maxWhat string
	switch l.t {
	case policy.Identity, policy.Boundary:
		// AWS's own managed policies may be larger than customers' can
		// (ReadOnlyAccess): over quota is a warning, as in Access Analyzer.
		quota, quotaWhat = ManagedPolicyChars, "a customer managed policy's 6,144 (inline policies share 2,048 per user, 5,120 per group, 10,240 per role)"
	case policy.Trust:
		quota, quotaWhat = TrustPolicyChars, "a role trust policy's default 2,048 (AWS can raise it to 8,192 on request)"
		max, maxWhat = TrustPolicyMaxChars, "8,192, the highest trust policy quota"
	case policy.Session:
		max, maxWhat = SessionPolicyChars, "a session policy's 2,048"
	case policy.SCP:
		max, maxWhat = SCPChars, "a service control policy's 5,120"
	case policy.RCP:
		max, maxWhat = RCPChars, "a resource control policy's 5,120"
	case policy.Resource:
		quota, quotaWhat = BucketPolicyChars, "an S3 bucket policy's 20 KB (other services' quotas differ: SQS 8 KB, SNS 30 KB, KMS 32 KB)"
		max, maxWhat = ResourcePolicyMaxChar, "32 KB, more than any resource policy type allows"
	}
	switch {
	case max > 0 && n > max:
		f := l.report(chkSizeMax, l.p.Off, 0, "the policy has "+itoa(n)+chars+", more than "+maxWhat+": split it into several policies")
		if l.t == policy.Trust {
			f.refusedBy |= 1 << IAM
		}
	case quota > 0 && n > quota:
		f := l.report(chkSizeQuota, l.p.Off, 0, "the policy has "+itoa(n)+chars+", more than "+quotaWhat+": split it, or shorten it with wildcards")
		// IAM refuses a customer managed policy over its quota (an AWS
		// managed one may be larger), and a trust policy over the quota
		// its account has, 2,048 unless raised.
		switch l.t {
		case policy.Identity, policy.Boundary:
			f.refusedBy |= 1 << IAM
		case policy.Trust:
			f.refusedBy |= 1 << IAM
			f.storeMsg, f.storeMsgFor = "Cannot exceed quota for ACLSizePerRole: 2048", IAM
		}
	}
}

// policyChars counts the characters of the JSON value at off, leaving out
// white space outside strings as IAM counts a policy's size, unless spaces;
// wide is the offset of its first character above U+00FF, or -1.
func policyChars(src string, off int, spaces bool) (n, wide int) {
	depth, wide := 0, -1
	inStr := false
	for i := off; i < len(src); {
		c := src[i]
		if c >= utf8.RuneSelf {
			r, w := utf8.DecodeRuneInString(src[i:])
			if r > 0xff && wide < 0 {
				wide = i
			}
			i += w
			n++
			continue
		}
		i++
		if inStr {
			n++
			switch c {
			case '\\':
				if i < len(src) {
					i++
					n++
				}
			case '"':
				inStr = false
			}
			continue
		}
		switch c {
		case ' ', '\t', '\n', '\r':
			if !spaces {
				continue
			}
		case '"':
			inStr = true
		case '{', '[':
			depth++
		case '}', ']':
			depth--
		}
		n++
		if depth == 0 {
			break
		}
	}
	return n, wide
}
