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
		"a policy larger than the default quota of its type (managed 6,144 characters, trust 2,048, S3 bucket policy 20 KB), not counting white space",
		"ポリシーがタイプのデフォルトのクォータより大きくなっています (管理ポリシーは 6,144 文字、信頼ポリシーは 2,048 文字、S3 バケットポリシーは 20 KB。空白は数えません)").
		aa("POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA", "POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA", "POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA").
		msg("identity", "the policy has {chars} characters without white space, more than a customer managed policy's 6,144 (inline policies share 2,048 per user, 5,120 per group, 10,240 per role): split it, or shorten it with wildcards",
			"ポリシーは空白を除いて {chars} 文字あり、カスタマー管理ポリシーの上限 6,144 文字を超えています (インラインポリシーはユーザーごとに 2,048 文字、グループごとに 5,120 文字、ロールごとに 10,240 文字を共有します): 分割するか、ワイルドカードで短くします").
		msg("trust", "the policy has {chars} characters without white space, more than a role trust policy's default 2,048 (AWS can raise it to 8,192 on request): split it, or shorten it with wildcards",
			"ポリシーは空白を除いて {chars} 文字あり、ロールの信頼ポリシーのデフォルトの上限 2,048 文字を超えています (申請すれば AWS は 8,192 文字まで引き上げます): 分割するか、ワイルドカードで短くします").
		msg("resource", "the policy has {chars} characters without white space, more than an S3 bucket policy's 20 KB (other services' quotas differ: SQS 8 KB, SNS 30 KB, KMS 32 KB): split it, or shorten it with wildcards",
			"ポリシーは空白を除いて {chars} 文字あり、S3 バケットポリシーの上限 20 KB を超えています (ほかのサービスの上限は異なります: SQS は 8 KB、SNS は 30 KB、KMS は 32 KB): 分割するか、ワイルドカードで短くします")
	chkCharset = newCheck("limits", "policy.charset", Error,
		"a character IAM and STS do not accept in an identity, boundary, trust or session policy (they take tab, line feed, carriage return and U+0020 to U+00FF)",
		"アイデンティティベースのポリシー、アクセス許可の境界、信頼ポリシー、セッションポリシーで IAM と STS が受け付けない文字です (受け付けるのはタブ、改行、復帰と U+0020 から U+00FF まで)").
		msg("", `IAM accepts only tab, line feed, carriage return and the characters U+0020 to U+00FF in a policy, and rejects "{char}" when the policy is saved`,
			`IAM がポリシーで受け付けるのはタブ、改行、復帰と U+0020 から U+00FF までの文字だけで、ポリシーの保存時に "{char}" を拒否します`)
	chkSizeMax = newCheck("limits", "size.max", Error,
		"a policy larger than any quota of its type allows (SCP and RCP 5,120 characters, white space included; session 2,048 and trust 8,192, not counting white space)",
		"ポリシーが、そのタイプのどのクォータでも許されない大きさです (SCP と RCP は空白を含めて 5,120 文字、セッションポリシーは 2,048 文字、信頼ポリシーは 8,192 文字。後の 2 つは空白を数えません)").
		aa("POLICY_SIZE_EXCEEDS_SCP_QUOTA").
		msg("trust", "the policy has {chars} characters without white space, more than 8,192, the highest trust policy quota: split it into several policies",
			"ポリシーは空白を除いて {chars} 文字あり、信頼ポリシーの最大のクォータ 8,192 文字を超えています: 複数のポリシーに分割します").
		msg("session", "the policy has {chars} characters without white space, more than a session policy's 2,048: split it into several policies",
			"ポリシーは空白を除いて {chars} 文字あり、セッションポリシーの上限 2,048 文字を超えています: 複数のポリシーに分割します").
		msg("scp", "the policy has {chars} characters, more than a service control policy's 5,120: split it into several policies",
			"ポリシーは空白を含めて {chars} 文字あり、SCP の上限 5,120 文字を超えています: 複数のポリシーに分割します").
		msg("scpEmbedded", "the policy has {chars} characters without white space, more than a service control policy's 5,120: split it into several policies",
			"ポリシーは空白を除いて {chars} 文字あり、SCP の上限 5,120 文字を超えています: 複数のポリシーに分割します").
		msg("rcp", "the policy has {chars} characters, more than a resource control policy's 5,120: split it into several policies",
			"ポリシーは空白を含めて {chars} 文字あり、RCP の上限 5,120 文字を超えています: 複数のポリシーに分割します").
		msg("rcpEmbedded", "the policy has {chars} characters without white space, more than a resource control policy's 5,120: split it into several policies",
			"ポリシーは空白を除いて {chars} 文字あり、RCP の上限 5,120 文字を超えています: 複数のポリシーに分割します").
		msg("resource", "the policy has {chars} characters without white space, more than 32 KB, more than any resource policy type allows: split it into several policies",
			"ポリシーは空白を除いて {chars} 文字あり、32 KB を超えています。これはどのリソースポリシーのタイプの上限も超えます: 複数のポリシーに分割します")
)

func checkLimits(l *linter) {
	// AWS Organizations counts every character of an SCP or RCP, white
	// space too. In a scenario file the white space around an embedded
	// policy is the file's layout, so it counts only in a policy's own text.
	spaces := (l.t == policy.SCP || l.t == policy.RCP) && strings.TrimSpace(l.p.Src[:l.p.Off]) == ""
	n, wide := policyChars(l.p.Src, int(l.p.Off), spaces)
	if wide >= 0 && (l.t.StoredByIAM() || l.t == policy.Session) {
		r, _ := utf8.DecodeRuneInString(l.p.Src[wide:])
		l.report(chkCharset, int32(wide), 0, "", "char", string(r))
	}
	// The form of each size message is the policy type's name (for an SCP
	// or RCP embedded in a scenario, whose white space does not count, with
	// "Embedded"), as registered above.
	form := l.t.String()
	if (l.t == policy.SCP || l.t == policy.RCP) && !spaces {
		form += "Embedded"
	}
	var quota, max int
	switch l.t {
	case policy.Identity, policy.Boundary:
		// AWS's own managed policies may be larger than customers' can
		// (ReadOnlyAccess): over quota is a warning, as in Access Analyzer.
		quota, form = ManagedPolicyChars, "identity"
	case policy.Trust:
		quota, max = TrustPolicyChars, TrustPolicyMaxChars
	case policy.Session:
		max = SessionPolicyChars
	case policy.SCP:
		max = SCPChars
	case policy.RCP:
		max = RCPChars
	case policy.Resource:
		quota, max = BucketPolicyChars, ResourcePolicyMaxChar
	}
	switch {
	case max > 0 && n > max:
		f := l.report(chkSizeMax, l.p.Off, 0, form, "chars", itoa(n))
		if l.t == policy.Trust {
			f.refusedBy |= 1 << IAM
		}
	case quota > 0 && n > quota:
		f := l.report(chkSizeQuota, l.p.Off, 0, form, "chars", itoa(n))
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
