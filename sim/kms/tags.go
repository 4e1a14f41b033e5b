package kms

import (
	"slices"
	"strings"

	"github.com/iamlab/iamlab/authz"
	"github.com/iamlab/iamlab/sim/protocol"
	"github.com/iamlab/iamlab/sim/service"
	"github.com/iamlab/iamlab/sim/world"
)

// Tag limits: TagKeyType is 1 to 128 characters, TagValueType 0 to 256;
// "Tags per KMS key: 50" (KMS quotas).
const (
	MaxTagKey  = 128
	MaxTagVal  = 256
	MaxKeyTags = 50
)

// checkTags validates the Tags parameter, as AWS answers: TagException
// "Duplicate tag keys", "Tags beginning with aws: are reserved".
func checkTags(tags []Tag) error {
	seen := make(map[string]bool, len(tags))
	for i, t := range tags {
		if len(t.TagKey) < 1 || len(t.TagKey) > MaxTagKey {
			return validation("1 validation error detected: Value '%s' at 'tags.%d.member.tagKey' failed to satisfy constraint: Member must have length less than or equal to %d", t.TagKey, i+1, MaxTagKey)
		}
		if len(t.TagValue) > MaxTagVal {
			return validation("1 validation error detected: Value '%s' at 'tags.%d.member.tagValue' failed to satisfy constraint: Member must have length less than or equal to %d", t.TagValue, i+1, MaxTagVal)
		}
		if strings.HasPrefix(strings.ToLower(t.TagKey), "aws:") {
			return tagError("Tags beginning with aws: are reserved")
		}
		if seen[t.TagKey] {
			return tagError("Duplicate tag keys")
		}
		seen[t.TagKey] = true
	}
	if len(tags) > MaxKeyTags {
		return tagError("Too many tags")
	}
	return nil
}

// requestTags are aws:RequestTag/* and aws:TagKeys for tags in a request.
func requestTags(tags []Tag) []authz.Entry {
	if len(tags) == 0 {
		return nil
	}
	out := make([]authz.Entry, 0, len(tags)+1)
	ks := make([]string, 0, len(tags))
	for _, t := range tags {
		out = append(out, entry("aws:RequestTag/"+t.TagKey, t.TagValue))
		ks = append(ks, t.TagKey)
	}
	return append(out, entry("aws:TagKeys", ks...))
}

type tagInput struct {
	KeyId *string
	Tags  []Tag
}

// tagResource adds tags or replaces their values: "If you specify an
// existing tag key with a different tag value, AWS KMS replaces the
// current tag value with the specified one."
func tagResource(c *service.Call) (any, error) {
	var in tagInput
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return nil, err
	}
	id, err := required(in.KeyId, "KeyId")
	if err != nil {
		return nil, err
	}
	if in.Tags == nil {
		return nil, missing("Tags")
	}
	if err := checkTags(in.Tags); err != nil {
		return nil, err
	}
	return nil, changeKey(c, id, "kms:TagResource", changeable, func(k *Key) error {
		for _, t := range in.Tags {
			if i := slices.IndexFunc(k.Tags, func(o Tag) bool { return o.TagKey == t.TagKey }); i >= 0 {
				k.Tags[i] = t
			} else {
				k.Tags = append(k.Tags, t)
			}
		}
		if len(k.Tags) > MaxKeyTags {
			return tagError("Too many tags")
		}
		return nil
	}, requestTags(in.Tags)...)
}

type untagInput struct {
	KeyId   *string
	TagKeys []string
}

func untagResource(c *service.Call) (any, error) {
	var in untagInput
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return nil, err
	}
	id, err := required(in.KeyId, "KeyId")
	if err != nil {
		return nil, err
	}
	if in.TagKeys == nil {
		return nil, missing("TagKeys")
	}
	for _, k := range in.TagKeys {
		if len(k) < 1 || len(k) > MaxTagKey {
			return nil, validation("1 validation error detected: Value '%s' at 'tagKeys' failed to satisfy constraint: Member must have length less than or equal to %d", k, MaxTagKey)
		}
	}
	return nil, changeKey(c, id, "kms:UntagResource", changeable, func(k *Key) error {
		k.Tags = slices.DeleteFunc(k.Tags, func(t Tag) bool { return slices.Contains(in.TagKeys, t.TagKey) })
		return nil
	}, entry("aws:TagKeys", in.TagKeys...))
}

type listTagsInput struct {
	KeyId  *string
	Limit  *int
	Marker *string
}

// listResourceTags: "Limit ... must be between 1 and 50, inclusive. If you
// do not include a value, it defaults to 50."
func listResourceTags(c *service.Call) (any, error) {
	var in listTagsInput
	if err := protocol.DecodeJSON(c.Body, &in); err != nil {
		return nil, err
	}
	id, err := required(in.KeyId, "KeyId")
	if err != nil {
		return nil, err
	}
	pg, err := readPage(in.Limit, in.Marker, 50, 50)
	if err != nil {
		return nil, err
	}
	var tags []Tag
	err = c.World.View(func(tx *world.Tx) error {
		k, _, err := resolve(c, tx, id, ownKey)
		if err != nil {
			return err
		}
		if err := allowKey(c, tx, k, question{action: "kms:ListResourceTags"}); err != nil {
			return err
		}
		tags = slices.Clone(k.Tags)
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(tags, func(a, b Tag) int { return strings.Compare(a.TagKey, b.TagKey) })
	items, next, more := paginate(tags, pg)
	return struct {
		Tags       []Tag
		NextMarker string `json:",omitempty"`
		Truncated  bool
	}{orEmpty(items), next, more}, nil
}
