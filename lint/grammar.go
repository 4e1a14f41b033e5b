package lint

// The grammar checks are the policy parser's own: a policy that breaks the
// grammar does not parse, and its one finding is the parser's error with its
// position. They are registered here so that each has a code, a severity and
// a line in docs/lint.md.
var (
	_ = newCheck("grammar", "json.syntax", Error, "the text is not valid JSON").aa("JSON_SYNTAX_ERROR")
	_ = newCheck("grammar", "json.utf8", Error, "the text is not valid UTF-8").aa("JSON_SYNTAX_ERROR")
	_ = newCheck("grammar", "json.type", Error, "an element has the wrong JSON type (for example an Effect that is not a string)").aa("DATA_TYPE_MISMATCH")
	_ = newCheck("grammar", "json.duplicateKey", Error, "the same key twice in one object")
	_ = newCheck("grammar", "policy.size", Error, "the policy text is larger than the engine reads at all")
	_ = newCheck("grammar", "policy.noStatement", Error, "the policy has no Statement element").aa("MISSING_STATEMENT")
	_ = newCheck("grammar", "policy.version", Error, "Version is neither \"2012-10-17\" nor \"2008-10-17\"").aa("INVALID_VERSION")
	_ = newCheck("grammar", "policy.unknownElement", Error, "an element name that the policy language does not have, often a case slip such as \"action\"").aa("INVALID_POLICY_ELEMENT")
	_ = newCheck("grammar", "statement.noEffect", Error, "a statement without Effect").aa("MISSING_EFFECT")
	_ = newCheck("grammar", "statement.noAction", Error, "a statement without Action or NotAction").aa("MISSING_ACTION")
	_ = newCheck("grammar", "statement.pair", Error, "a statement with both Action and NotAction (or Resource/NotResource, Principal/NotPrincipal)").aa("UNSUPPORTED_ELEMENT_COMBINATION")
	_ = newCheck("grammar", "statement.effect", Error, "Effect is not exactly \"Allow\" or \"Deny\"").aa("INVALID_EFFECT")
	_ = newCheck("grammar", "statement.emptyList", Error, "an empty array where AWS needs at least one value").aa("EMPTY_ARRAY_ACTION", "EMPTY_ARRAY_RESOURCE", "EMPTY_ARRAY_PRINCIPAL")
	_ = newCheck("grammar", "action.syntax", Error, "an action that is not written \"service:Action\", or with a wildcard in its service prefix (\"s3*:Get*\")").aa("INVALID_ACTION")
	_ = newCheck("grammar", "principal.syntax", Error, "a principal given as a string other than \"*\"").aa("INVALID_PRINCIPAL_FORMAT")
	_ = newCheck("grammar", "principal.empty", Error, "a Principal object that names no principal").aa("EMPTY_OBJECT_PRINCIPAL")
	_ = newCheck("grammar", "condition.operator", Error, "an unknown condition operator, or Null with IfExists or a set qualifier").aa("INVALID_CONDITION_OPERATOR", "NULL_WITH_IF_EXISTS", "NULL_WITH_QUALIFIER")
	_ = newCheck("grammar", "condition.empty", Error, "a condition operator block with no key")
	_ = newCheck("grammar", "condition.key", Error, "an empty condition key").aa("INVALID_CONDITION_KEY_FORMAT")
	_ = newCheck("grammar", "condition.nullValue", Error, "a Null condition whose value is not \"true\" or \"false\"")
)
