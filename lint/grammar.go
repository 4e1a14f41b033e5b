package lint

// The grammar checks are the policy parser's own: a policy that breaks the
// grammar does not parse, and its one finding is the parser's error with its
// position. They are registered here so that each has a code, a severity and
// a line in docs/lint.md. The parser words its errors in English only
// ({detail}); the Japanese message says what is wrong and quotes it.
var (
	_ = newCheck("grammar", "json.syntax", Error, "the text is not valid JSON",
		"正しい JSON ではありません").aa("JSON_SYNTAX_ERROR").
		msg("", "{detail}", "JSON の構文エラーです ({detail})")
	_ = newCheck("grammar", "json.utf8", Error, "the text is not valid UTF-8",
		"正しい UTF-8 のテキストではありません").aa("JSON_SYNTAX_ERROR").
		msg("", "{detail}", "UTF-8 として正しくないバイトがあります ({detail})")
	_ = newCheck("grammar", "json.type", Error, "an element has the wrong JSON type (for example an Effect that is not a string)",
		"要素の JSON の型が違います (文字列ではない Effect など)").aa("DATA_TYPE_MISMATCH").
		msg("", "{detail}", "要素の JSON の型が違います ({detail})")
	_ = newCheck("grammar", "json.duplicateKey", Error, "the same key twice in one object",
		"1 つのオブジェクトに同じキーが 2 回あります").
		msg("", "{detail}", "1 つのオブジェクトに同じキーが 2 回あります ({detail})")
	_ = newCheck("grammar", "policy.size", Error, "the policy text is larger than the engine reads at all",
		"ポリシーのテキストが、エンジンが読み込める大きさを超えています").
		msg("", "{detail}", "ポリシーのテキストが大きすぎて読み込めません ({detail})")
	_ = newCheck("grammar", "policy.noStatement", Error, "the policy has no Statement element",
		"ポリシーに Statement 要素がありません").aa("MISSING_STATEMENT").
		msg("", "{detail}", "ポリシーに Statement 要素がありません ({detail})")
	_ = newCheck("grammar", "policy.version", Error, "Version is neither \"2012-10-17\" nor \"2008-10-17\"",
		"Version が \"2012-10-17\" でも \"2008-10-17\" でもありません").aa("INVALID_VERSION").
		msg("", "{detail}", "Version には \"2012-10-17\" (または古い \"2008-10-17\") を書きます ({detail})")
	_ = newCheck("grammar", "policy.unknownElement", Error, "an element name that the policy language does not have, often a case slip such as \"action\"",
		"ポリシーの言語にない要素名です (多くは \"action\" のような大文字と小文字の違いです)").aa("INVALID_POLICY_ELEMENT").
		msg("", "{detail}", "ポリシーの言語にない要素名です。要素名は大文字と小文字を区別します ({detail})")
	_ = newCheck("grammar", "statement.noEffect", Error, "a statement without Effect",
		"Effect のないステートメントです").aa("MISSING_EFFECT").
		msg("", "{detail}", "ステートメントに Effect がありません。\"Effect\": \"Allow\" か \"Deny\" を加えます ({detail})")
	_ = newCheck("grammar", "statement.noAction", Error, "a statement without Action or NotAction",
		"Action も NotAction もないステートメントです").aa("MISSING_ACTION").
		msg("", "{detail}", "ステートメントに Action も NotAction もありません ({detail})")
	_ = newCheck("grammar", "statement.pair", Error, "a statement with both Action and NotAction (or Resource/NotResource, Principal/NotPrincipal)",
		"Action と NotAction (または Resource と NotResource、Principal と NotPrincipal) を両方持つステートメントです").aa("UNSUPPORTED_ELEMENT_COMBINATION").
		msg("", "{detail}", "1 つのステートメントに書けるのは、対になる要素のどちらか一方だけです ({detail})")
	_ = newCheck("grammar", "statement.effect", Error, "Effect is not exactly \"Allow\" or \"Deny\"",
		"Effect が正確に \"Allow\" または \"Deny\" ではありません").aa("INVALID_EFFECT").
		msg("", "{detail}", "Effect は \"Allow\" か \"Deny\" です。大文字と小文字も区別します ({detail})")
	_ = newCheck("grammar", "statement.emptyList", Error, "an empty array where AWS needs at least one value",
		"AWS が 1 つ以上の値を求める場所に空の配列があります").aa("EMPTY_ARRAY_ACTION", "EMPTY_ARRAY_RESOURCE", "EMPTY_ARRAY_PRINCIPAL").
		msg("", "{detail}", "ここには値を 1 つ以上書きます。空の配列は使えません ({detail})")
	_ = newCheck("grammar", "action.syntax", Error, "an action that is not written \"service:Action\", or with a wildcard in its service prefix (\"s3*:Get*\")",
		"アクションが \"サービス:アクション\" の形で書かれていないか、サービスプレフィックスにワイルドカードがあります (\"s3*:Get*\")").aa("INVALID_ACTION").
		msg("", "{detail}", "アクションは \"サービス:アクション\" の形で書き、サービスプレフィックスにはワイルドカードを使えません ({detail})")
	_ = newCheck("grammar", "principal.syntax", Error, "a principal given as a string other than \"*\"",
		"\"*\" 以外の文字列で書かれたプリンシパルです").aa("INVALID_PRINCIPAL_FORMAT").
		msg("", "{detail}", "Principal は \"*\" か、{\"AWS\": \"arn:aws:iam::111122223333:root\"} のようなオブジェクトで書きます ({detail})")
	_ = newCheck("grammar", "principal.empty", Error, "a Principal object that names no principal",
		"どのプリンシパルも指定していない Principal オブジェクトです").aa("EMPTY_OBJECT_PRINCIPAL").
		msg("", "{detail}", "Principal にはプリンシパルを 1 つ以上書きます ({detail})")
	_ = newCheck("grammar", "condition.operator", Error, "an unknown condition operator, or Null with IfExists or a set qualifier",
		"不明な条件演算子か、IfExists や集合演算子 (ForAllValues、ForAnyValue) の付いた Null です").aa("INVALID_CONDITION_OPERATOR", "NULL_WITH_IF_EXISTS", "NULL_WITH_QUALIFIER").
		msg("", "{detail}", "条件演算子として使えません ({detail})")
	_ = newCheck("grammar", "condition.empty", Error, "a condition operator block with no key",
		"条件キーのない条件演算子のブロックです").
		msg("", "{detail}", "条件演算子のブロックに条件キーがありません ({detail})")
	_ = newCheck("grammar", "condition.key", Error, "an empty condition key",
		"空の条件キーです").aa("INVALID_CONDITION_KEY_FORMAT").
		msg("", "{detail}", "条件キーが空です ({detail})")
	_ = newCheck("grammar", "condition.nullValue", Error, "a Null condition whose value is not \"true\" or \"false\"",
		"Null 条件の値が \"true\" でも \"false\" でもありません").
		msg("", "{detail}", "Null の値は \"true\" (キーがない) か \"false\" (キーがある) です ({detail})")
)
