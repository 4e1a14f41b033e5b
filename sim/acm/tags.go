package acm

import (
	"net/http"
	"regexp"
	"sort"
	"strings"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// Tag limits (ACM API model, Tag).
const (
	MaxTagKey   = 128
	MaxTagValue = 256
)

var tagPattern = regexp.MustCompile(`^[\p{L}\p{Z}\p{N}_.:\/=+\-@]*$`)

// readTags checks a tag list: its length (1 to max), each key and value
// against the model, and no key in the aws: namespace, which AWS keeps for
// itself ("you cannot specify a tag value that begins with aws:",
// InvalidTagException).
func readTags(in []tagIn, max int) ([]world.Tag, error) {
	if len(in) > max {
		return nil, protocol.Errorf(http.StatusBadRequest, "TooManyTagsException", "The request contains more than %d tags.", max)
	}
	var out []world.Tag
	for i, t := range in {
		if t.Key == nil {
			return nil, validation("Value null at 'tags.%d.member.key' failed to satisfy constraint: Member must not be null", i+1)
		}
		k, v := *t.Key, ""
		if t.Value != nil {
			v = *t.Value
		}
		if k == "" || len(k) > MaxTagKey || !tagPattern.MatchString(k) {
			return nil, validation("Value '%s' at 'tags.%d.member.key' failed to satisfy constraint: Member must have length between 1 and %d and satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@]*", k, i+1, MaxTagKey)
		}
		if len(v) > MaxTagValue || !tagPattern.MatchString(v) {
			return nil, validation("Value '%s' at 'tags.%d.member.value' failed to satisfy constraint: Member must have length less than or equal to %d and satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@]*", v, i+1, MaxTagValue)
		}
		if strings.HasPrefix(strings.ToLower(k), "aws:") {
			return nil, protocol.Errorf(http.StatusBadRequest, "InvalidTagException", "Tag key %s is invalid: keys beginning with aws: are reserved for AWS.", k)
		}
		out = append(out, world.Tag{Key: k, Value: v})
	}
	return out, nil
}

// tagContext is aws:RequestTag/KEY for each tag and aws:TagKeys.
func tagContext(tags []world.Tag) []authz.Entry {
	if len(tags) == 0 {
		return nil
	}
	var out []authz.Entry
	keys := make([]string, 0, len(tags))
	for _, t := range tags {
		out = append(out, authz.Entry{Key: "aws:RequestTag/" + t.Key, Values: []string{t.Value}})
		keys = append(keys, t.Key)
	}
	return append(out, authz.Entry{Key: "aws:TagKeys", Values: keys})
}

type tagsIn struct {
	CertificateArn *string
	Tags           []tagIn
}

func readTagsIn(c *service.Call) (parsedARN, []tagIn, error) {
	var in tagsIn
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return parsedARN{}, nil, err
	}
	p, err := readARN(in.CertificateArn)
	if err != nil {
		return parsedARN{}, nil, err
	}
	if in.Tags == nil {
		return parsedARN{}, nil, protocol.MissingParameter("ValidationException", "Tags")
	}
	if len(in.Tags) == 0 {
		return parsedARN{}, nil, validation("Value '[]' at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1")
	}
	return p, in.Tags, nil
}

func addTagsToCertificate(c *service.Call) (any, error) {
	p, raw, err := readTagsIn(c)
	if err != nil {
		return nil, err
	}
	tags, err := readTags(raw, MaxTags)
	if err != nil {
		return nil, err
	}
	err = c.World.Update(func(tx *world.Tx) error {
		keys := func(cert *Certificate) []authz.Entry { return append(keyPairOrigin(cert), tagContext(tags)...) }
		cert, err := lookup(c, tx, p, "acm:AddTagsToCertificate", keys)
		if err != nil {
			return err
		}
		next := cert.clone()
		for _, t := range tags {
			next.Tags = setTag(next.Tags, t)
		}
		if len(next.Tags) > MaxTags {
			return protocol.Errorf(http.StatusBadRequest, "TooManyTagsException", "The certificate would have more than %d tags.", MaxTags)
		}
		return certs.Put(tx, p.arn, next)
	})
	return nil, err
}

// setTag adds a tag or replaces the value of its key; keys in order.
func setTag(tags []world.Tag, t world.Tag) []world.Tag {
	for i := range tags {
		if tags[i].Key == t.Key {
			tags[i].Value = t.Value
			return tags
		}
	}
	tags = append(tags, t)
	sort.Slice(tags, func(i, j int) bool { return tags[i].Key < tags[j].Key })
	return tags
}

func removeTagsFromCertificate(c *service.Call) (any, error) {
	p, raw, err := readTagsIn(c)
	if err != nil {
		return nil, err
	}
	// Only the keys are checked: a tag to remove may be named by key alone.
	var keys []string
	var asked []world.Tag
	for i, t := range raw {
		if t.Key == nil {
			return nil, validation("Value null at 'tags.%d.member.key' failed to satisfy constraint: Member must not be null", i+1)
		}
		keys = append(keys, *t.Key)
		if t.Value != nil {
			asked = append(asked, world.Tag{Key: *t.Key, Value: *t.Value})
		}
	}
	err = c.World.Update(func(tx *world.Tx) error {
		ctx := func(*Certificate) []authz.Entry {
			var out []authz.Entry
			for _, t := range asked {
				out = append(out, authz.Entry{Key: "aws:RequestTag/" + t.Key, Values: []string{t.Value}})
			}
			return append(out, authz.Entry{Key: "aws:TagKeys", Values: keys})
		}
		cert, err := lookup(c, tx, p, "acm:RemoveTagsFromCertificate", ctx)
		if err != nil {
			return err
		}
		next := cert.clone()
		next.Tags = next.Tags[:0]
		for _, t := range cert.Tags {
			if !removes(raw, t) {
				next.Tags = append(next.Tags, t)
			}
		}
		return certs.Put(tx, p.arn, next)
	})
	return nil, err
}

// removes reports whether a tag is one a removal names: "If you do not
// specify the value portion of the tag ... the tag will be removed
// regardless of value. If you specify a value, the tag is removed only if
// it is associated with the specified value."
func removes(raw []tagIn, t world.Tag) bool {
	for _, r := range raw {
		if *r.Key == t.Key && (r.Value == nil || *r.Value == t.Value) {
			return true
		}
	}
	return false
}

type tagOut struct {
	Key   string
	Value string `json:",omitempty"`
}

type listTagsOut struct {
	Tags []tagOut
}

func listTagsForCertificate(c *service.Call) (any, error) {
	var in struct{ CertificateArn *string }
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return nil, err
	}
	p, err := readARN(in.CertificateArn)
	if err != nil {
		return nil, err
	}
	out := &listTagsOut{Tags: []tagOut{}}
	err = c.World.View(func(tx *world.Tx) error {
		cert, err := lookup(c, tx, p, "acm:ListTagsForCertificate", nil)
		if err != nil {
			return err
		}
		for _, t := range cert.Tags {
			out.Tags = append(out.Tags, tagOut{t.Key, t.Value})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
