package lint

import (
	"net/netip"
	"slices"
	"strings"

	"github.com/iamlab/iamlab/catalog"
	"github.com/iamlab/iamlab/policy"
)

var (
	chkKeyFormat = newCheck("conditions", "condition.keyFormat", Error,
		"a condition key that is not written \"prefix:name\"").
		aa("INVALID_CONDITION_KEY_FORMAT")
	chkUnknownGlobalKey = newCheck("conditions", "condition.unknownGlobalKey", Error,
		"an aws: condition key that AWS does not define (with the nearest key)").
		aa("INVALID_GLOBAL_CONDITION_KEY", "UNSUPPORTED_GLOBAL_CONDITION_KEY")
	chkUnknownServiceKey = newCheck("conditions", "condition.unknownServiceKey", Error,
		"a condition key that its service does not define (with the nearest key)").
		aa("INVALID_SERVICE_CONDITION_KEY")
	chkUnknownKeyPrefix = newCheck("conditions", "condition.unknownKeyPrefix", Error,
		"a condition key whose prefix is no service in the catalog").
		aa("INVALID_SERVICE")
	chkTagKeyMissing = newCheck("conditions", "condition.tagKeyMissing", Error,
		"aws:RequestTag, aws:ResourceTag or aws:PrincipalTag without the \"/tag-key\" part").
		aa("MISSING_TAG_KEY_IN_CONDITION")
	chkKeyNotSupported = newCheck("conditions", "condition.keyNotSupported", Error,
		"a service condition key that none of the statement's actions supports, so the condition never sees a value").
		aa("UNSUPPORTED_ACTION_FOR_CONDITION_KEY")
	chkTypeMismatch = newCheck("conditions", "condition.typeMismatch", Warning,
		"an operator whose type does not fit the key's type (StringEquals on a Date key, NumericLessThan on a String key...)").
		aa("TYPE_MISMATCH")
	chkSingleValueOp = newCheck("conditions", "condition.singleValueOperator", Warning,
		"an operator without ForAnyValue/ForAllValues on a multivalued (ArrayOf...) key").
		aa("MISSING_QUALIFIER")
	chkForAllValuesSingle = newCheck("conditions", "condition.forAllValuesSingleKey", SecurityWarning,
		"ForAllValues on a single-valued key: it is true when the key is absent, which can be overly permissive").
		aa("FORALLVALUES_WITH_SINGLE_VALUED_KEY")
	chkForAllValuesAllow = newCheck("conditions", "condition.forAllValuesAllow", SecurityWarning,
		"ForAllValues in an Allow statement without a Null check: a request without the key passes the condition")
	chkIfExistsPresent = newCheck("conditions", "condition.ifExistsAlwaysPresent", Suggestion,
		"IfExists on a key that AWS sets in every request, where it changes nothing")
	chkNullBoth = newCheck("conditions", "condition.nullBoth", Suggestion,
		"a Null condition listing both \"true\" and \"false\", which is always true")
	chkBoolValue = newCheck("conditions", "condition.boolValue", Warning,
		"a Bool condition value that is not true or false").
		aa("TYPE_MISMATCH_BOOLEAN")
	chkBoolMultiple = newCheck("conditions", "condition.boolMultiple", Error,
		"a Bool condition listing both true and false").
		aa("INVALID_CONDITION_MULTIPLE_BOOLEAN")
	chkDateValue = newCheck("conditions", "condition.dateValue", Warning,
		"a Date condition value that is not an ISO 8601 date or epoch seconds").
		aa("TYPE_MISMATCH_DATE", "INVALID_DATE_VALUE")
	chkDateEpoch = newCheck("conditions", "condition.dateEpoch", Suggestion,
		"a Date condition value written as epoch seconds rather than an ISO 8601 date")
	chkNumericValue = newCheck("conditions", "condition.numericValue", Warning,
		"a Numeric condition value that is not a number").
		aa("TYPE_MISMATCH_NUMBER")
	chkNumericRedundant = newCheck("conditions", "condition.numericRedundant", Suggestion,
		"several values for a less-than/greater-than operator, where only the widest counts").
		aa("REDUNDANT_CONDITION_VALUE_NUM")
	chkIPValue = newCheck("conditions", "condition.ipValue", Warning,
		"an IpAddress condition value that is not an IP address or CIDR block").
		aa("TYPE_MISMATCH_IP_RANGE")
	chkIPHostBits = newCheck("conditions", "condition.ipHostBits", Suggestion,
		"a CIDR block with bits set after the prefix length, which AWS ignores").
		aa("IMPROVE_IP_RANGE")
	chkPrivateIP = newCheck("conditions", "condition.privateIp", Error,
		"aws:SourceIp compared only with private addresses, which it never carries (use aws:VpcSourceIp)").
		aa("PRIVATE_IP_ADDRESS", "PRIVATE_NOT_IP_ADDRESS")
	chkPrivateIPSubset = newCheck("conditions", "condition.privateIpSubset", Suggestion,
		"aws:SourceIp compared with a mix of public and private addresses; the private ones never match").
		aa("PRIVATE_IP_ADDRESS_SUBSET", "PRIVATE_NOT_IP_ADDRESS_SUBSET")
	chkARNValue = newCheck("conditions", "condition.arnValue", Warning,
		"an Arn condition value that is not an ARN")
	chkBinaryValue = newCheck("conditions", "condition.binaryValue", Warning,
		"a BinaryEquals value that is not base64")
	chkWildcardNoLike = newCheck("conditions", "condition.wildcardWithoutLike", Warning,
		"a * or ? in the value of an Equals operator, where it is a literal character (use StringLike or ArnLike)").
		aa("WILDCARD_WITHOUT_LIKE_OPERATOR")
	chkVariableOperator = newCheck("conditions", "condition.variableOperator", Error,
		"a policy variable in the value of an operator other than String and Arn ones, where AWS does not substitute it").
		aa("INVALID_VARIABLE_FOR_OPERATOR")
	chkEmptyValues = newCheck("conditions", "condition.emptyValues", Suggestion,
		"a condition key with an empty array of values").
		aa("EMPTY_ARRAY_CONDITION", "EMPTY_ARRAY_CONDITION_FORALLVALUES", "EMPTY_ARRAY_CONDITION_FORANYVALUE", "EMPTY_ARRAY_CONDITION_IFEXISTS")
	chkEmptyBlock = newCheck("conditions", "condition.emptyBlock", Suggestion,
		"an empty Condition element").
		aa("EMPTY_OBJECT_CONDITION")
	chkDuplicateKeyCase = newCheck("conditions", "condition.duplicateKeyCase", Error,
		"the same condition key twice in one operator block, spelt with different case (key names are case-insensitive)").
		aa("DUPLICATE_KEYS_WITH_DIFFERENT_CASE")
	chkTagUnsupported = newCheck("conditions", "condition.tagUnsupported", Suggestion,
		"aws:ResourceTag in an Allow statement with actions that do not support it: the statement never allows them").
		aa("ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE")
	chkTagUnsupportedDeny = newCheck("conditions", "condition.tagUnsupportedDeny", SecurityWarning,
		"aws:ResourceTag in a Deny statement with actions that do not support it: the statement never denies them").
		aa("DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE")
	chkUndocumentedKey = newCheck("conditions", "condition.undocumentedKey", Warning,
		"a condition key that the Service Authorization Reference does not define (or not for the statement's actions) but AWS's own managed policies use").
		aa("INVALID_SERVICE_CONDITION_KEY", "UNSUPPORTED_ACTION_FOR_CONDITION_KEY")
	chkRegionValue = newCheck("conditions", "condition.region", Error,
		"an aws:RequestedRegion value that is no AWS Region (\"us-east-1a\" is an Availability Zone, \"us\" no Region at all)").
		aa("INVALID_REGION")
	chkPairedKeys = newCheck("conditions", "condition.pairedKeys", SecurityWarning,
		"aws:VpcSourceIp without aws:SourceVpc or aws:SourceVpce, so the same private address in any VPC matches").
		aa("MISSING_PAIRED_CONDITION_KEYS")
)

// legacyGlobalKeys are global keys that AWS still honours (and uses in its
// own managed policies) but no longer lists in the Service Authorization
// Reference.
var legacyGlobalKeys = map[string]bool{"aws:principalorgmasteraccountid": true}

// alwaysPresent are keys AWS puts in the context of every authenticated
// request.
var alwaysPresent = map[string]bool{"aws:currenttime": true, "aws:epochtime": true, "aws:securetransport": true,
	"aws:principalarn": true, "aws:principalaccount": true, "aws:principaltype": true, "aws:userid": true,
	"aws:principalisawsservice": true, "aws:viaawsservice": true, "aws:requestedregion": false}

func checkConditions(l *linter) {
	for i := range l.stmts {
		st := &l.stmts[i]
		s := st.s
		if s.ConditionOff != 0 && len(s.Conditions) == 0 {
			l.report(chkEmptyBlock, s.ConditionOff, 0, "the Condition element is empty: remove it, or add the conditions you meant")
		}
		for j := range s.Conditions {
			l.checkCondition(st, &s.Conditions[j])
		}
		l.caseDuplicates(s)
		l.tagSupport(st)
		l.pairedKeys(st)
	}
}

func (l *linter) keyRef(c *policy.Condition) (int32, int32) {
	return c.KeyOff, keyEnd(l.p.Src, c.KeyOff)
}

// caseDuplicates reports keys of one operator block that differ only in
// case, in one pass (a block may have thousands of keys).
func (l *linter) caseDuplicates(s *policy.Statement) {
	type blockKey struct{ op, key string }
	first := map[blockKey]string{}
	for j := range s.Conditions {
		c := &s.Conditions[j]
		k := blockKey{c.Op.Name, lower(c.Key)}
		d, seen := first[k]
		if !seen {
			first[k] = c.Key
			continue
		}
		off, end := l.keyRef(c)
		l.report(chkDuplicateKeyCase, off, end, quote(c.Key)+" repeats "+quote(d)+" in the "+c.Op.Name+" block: key names are case-insensitive, so AWS sees the key twice; merge their values under one key")
	}
}

func (l *linter) checkCondition(st *stmtInfo, c *policy.Condition) {
	s := st.s
	off, end := l.keyRef(c)
	op := c.Op
	if len(c.Values) == 0 {
		msg := "the condition key " + quote(c.Key) + " has no values"
		switch {
		case op.Set == ForAllValuesOp:
			msg += ": with ForAllValues it matches only when the key is absent; to test for that, use \"Null\": {\"" + c.Key + "\": \"true\"}"
		case op.IfExists:
			msg += ": with IfExists it matches only when the key is absent; to test for that, use \"Null\": {\"" + c.Key + "\": \"true\"}"
		default:
			msg += ", so the condition never matches: add values or remove the key"
		}
		l.report(chkEmptyValues, c.Off, 0, msg)
	}
	prefix, name, ok := strings.Cut(c.Key, ":")
	if !ok || prefix == "" || name == "" {
		l.report(chkKeyFormat, off, end, quote(c.Key)+" is not a condition key: keys are written \"prefix:name\", such as \"aws:SourceIp\" or \"s3:prefix\"")
		return
	}
	lk := lower(c.Key)
	for _, t := range []string{"aws:requesttag", "aws:resourcetag", "aws:principaltag"} {
		if lk == t || lk == t+"/" {
			l.report(chkTagKeyMissing, off, end, quote(c.Key)+" needs the tag key it tests: write \""+c.Key[:len(t)]+"/tag-key\", such as \""+c.Key[:len(t)]+"/team\"")
			return
		}
	}
	if op.IfExists && alwaysPresent[lk] {
		l.report(chkIfExistsPresent, c.OpOff, keyEnd(l.p.Src, c.OpOff), "AWS sets "+c.Key+" in every request, so IfExists changes nothing here: use "+strings.Replace(op.Name, "IfExists", "", 1))
	}
	if op.Base == policy.OpNull {
		var t, f bool
		for _, v := range c.Values {
			t, f = t || v.S == "true", f || v.S == "false"
		}
		if t && f {
			l.report(chkNullBoth, off, end, "Null with both \"true\" and \"false\" is always true: keep the one you mean")
		}
	}
	if op.Set == ForAllValuesOp && s.Effect == policy.Allow && !hasNullFalse(s, c.Key) && !op.Base.Negated() {
		l.report(chkForAllValuesAllow, c.OpOff, keyEnd(l.p.Src, c.OpOff), "ForAllValues is true when the request has no "+c.Key+" at all, so this Allow also applies to requests without it; add \"Null\": {\""+c.Key+"\": \"false\"} to require the key")
	}
	l.checkValues(c)
	l.checkRegionValues(c)
	if l.cat == nil {
		return
	}
	key, known := l.cat.ConditionKey(c.Key)
	if !known && legacyGlobalKeys[lk] {
		return
	}
	if !known {
		l.unknownKey(c, prefix)
		return
	}
	l.checkKeyType(c, key)
	if _, global := l.cat.GlobalConditionKey(c.Key); !global {
		l.keySupported(st, c, key)
	}
}

// ForAllValuesOp names policy.ForAllValues here, where it reads better.
const ForAllValuesOp = policy.ForAllValues

func hasNullFalse(s *policy.Statement, key string) bool {
	for _, c := range s.Conditions {
		if c.Op.Base == policy.OpNull && strings.EqualFold(c.Key, key) {
			for _, v := range c.Values {
				if v.S == "false" {
					return true
				}
			}
		}
	}
	return false
}

func (l *linter) unknownKey(c *policy.Condition, prefix string) {
	off, end := l.keyRef(c)
	lp := lower(prefix)
	if lp != "aws" && l.cat.UndocumentedKey(c.Key) {
		l.report(chkUndocumentedKey, off, end, "AWS's Service Authorization Reference does not define "+quote(c.Key)+", but AWS's own managed policies use it: it is retired or undocumented, so check that requests carry it")
		return
	}
	if lp == "aws" {
		if strings.EqualFold(c.Key, "aws:ARN") {
			l.report(chkUnknownGlobalKey, off, end, "aws:ARN is not supported: use aws:PrincipalArn for the caller's ARN, or aws:SourceArn for the resource a service acts for")
			return
		}
		l.report(chkUnknownGlobalKey, off, end, "AWS has no global condition key "+quote(c.Key)+didYouMean(closest(c.Key, dataOf(l.cat).globals())))
		return
	}
	svc, err := l.cat.Service(prefix)
	if err != nil {
		l.report(chkUnknownKeyPrefix, off, end, "no AWS service has the condition key prefix "+quote(prefix)+didYouMean(closestKeyPrefix(prefix, dataOf(l.cat).prefixes(), c.Key))).lacks = "p:" + lp
		return
	}
	names := make([]string, len(svc.ConditionKeys))
	for i, k := range svc.ConditionKeys {
		names[i] = k.Name
	}
	l.report(chkUnknownServiceKey, off, end, svc.Name+" has no condition key "+quote(c.Key)+didYouMean(closest(c.Key, names))).lacks = "k:" + lower(c.Key)
}

func closestKeyPrefix(prefix string, prefixes []string, key string) string {
	p := closest(prefix, prefixes)
	if p == "" {
		return ""
	}
	_, name, _ := strings.Cut(key, ":")
	return p + ":" + name
}

// operatorTypes lists the operator types that fit each key type.
var operatorTypes = map[catalog.ConditionType][]string{
	catalog.String:        {"String"},
	catalog.ArrayOfString: {"String"},
	catalog.ARN:           {"ARN", "String"},
	catalog.ArrayOfARN:    {"ARN", "String"},
	catalog.Numeric:       {"Numeric"},
	catalog.Date:          {"Date"},
	catalog.Bool:          {"Bool"},
	catalog.ArrayOfBool:   {"Bool"},
	catalog.IPAddress:     {"IP"},
	catalog.Binary:        {"Binary"},
}

var operatorExample = map[string]string{"String": "StringEquals or StringLike", "ARN": "ArnEquals or ArnLike",
	"Numeric": "NumericEquals, NumericLessThan...", "Date": "DateLessThan, DateGreaterThan...", "Bool": "Bool",
	"IP": "IpAddress or NotIpAddress", "Binary": "BinaryEquals"}

func (l *linter) checkKeyType(c *policy.Condition, key *catalog.ConditionKey) {
	op := c.Op
	off, end := l.keyRef(c)
	multi := strings.HasPrefix(string(key.Type), "ArrayOf")
	if op.Base != policy.OpNull {
		want, ok := operatorTypes[key.Type]
		if strings.EqualFold(key.Name, "aws:EpochTime") {
			want = []string{"Date", "Numeric"} // documented as both
		}
		if ok && !slices.Contains(want, op.Base.Type()) {
			l.report(chkTypeMismatch, c.OpOff, keyEnd(l.p.Src, c.OpOff), c.Key+" is of type "+string(key.Type)+", but "+op.Name+" compares "+op.Base.Type()+" values: use "+operatorExample[want[0]])
		}
		if multi && op.Set == policy.SetNone {
			l.report(chkSingleValueOp, c.OpOff, keyEnd(l.p.Src, c.OpOff), c.Key+" can have several values in a request ("+string(key.Type)+"): qualify the operator with ForAnyValue: (any value matches) or ForAllValues: (every value matches)")
		}
	}
	if !multi && op.Set == ForAllValuesOp {
		l.report(chkForAllValuesSingle, off, end, c.Key+" has a single value: ForAllValues is also true when the key is absent, which can allow more than intended; remove the ForAllValues: qualifier")
	}
}

// checkValues checks that each value fits the operator's type.
func (l *linter) checkValues(c *policy.Condition) {
	t := c.Op.Base.Type()
	vars := l.p.Vars()
	var bools [2]bool
	var public, private []policy.Value
	for _, v := range c.Values {
		s := v.S
		if policy.HasVariable(s) {
			if t != "String" && t != "ARN" && t != "Null" && vars {
				l.reportValue(chkVariableOperator, v, "policy variables work only with String and Arn operators; "+c.Op.Name+" compares "+quote(s)+" as it is")
			}
			continue
		}
		switch t {
		case "Bool":
			switch lower(s) {
			case "true":
				bools[1] = true
			case "false":
				bools[0] = true
			default:
				l.reportValue(chkBoolValue, v, "Bool takes \"true\" or \"false\", not "+quote(s))
			}
		case "Date":
			if _, ok := policy.ParseDate(s); !ok {
				l.reportValue(chkDateValue, v, quote(s)+" is not a date: write it as ISO 8601, such as \"2026-01-31\" or \"2026-01-31T12:00:00Z\"")
			} else if isEpochText(s) {
				l.reportValue(chkDateEpoch, v, quote(s)+" is read as seconds since 1970; an ISO 8601 date such as \"2026-01-31T00:00:00Z\" is easier to check")
			}
		case "Numeric":
			if _, ok := policy.ParseNumber(s); !ok {
				l.reportValue(chkNumericValue, v, quote(s)+" is not a number, so "+c.Op.Name+" never matches it")
			}
		case "IP":
			if !strings.Contains(s, "/") {
				if a, err := netip.ParseAddr(s); err == nil {
					classify(a, v, &public, &private)
				} else {
					l.reportValue(chkIPValue, v, quote(s)+" is not an IP address or CIDR block, such as \"203.0.113.0/24\"")
				}
				continue
			}
			p, err := netip.ParsePrefix(s)
			if err != nil {
				l.reportValue(chkIPValue, v, quote(s)+" is not an IP address or CIDR block, such as \"203.0.113.0/24\"")
				continue
			}
			if p.Masked() != p {
				l.reportValue(chkIPHostBits, v, "the bits after /"+itoa(p.Bits())+" are ignored: write "+quote(p.Masked().String()))
			}
			classify(p.Addr(), v, &public, &private)
		case "ARN":
			if s != "*" && !strings.HasPrefix(s, "arn:") && !strings.HasPrefix(s, "*") {
				l.reportValue(chkARNValue, v, quote(s)+" is not an ARN, so "+c.Op.Name+" never matches it: write the full ARN, such as \"arn:aws:iam::111122223333:role/Name\", or use a String operator")
			}
		case "Binary":
			if !isBase64(s) {
				l.reportValue(chkBinaryValue, v, quote(s)+" is not base64: BinaryEquals compares base64-encoded bytes")
			}
		}
		if (c.Op.Base.Type() == "String" || c.Op.Base.Type() == "ARN") && hasWildcard(s) && !isLike(c.Op.Base) {
			like := "StringLike"
			if t == "ARN" {
				like = "ArnLike"
			}
			l.reportValue(chkWildcardNoLike, v, c.Op.Name+" compares * and ? as plain characters: if "+quote(s)+" is a pattern, use "+like)
		}
	}
	if bools[0] && bools[1] {
		l.report(chkBoolMultiple, c.Off, 0, "Bool with both true and false matches whenever the key is present: keep one value")
	}
	switch c.Op.Base {
	case policy.OpNumericLessThan, policy.OpNumericLessThanEquals, policy.OpNumericGreaterThan, policy.OpNumericGreaterThanEquals:
		if len(c.Values) > 1 {
			l.report(chkNumericRedundant, c.Off, 0, "with several values "+c.Op.Name+" matches if any one does, so only the widest counts: keep a single value")
		}
	}
	if strings.EqualFold(c.Key, "aws:SourceIp") && len(private) > 0 {
		if len(public) == 0 {
			msg := "aws:SourceIp is a public address (requests from a VPC endpoint carry aws:VpcSourceIp instead), so these private addresses never match"
			if c.Op.Base == policy.OpNotIPAddress {
				msg = "aws:SourceIp is a public address, so NotIpAddress with only private addresses is always true"
			}
			l.report(chkPrivateIP, c.Off, 0, msg+": use aws:VpcSourceIp for private ranges")
		} else {
			l.reportValue(chkPrivateIPSubset, private[0], quote(private[0].S)+" is a private range, which aws:SourceIp never carries: compare it with aws:VpcSourceIp in its own condition")
		}
	}
}

func classify(a netip.Addr, v policy.Value, public, private *[]policy.Value) {
	if a.IsPrivate() || a.IsLoopback() || a.IsLinkLocalUnicast() {
		*private = append(*private, v)
	} else {
		*public = append(*public, v)
	}
}

func isLike(o policy.BaseOp) bool {
	switch o {
	case policy.OpStringLike, policy.OpStringNotLike, policy.OpArnLike, policy.OpArnNotLike:
		return true
	}
	return false
}

func isEpochText(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c == '.' || c == '-' && i == 0) {
			return false
		}
	}
	return s != ""
}

func isBase64(s string) bool {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '+', c == '/':
			n++
		case c == '=':
			rest := strings.TrimRight(s[i:], "=")
			return rest == "" && len(s)%4 == 0
		default:
			return false
		}
	}
	return n%4 != 1
}

// supportedKeys returns the lower-case condition keys the statement's
// actions support.
func (st *stmtInfo) supportedKeys() map[string]bool {
	if st.keys != nil {
		return st.keys
	}
	m := map[string]bool{}
	add := func(keys []string) {
		for _, k := range keys {
			m[lower(k)] = true
		}
	}
	refs := func(rs []catalog.ResourceRef) {
		for _, r := range rs {
			add(r.ConditionKeys)
			if r.Type != nil {
				add(r.Type.ConditionKeys)
			}
		}
	}
	for _, a := range st.actions {
		add(a.ConditionKeys)
		refs(a.Resources)
		for _, sc := range a.Scenarios {
			refs(sc.Resources)
		}
	}
	st.keys = m
	return m
}

func (l *linter) keySupported(st *stmtInfo, c *policy.Condition, key *catalog.ConditionKey) {
	if st.broad || len(st.actions) == 0 {
		return
	}
	if st.supportedKeys()[lower(key.Name)] {
		return
	}
	off, end := l.keyRef(c)
	if l.cat.UndocumentedKey(c.Key) {
		l.report(chkUndocumentedKey, off, end, "AWS's Service Authorization Reference lists "+c.Key+" for none of the statement's actions, but AWS's own managed policies use it with them: check that requests for them carry it")
		return
	}
	var names []string
	for _, a := range st.actions {
		if n := a.FullName(); !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	l.report(chkKeyNotSupported, off, end, "none of the statement's actions ("+listSome(names, 3)+") supports "+c.Key+", so a request for them never carries it and the condition "+
		map[bool]string{true: "always holds for negated and IfExists operators", false: "never holds"}[c.Op.IfExists || c.Op.Base.Negated()]+": check the key's service, or move the key to a statement with actions that support it").lacks = "k:" + lower(c.Key)
}

// tagSupport reports aws:ResourceTag conditions over actions that do not
// support the key.
func (l *linter) tagSupport(st *stmtInfo) {
	if st.broad || len(st.actions) == 0 {
		return
	}
	for j := range st.s.Conditions {
		c := &st.s.Conditions[j]
		if !strings.HasPrefix(lower(c.Key), "aws:resourcetag/") || c.Op.Base == policy.OpNull {
			continue
		}
		var unsupported []string
		for _, a := range st.actions {
			if !actionSupports(a, "aws:resourcetag/${tagkey}") && !slices.Contains(unsupported, a.FullName()) {
				unsupported = append(unsupported, a.FullName())
			}
		}
		if len(unsupported) == 0 {
			continue
		}
		off, end := l.keyRef(c)
		if st.s.Effect == policy.Deny {
			l.report(chkTagUnsupportedDeny, off, end, listSome(unsupported, 3)+" do not support aws:ResourceTag, so requests for them never carry it and this Deny never denies them: deny those actions in a statement without the tag condition")
		} else {
			l.report(chkTagUnsupported, off, end, listSome(unsupported, 3)+" do not support aws:ResourceTag, so this statement never allows them: move them to a statement without the tag condition")
		}
		return
	}
}

func actionSupports(a *catalog.Action, key string) bool {
	has := func(keys []string) bool {
		for _, k := range keys {
			if lower(k) == key {
				return true
			}
		}
		return false
	}
	if has(a.ConditionKeys) {
		return true
	}
	for _, r := range a.Resources {
		if has(r.ConditionKeys) || r.Type != nil && has(r.Type.ConditionKeys) {
			return true
		}
	}
	for _, sc := range a.Scenarios {
		for _, r := range sc.Resources {
			if has(r.ConditionKeys) || r.Type != nil && has(r.Type.ConditionKeys) {
				return true
			}
		}
	}
	return false
}

func (l *linter) pairedKeys(st *stmtInfo) {
	var vpcIP *policy.Condition
	paired := false
	for j := range st.s.Conditions {
		c := &st.s.Conditions[j]
		switch lower(c.Key) {
		case "aws:vpcsourceip":
			if !c.Op.Base.Negated() {
				vpcIP = c
			}
		case "aws:sourcevpc", "aws:sourcevpce", "aws:sourcevpcarn":
			paired = true
		}
	}
	if vpcIP != nil && !paired {
		off, end := l.keyRef(vpcIP)
		l.report(chkPairedKeys, off, end, "private addresses repeat across VPCs: pair aws:VpcSourceIp with aws:SourceVpc or aws:SourceVpce in the same statement, so that only your VPC matches")
	}
}
