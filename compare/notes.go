package compare

import "github.com/iamlab/iamlab/authz"

// Note says where AWS's simulator models less than the scenario, or how
// the question was put. Lacks marks a part of the scenario the simulator
// was not given, so that its answer may differ from the engine's for that
// reason alone.
type Note struct {
	Code  string `json:"code"`
	Lacks bool   `json:"lacks,omitempty"`
	En    string `json:"en"`
	Ja    string `json:"ja"`
}

// The notes, with the sentences of AWS's documentation they rest on (the
// IAM API Reference of SimulateCustomPolicy and SimulatePrincipalPolicy,
// and "Testing IAM policies with the IAM policy simulator" of the IAM User
// Guide).
var (
	noteSession = Note{Code: "session", Lacks: true,
		En: "The session policy was not sent: the simulator's policies \"cannot be 'scope-down' policies, such as you could include in a call to GetFederationToken or one of the AssumeRole API operations\".",
		Ja: "セッションポリシーは送っていません: シミュレーターのポリシーは「GetFederationToken や AssumeRole 系 API に渡すような『スコープダウン』ポリシーであってはならない」と AWS は書いています。"}
	noteSCP = Note{Code: "scp", Lacks: true,
		En: "The scenario's SCPs were not sent: SimulateCustomPolicy takes no SCPs. AWS applies its own: the Organizations detail of a result \"only applies if the simulated user's account is part of an organization\".",
		Ja: "シナリオの SCP は送っていません: SimulateCustomPolicy は SCP を受け取りません。AWS は自分の組織の SCP を使います (結果の Organizations の詳細は「シミュレートするユーザーのアカウントが組織に属する場合にのみ」付きます)。"}
	noteRCP = Note{Code: "rcp", Lacks: true,
		En: "The scenario's RCPs were not sent: the simulator takes none, and its documentation does not mention resource control policies.",
		Ja: "シナリオの RCP は送っていません: シミュレーターは RCP を受け取らず、そのドキュメントにも RCP は出てきません。"}
	noteTrust = Note{Code: "trust", Lacks: true,
		En: "The trust policy was not sent: \"Simulation of resource-based policies isn't supported for IAM roles.\"",
		Ja: "信頼ポリシーは送っていません:「IAM ロールのリソースベースのポリシーのシミュレーションはサポートされていません」。"}
	noteResourceCaller = Note{Code: "resourceCaller", Lacks: true,
		En: "The resource policy was not sent: it needs CallerArn, and \"You can specify only the ARN of an IAM user. You cannot specify the ARN of an assumed role, federated user, or a service principal.\"",
		Ja: "リソースポリシーは送っていません: CallerArn が必要ですが、「指定できるのは IAM ユーザーの ARN だけで、引き受けたロール、フェデレーションユーザー、サービスプリンシパルの ARN は指定できません」。"}
	noteCaller = Note{Code: "caller", Lacks: true,
		En: "The caller was not sent: CallerArn takes \"only the ARN of an IAM user\", so AWS decides the identity policies for a user of its choosing. The engine's rules for this kind of caller (the root user, an anonymous or service caller) are not AWS's simulation.",
		Ja: "呼び出し元は送っていません: CallerArn は「IAM ユーザーの ARN だけ」なので、AWS は自分の選ぶユーザーとしてアイデンティティポリシーを判定します。この種類の呼び出し元 (ルートユーザー、匿名、サービス) に対するエンジンのルールは AWS のシミュレーションにはありません。"}
	noteCrossAccount = Note{Code: "crossAccount", Lacks: true,
		En: "The resource is in another account than the caller's and the scenario has no resource policy: AWS simulates across accounts only with a ResourcePolicy (ResourceOwner \"is required only if you specify a resource-based policy and account that owns the resource is different\"), so the identity-based policies alone decide there.",
		Ja: "リソースは呼び出し元と別のアカウントにあり、シナリオにリソースポリシーがありません: AWS がアカウントをまたいでシミュレートするのは ResourcePolicy があるときだけです (ResourceOwner は「リソースベースのポリシーを指定し、リソースを所有するアカウントが異なる場合にのみ必要」)。そのためシミュレーターではアイデンティティベースのポリシーだけで決まります。"}
	noteManaged = Note{Code: "managed",
		En: "AWS managed policies were sent as the text in the lab's catalog, which may be an older version than AWS's current one.",
		Ja: "AWS 管理ポリシーはラボのカタログにある本文で送りました。AWS の現行版より古い場合があります。"}
	noteContext = Note{Code: "context",
		En: "Every context key the engine decided with was sent, those it filled in from the request too (aws:PrincipalArn, aws:CurrentTime...): the simulator uses only the values it is given, and lists keys it missed under MissingContextValues.",
		Ja: "エンジンが判定に使ったコンテキストキーはすべて送りました (リクエストから補ったもの、aws:PrincipalArn や aws:CurrentTime なども)。シミュレーターは渡された値だけを使い、足りないキーは MissingContextValues に挙げます。"}
	notePrincipal = Note{Code: "principal",
		En: "SimulatePrincipalPolicy simulates the policies the principal has in the account, not the scenario's (a user's groups' policies too), with the SCPs of its organization; \"You can't test AWS Organizations service control policies (SCPs) with global condition keys.\"",
		Ja: "SimulatePrincipalPolicy はシナリオのポリシーではなく、そのプリンシパルがアカウントで持つポリシー (ユーザーならグループのポリシーも) を組織の SCP とともにシミュレートします。「グローバル条件キーを使った SCP はテストできません」。"}
	noteSimulator = Note{Code: "simulator",
		En: "\"The IAM policy simulator evaluates statements in the identity-based policy and the inputs that you provide during simulation. The policy simulator results can differ from your live AWS environment.\"",
		Ja: "「IAM ポリシーシミュレーターはアイデンティティベースのポリシーのステートメントと、シミュレーションで与えた入力を評価します。結果は実際の AWS 環境と異なる場合があります。」"}
)

// notes lists what the question leaves out or how it was put.
func (b *builder) notes() {
	in := b.res.Input
	add := func(n Note) { b.q.Notes = append(b.q.Notes, n) }
	if in.Session != nil {
		add(noteSession)
	}
	if len(in.SCPs) > 0 {
		add(noteSCP)
	}
	if len(in.RCPs) > 0 {
		add(noteRCP)
	}
	if in.Resource != nil && !b.resourceSent {
		if b.roleResource() {
			add(noteTrust)
		} else {
			add(noteResourceCaller)
		}
	}
	if in.Resource == nil && b.res.Caller.InAccount() && !b.res.SameAccount {
		add(noteCrossAccount)
	}
	switch b.res.Caller.Kind {
	case authz.KindRoot, authz.KindAnonymous, authz.KindService, authz.KindProvider:
		add(noteCaller)
	}
	if b.usesManaged() {
		add(noteManaged)
	}
	add(noteContext)
	if b.q.Principal != nil {
		add(notePrincipal)
	}
	add(noteSimulator)
}

func (b *builder) usesManaged() bool {
	if b.d.Boundary != nil && b.d.Boundary.ARN != "" {
		return true
	}
	for _, e := range b.d.Identity {
		if e.ARN != "" {
			return true
		}
	}
	return false
}
