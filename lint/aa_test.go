package lint

import "testing"

// departures are the checks whose severity differs from Access Analyzer's
// for one of their issue codes, and why. Any other difference fails.
var departures = map[string]string{
	// The policy parser refuses these (package policy); Access Analyzer
	// only suggests.
	"condition.operator/NULL_WITH_QUALIFIER":                         "the parser refuses Null with a set qualifier",
	"principal.empty/EMPTY_OBJECT_PRINCIPAL":                         "the parser refuses an empty Principal object",
	"statement.emptyList/EMPTY_ARRAY_ACTION":                         "the parser refuses an empty list",
	"statement.emptyList/EMPTY_ARRAY_RESOURCE":                       "the parser refuses an empty list",
	"statement.emptyList/EMPTY_ARRAY_PRINCIPAL":                      "the parser refuses an empty list",
	"action.undocumented/INVALID_ACTION":                             "AWS's own managed policies use these names",
	"action.undocumented/INVALID_SERVICE_IN_ACTION":                  "AWS's own managed policies use these names",
	"condition.undocumentedKey/INVALID_SERVICE_CONDITION_KEY":        "AWS's own managed policies use these keys",
	"condition.undocumentedKey/UNSUPPORTED_ACTION_FOR_CONDITION_KEY": "AWS's own managed policies use these keys so",
	"resource.noType/INVALID_ARN_RESOURCE":                           "the catalog's ARN formats miss some that AWS's own policies use",
	"resource.regionUnknown/INVALID_ARN_REGION":                      "the name may be a Region opened after the catalog was built",
	"condition.singleValueOperator/MISSING_QUALIFIER":                "AWS's own managed policies do it, and the condition still works on the first value",
}

// TestAccessAnalyzerSeverities holds every check to Access Analyzer's
// severity for the issue codes it maps to, but for the departures above.
func TestAccessAnalyzerSeverities(t *testing.T) {
	used := map[string]bool{}
	for _, c := range Checks() {
		for _, code := range c.AccessAnalyzer {
			sev, ok := accessAnalyzer[code]
			if !ok {
				t.Errorf("%s: Access Analyzer issue code %s is not in the table", c.Code, code)
				continue
			}
			key := c.Code + "/" + code
			used[key] = true
			if sev != c.Severity && departures[key] == "" {
				t.Errorf("%s is a %s, Access Analyzer's %s a %s", c.Code, c.Severity, code, sev)
			}
			if sev == c.Severity && departures[key] != "" {
				t.Errorf("%s: departure listed for %s, whose severity agrees", c.Code, code)
			}
		}
	}
	for key := range departures {
		if !used[key] {
			t.Errorf("departure %s names no check's issue code", key)
		}
	}
}

// The severities the issues ask for: AWS's "error" where Access Analyzer
// reports one.
func TestSeverities(t *testing.T) {
	for code, want := range map[string]Severity{
		"action.unknown": Error, "action.unknownService": Error, "action.noMatch": Error,
		"condition.unknownServiceKey": Error, "condition.unknownKeyPrefix": Error, "condition.keyNotSupported": Error,
		"resource.region": Error, "resource.account": Error, "resource.regionName": Error,
		"principal.federatedNotSupported": Error, "resource.typeWildcard": Error,
	} {
		if c, ok := Lookup(code); !ok || c.Severity != want {
			t.Errorf("%s: %v, want %v", code, c.Severity, want)
		}
	}
}
