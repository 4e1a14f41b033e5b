package world

import (
	"encoding/json"

	"github.com/iamlab/iamlab/policy"
)

// Doc is a policy document: the text as it was saved and the policy parsed
// from it, once, when it was saved or loaded. It is stored as its text.
type Doc struct {
	Text   string
	Policy *policy.Policy
}

// ParseDoc parses a policy document's text.
func ParseDoc(text string) (*Doc, error) {
	p, err := policy.Parse(text)
	if err != nil {
		return nil, err
	}
	return &Doc{Text: text, Policy: p}, nil
}

// MarshalJSON writes the text.
func (d *Doc) MarshalJSON() ([]byte, error) { return json.Marshal(d.Text) }

// UnmarshalJSON reads the text and parses it.
func (d *Doc) UnmarshalJSON(b []byte) error {
	if err := json.Unmarshal(b, &d.Text); err != nil {
		return err
	}
	p, err := policy.Parse(d.Text)
	if err != nil {
		return err
	}
	d.Policy = p
	return nil
}
