package policy

import (
	"bytes"
	"encoding/base64"
)

// compareBinary compares base64-encoded bytes. Both sides are decoded so that
// padding and line breaks do not matter; text that is not base64 is compared
// as it is.
func compareBinary(cv, pv string) bool {
	c, err1 := decodeBase64(cv)
	p, err2 := decodeBase64(pv)
	if err1 != nil || err2 != nil {
		return cv == pv
	}
	return bytes.Equal(c, p)
}

func decodeBase64(s string) ([]byte, error) {
	if b, err := base64.StdEncoding.DecodeString(s); err == nil {
		return b, nil
	}
	return base64.RawStdEncoding.DecodeString(s)
}
