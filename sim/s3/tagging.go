package s3

import (
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/iamlab/iamlab/sim/world"
)

// Object tag limits: "You can associate up to 10 tags with an object",
// "A tag key can be up to 128 Unicode characters in length, and tag
// values can be up to 256 Unicode characters in length" (S3 User Guide,
// categorizing your storage using tags).
const (
	maxObjectTags  = 10
	maxTagKeyLen   = 128
	maxTagValueLen = 256
)

// parseTagging reads the x-amz-tagging header: tags "encoded as URL
// query parameters" (key1=value1&key2=value2). A malformed header, a
// repeated key, and tags past the limits are refused as S3 refuses them.
func parseTagging(h string) ([]world.Tag, error) {
	bad := invalidArgument("The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.",
		"x-amz-tagging", h)
	if h == "" {
		return nil, nil
	}
	var tags []world.Tag
	for _, part := range strings.Split(h, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		key, err1 := url.QueryUnescape(k)
		val, err2 := url.QueryUnescape(v)
		if err1 != nil || err2 != nil || key == "" || hasTag(tags, key) {
			return nil, bad
		}
		if err := checkTag(key, val); err != nil {
			return nil, err
		}
		tags = append(tags, world.Tag{Key: key, Value: val})
		if len(tags) > maxObjectTags {
			return nil, errorf(http.StatusBadRequest, "BadRequest", "Object tags cannot be greater than 10")
		}
	}
	return tags, nil
}

// checkTag applies the limits of one tag.
func checkTag(key, val string) *Error {
	switch {
	case !validText(key) || !validText(val):
		return errorf(http.StatusBadRequest, "InvalidTag", "The TagKey or TagValue you have provided is invalid")
	case len([]rune(key)) > maxTagKeyLen:
		return errorf(http.StatusBadRequest, "InvalidTag", "The TagKey you have provided is too long, max 128")
	case len([]rune(val)) > maxTagValueLen:
		return errorf(http.StatusBadRequest, "InvalidTag", "The TagValue you have provided is too long, max 256")
	case strings.HasPrefix(strings.ToLower(key), "aws:"):
		return errorf(http.StatusBadRequest, "InvalidTag", "Your TagKey cannot be prefixed with aws:")
	}
	return nil
}

// validText: UTF-8 without control characters.
func validText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			return false
		}
	}
	return true
}

func hasTag(tags []world.Tag, key string) bool {
	for _, t := range tags {
		if t.Key == key {
			return true
		}
	}
	return false
}
