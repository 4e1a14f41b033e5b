package acm

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/iamlab/iamlab/sim/world"
)

// FileCertificate is a certificate of a world file (docs/world.md,
// "certificates"): requested as RequestCertificate would, and issued at
// once when its status says so. InUseBy names the resources that use it
// (a load balancer, a distribution...), which the world does not have
// otherwise: DeleteCertificate refuses a certificate in use.
type FileCertificate struct {
	DomainName              string            `json:"domainName"`
	SubjectAlternativeNames []string          `json:"subjectAlternativeNames,omitempty"`
	ValidationMethod        string            `json:"validationMethod,omitempty"`
	KeyAlgorithm            string            `json:"keyAlgorithm,omitempty"`
	Region                  string            `json:"region,omitempty"`
	Status                  string            `json:"status,omitempty"`
	InUseBy                 []string          `json:"inUseBy,omitempty"`
	Tags                    map[string]string `json:"tags,omitempty"`
}

// DefaultRegion is a world file certificate's Region when it names none.
const DefaultRegion = "us-east-1"

func init() {
	world.RegisterSection("certificates", applySection)
}

func applySection(tx *world.Tx, w *world.World, account string, raw json.RawMessage) error {
	d := json.NewDecoder(bytes.NewReader(raw))
	d.DisallowUnknownFields()
	var list []FileCertificate
	if err := d.Decode(&list); err != nil {
		return err
	}
	now := w.Now().UTC()
	for _, fc := range list {
		if err := applyCertificate(tx, w, account, &fc, now); err != nil {
			return fmt.Errorf("certificate %s: %w", fc.DomainName, err)
		}
	}
	return nil
}

func applyCertificate(tx *world.Tx, w *world.World, account string, fc *FileCertificate, now time.Time) error {
	method := fc.ValidationMethod
	if method == "" {
		method = MethodDNS
	}
	dn := fc.DomainName
	in := &requestIn{DomainName: &dn, ValidationMethod: method, SubjectAlternativeNames: fc.SubjectAlternativeNames,
		KeyAlgorithm: fc.KeyAlgorithm, Tags: fileTags(fc.Tags)}
	r, err := readRequest(in)
	if err != nil {
		return err
	}
	region := fc.Region
	if region == "" {
		region = DefaultRegion
	}
	cert, err := newCertificate(w, tx, r, account, region, now)
	if err != nil {
		return err
	}
	cert.InUseBy = fc.InUseBy
	switch fc.Status {
	case "", StatusPending:
	case StatusIssued:
		for i := range cert.Validations {
			cert.Validations[i].Status, cert.Validations[i].Validated = DomainSuccess, now
		}
		cert.Status, cert.Issue = StatusIssued, &Issue{At: now}
		if err := issue(w, tx, cert); err != nil {
			return err
		}
	default:
		return fmt.Errorf("status %q: a world file's certificate is %s or %s", fc.Status, StatusPending, StatusIssued)
	}
	return certs.Put(tx, cert.ARN, cert)
}

func fileTags(m map[string]string) []tagIn {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []tagIn
	for _, k := range keys {
		k, v := k, m[k]
		out = append(out, tagIn{Key: &k, Value: &v})
	}
	return out
}
