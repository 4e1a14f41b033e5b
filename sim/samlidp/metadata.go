package samlidp

import (
	"encoding/base64"

	"github.com/iamlab/iamlab/sim/saml"
	"github.com/iamlab/iamlab/sim/xmldsig"
)

// Path is where the simulated IdPs answer HTTP.
const Path = "/_iamlab/saml/"

// Metadata is the IdP's SAML metadata document: its entity ID, signing
// certificate and single sign-on endpoint at base (the simulator's URL,
// e.g. http://127.0.0.1:4566). This is the document CreateSAMLProvider
// takes.
func (p *IdP) Metadata(base string) []byte {
	md := func(local string, attrs ...string) *xmldsig.Element {
		e := &xmldsig.Element{Prefix: "md", Local: local, Space: saml.NSMetadata}
		for i := 0; i+1 < len(attrs); i += 2 {
			e.Attrs = append(e.Attrs, xmldsig.Attr{Local: attrs[i], Value: attrs[i+1]})
		}
		return e
	}
	root := md("EntityDescriptor", "entityID", p.EntityID)
	root.NS = []xmldsig.NS{{Prefix: "md", URI: saml.NSMetadata}, {Prefix: "ds", URI: xmldsig.NSDSig}}
	idp := root.Append(md("IDPSSODescriptor", "protocolSupportEnumeration", saml.NSProtocol))
	kd := idp.Append(md("KeyDescriptor", "use", "signing"))
	ds := func(local string) *xmldsig.Element {
		return &xmldsig.Element{Prefix: "ds", Local: local, Space: xmldsig.NSDSig}
	}
	cert := kd.Append(ds("KeyInfo")).Append(ds("X509Data")).Append(ds("X509Certificate"))
	cert.Children = []xmldsig.Node{xmldsig.Text(base64.StdEncoding.EncodeToString(p.Key.cert))}
	for _, f := range []string{"persistent", "transient"} {
		idp.Append(md("NameIDFormat")).Children = []xmldsig.Node{xmldsig.Text(nameIDFormat + f)}
	}
	idp.Append(md("SingleSignOnService", "Binding", "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect",
		"Location", base+Path+p.Name+"/sso"))
	return root.Bytes()
}

const nameIDFormat = "urn:oasis:names:tc:SAML:2.0:nameid-format:"
