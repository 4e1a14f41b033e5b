package iam

import (
	"strconv"
	"strings"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/policy"
	"github.com/iamlab/iamlab/sim/protocol"
)

// MaxContextKeyName bounds ContextKeyName ("ContextKeyNameType": length 5
// to 256, IAM API Reference).
const MaxContextKeyName = 256

// contextTypes are the ContextKeyType values (ContextKeyTypeEnum) and
// whether each is a list type.
var contextTypes = map[string]bool{
	"string": false, "stringList": true,
	"numeric": false, "numericList": true,
	"boolean": false, "booleanList": true,
	"ip": false, "ipList": true,
	"binary": false, "binaryList": true,
	"date": false, "dateList": true,
}

// readContextEntries reads ContextEntries.member.N: "A list of context keys
// and corresponding values for the simulation to use. Whenever a context
// key is evaluated in one of the simulated IAM permissions policies, the
// corresponding value is supplied." Each value must be of the entry's
// ContextKeyType, and only a list type holds more than one.
func readContextEntries(p protocol.Params) ([]authz.Entry, error) {
	var out []authz.Entry
	for i, m := range p.Structs("ContextEntries") {
		e, err := readContextEntry(m, i+1)
		if err != nil {
			return nil, err
		}
		for _, prev := range out {
			if strings.EqualFold(prev.Key, e.Key) {
				return nil, invalidInput("The context key %s is given more than once.", e.Key)
			}
		}
		out = append(out, e)
	}
	return out, nil
}

func readContextEntry(m protocol.Params, n int) (authz.Entry, error) {
	key := m.Get("ContextKeyName")
	if len(key) < 5 || len(key) > MaxContextKeyName {
		return authz.Entry{}, protocol.Validation("1 validation error detected: Value '%s' at 'contextEntries.%d.member.contextKeyName' failed to satisfy constraint: Member must have length between 5 and %d", key, n, MaxContextKeyName)
	}
	typ := m.Get("ContextKeyType")
	list, known := contextTypes[typ]
	if !known {
		return authz.Entry{}, protocol.Validation("1 validation error detected: Value '%s' at 'contextEntries.%d.member.contextKeyType' failed to satisfy enum value set: [string, stringList, numeric, numericList, boolean, booleanList, ip, ipList, binary, binaryList, date, dateList]", typ, n)
	}
	values := m.List("ContextKeyValues")
	if !list && len(values) != 1 {
		return authz.Entry{}, invalidInput("The context key %s of type %s takes exactly one value; %d were given.", key, typ, len(values))
	}
	base := strings.TrimSuffix(typ, "List")
	for _, v := range values {
		if !validContextValue(base, v) {
			return authz.Entry{}, invalidInput("The value %q of context key %s is not a valid %s.", v, key, base)
		}
	}
	if values == nil {
		values = []string{}
	}
	return authz.Entry{Key: key, Values: values}, nil
}

// validContextValue checks one value against its type, as the policy
// language reads values of that type.
func validContextValue(typ, v string) bool {
	switch typ {
	case "numeric":
		_, ok := policy.ParseNumber(v)
		return ok
	case "boolean":
		return strings.EqualFold(v, "true") || strings.EqualFold(v, "false")
	case "ip":
		_, ok := policy.ParseCIDR(v)
		return ok
	case "date":
		if _, ok := policy.ParseDate(v); ok {
			return true
		}
		_, err := strconv.ParseInt(v, 10, 64) // epoch seconds, as aws:EpochTime
		return err == nil
	}
	return true // string and binary (base64 is not checked: IAM compares the text)
}
