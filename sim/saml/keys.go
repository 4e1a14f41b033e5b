package saml

import "github.com/iamlab/iamlab/authz"

// attributeKeys maps SAML attribute names to the trust policy context keys
// AWS sets from them ("Mapping SAML attributes to AWS trust policy context
// keys", IAM User Guide: the eduPerson and eduOrg, Active Directory and
// X.500 tables; OIDs also in their urn:oid: form).
var attributeKeys = map[string]string{}

func init() {
	oids := []struct{ oid, key string }{
		{"1.3.6.1.4.1.5923.1.1.1.1", "edupersonaffiliation"},
		{"1.3.6.1.4.1.5923.1.1.1.2", "edupersonnickname"},
		{"1.3.6.1.4.1.5923.1.1.1.3", "edupersonorgdn"},
		{"1.3.6.1.4.1.5923.1.1.1.4", "edupersonorgunitdn"},
		{"1.3.6.1.4.1.5923.1.1.1.5", "edupersonprimaryaffiliation"},
		{"1.3.6.1.4.1.5923.1.1.1.6", "edupersonprincipalname"},
		{"1.3.6.1.4.1.5923.1.1.1.7", "edupersonentitlement"},
		{"1.3.6.1.4.1.5923.1.1.1.8", "edupersonprimaryorgunitdn"},
		{"1.3.6.1.4.1.5923.1.1.1.9", "edupersonscopedaffiliation"},
		{"1.3.6.1.4.1.5923.1.1.1.10", "edupersontargetedid"},
		{"1.3.6.1.4.1.5923.1.1.1.11", "edupersonassurance"},
		{"1.3.6.1.4.1.5923.1.2.1.2", "eduorghomepageuri"},
		{"1.3.6.1.4.1.5923.1.2.1.3", "eduorgidentityauthnpolicyuri"},
		{"1.3.6.1.4.1.5923.1.2.1.4", "eduorglegalname"},
		{"1.3.6.1.4.1.5923.1.2.1.5", "eduorgsuperioruri"},
		{"1.3.6.1.4.1.5923.1.2.1.6", "eduorgwhitepagesuri"},
		{"2.5.4.3", "commonName"}, // the eduOrg table maps urn:oid:2.5.4.3 to cn, below
		{"2.5.4.4", "surname"},
		{"2.5.4.42", "givenName"},
		{"2.5.4.45", "x500UniqueIdentifier"},
		{"0.9.2342.19200300.100.1.1", "uid"},
		{"0.9.2342.19200300.100.1.3", "mail"},
		{"0.9.2342.19200300.100.1.45", "organizationStatus"},
	}
	for _, o := range oids {
		attributeKeys[o.oid] = "saml:" + o.key
		attributeKeys["urn:oid:"+o.oid] = "saml:" + o.key
	}
	attributeKeys["urn:oid:2.5.4.3"] = "saml:cn"
	for name, key := range map[string]string{
		"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name":              "name",
		"http://schemas.xmlsoap.org/claims/CommonName":                            "commonName",
		"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname":         "givenName",
		"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname":           "surname",
		"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress":      "mail",
		"http://schemas.microsoft.com/ws/2008/06/identity/claims/primarygroupsid": "primaryGroupSID",
	} {
		attributeKeys[name] = "saml:" + key
	}
}

// Context is the context of the AssumeRoleWithSAML request that the trust
// policy is evaluated with: saml:aud (from the Recipient, "not the
// Audience field"), saml:iss, saml:sub, saml:sub_type, saml:doc
// (ACCOUNT/PROVIDER), saml:namequalifier, and a key per mapped attribute.
func (a *Assertion) Context(account, providerName string) []authz.Entry {
	out := []authz.Entry{
		{Key: "saml:aud", Values: []string{a.Recipient}},
		{Key: "saml:iss", Values: []string{a.Issuer}},
		{Key: "saml:doc", Values: []string{account + "/" + providerName}},
		{Key: "saml:namequalifier", Values: []string{NameQualifier(a.Issuer, account, providerName)}},
	}
	if a.NameID != "" {
		out = append(out, authz.Entry{Key: "saml:sub", Values: []string{a.NameID}},
			authz.Entry{Key: "saml:sub_type", Values: []string{a.SubjectType()}})
	}
	// "You should include only one claim per AWS context key. If you
	// include more than one, only one claim will be mapped": the first.
	seen := map[string]bool{}
	for _, at := range a.Attributes {
		key, ok := attributeKeys[at.Name]
		if !ok || seen[key] || len(at.Values) == 0 {
			continue
		}
		seen[key] = true
		out = append(out, authz.Entry{Key: key, Values: at.Values})
	}
	return out
}
