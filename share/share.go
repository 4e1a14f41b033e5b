// Package share is the share-link codec of the playground (share-url.md):
// a scenario's JSON text travels in a URL fragment as
// "v1." + base64url(raw DEFLATE(text)), so nothing is stored or sent to a
// server.
package share

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Limits on what a link may carry. They are checked before and during
// inflation, so a hostile link costs at most MaxInflated bytes of work.
const (
	// MaxPayload is the longest PAYLOAD (the base64url text) accepted.
	MaxPayload = 64 << 10
	// MaxInflated is the largest scenario text a payload may inflate to.
	MaxInflated = 256 << 10
)

// Version is the link format this package writes and reads.
const Version = 1

const prefix = "v1."

// b64 refuses non-zero bits after the last character, which no encoder
// writes, so that one link has one reading.
var b64 = base64.RawURLEncoding.Strict()

// Error is a link that cannot be opened. Code is stable for programs (the
// page translates it); Msg is English for people.
type Error struct {
	Code string
	Msg  string
}

func (e *Error) Error() string { return e.Msg }

// The codes of Error.
const (
	CodeEmpty        = "share.empty"
	CodeFormat       = "share.format"
	CodeVersion      = "share.version"
	CodeTooLong      = "share.tooLong"
	CodeBase64       = "share.base64"
	CodeDeflate      = "share.deflate"
	CodeTooLarge     = "share.tooLarge"
	CodeNotUTF8      = "share.utf8"
	CodeEncodeTooBig = "share.encodeTooLarge"
)

func fail(code, format string, args ...any) error {
	return &Error{Code: code, Msg: fmt.Sprintf(format, args...)}
}

// Encode returns the fragment ("v1.PAYLOAD", without '#') of a scenario's
// JSON text. It refuses a text that the decoder would refuse.
func Encode(scenarioJSON string) (string, error) {
	if !utf8.ValidString(scenarioJSON) {
		return "", fail(CodeNotUTF8, "the scenario is not UTF-8 text and cannot be shared as a link")
	}
	if len(scenarioJSON) > MaxInflated {
		return "", fail(CodeEncodeTooBig, "the scenario is larger than %d KiB and cannot be shared as a link", MaxInflated>>10)
	}
	var buf bytes.Buffer
	w, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		return "", err
	}
	if _, err := io.WriteString(w, scenarioJSON); err != nil {
		return "", err
	}
	if err := w.Close(); err != nil {
		return "", err
	}
	payload := b64.EncodeToString(buf.Bytes())
	if len(payload) > MaxPayload {
		return "", fail(CodeEncodeTooBig, "the scenario compresses to more than %d KiB and cannot be shared as a link", MaxPayload>>10)
	}
	return prefix + payload, nil
}

// Decode returns the scenario JSON text of a fragment, with or without its
// leading '#'. It never reads more than MaxInflated bytes of output. It is
// the one decoder of links: the page decodes through it (in the wasm
// module), so a link opens in the page exactly when it decodes here.
func Decode(fragment string) (string, error) {
	fragment = strings.TrimPrefix(fragment, "#")
	if fragment == "" {
		return "", fail(CodeEmpty, "the link carries no scenario")
	}
	n, payload, err := version(fragment)
	if err != nil {
		return "", err
	}
	if n != Version {
		return "", fail(CodeVersion, "the link was made by a newer IAM Lab (version %d; this page reads version %d): open it with that version", n, Version)
	}
	if len(payload) > MaxPayload {
		return "", fail(CodeTooLong, "the link is too long (%d KiB; at most %d KiB)", len(payload)>>10, MaxPayload>>10)
	}
	raw, err := decodeBase64(payload)
	if err != nil {
		return "", err
	}
	out, err := inflate(raw)
	if err != nil {
		return "", err
	}
	if !utf8.Valid(out) {
		return "", fail(CodeNotUTF8, "the link's scenario is not UTF-8 text")
	}
	return string(out), nil
}

// version reads "vN." where N is a decimal number without sign or leading
// zero ("v01." and "v+1." are not links of version 1).
func version(fragment string) (int, string, error) {
	ver, payload, ok := strings.Cut(fragment, ".")
	digits := strings.TrimPrefix(ver, "v")
	if !ok || len(digits) == len(ver) || digits == "" || digits[0] == '0' || len(digits) > maxVersionDigits || strings.Trim(digits, "0123456789") != "" {
		return 0, "", fail(CodeFormat, "the link is not a scenario link (it should start with #v1.)")
	}
	n, _ := strconv.Atoi(digits)
	return n, payload, nil
}

// maxVersionDigits bounds the version number a link may name.
const maxVersionDigits = 6

// decodeBase64 reads base64url without padding; Go's decoder would skip
// line breaks, which a link cannot carry.
func decodeBase64(payload string) ([]byte, error) {
	if strings.ContainsAny(payload, "\r\n") {
		return nil, fail(CodeBase64, "the link is damaged: it is not valid base64url")
	}
	raw, err := b64.DecodeString(payload)
	if err != nil {
		return nil, fail(CodeBase64, "the link is damaged: it is not valid base64url")
	}
	return raw, nil
}

// inflate unpacks one raw DEFLATE stream that must end the payload: bytes
// after its final block are a damaged link, as the browser's
// DecompressionStream says.
func inflate(raw []byte) ([]byte, error) {
	in := bytes.NewReader(raw) // an io.ByteReader: flate reads no byte past its stream
	r := flate.NewReader(in)
	defer r.Close()
	out, err := io.ReadAll(io.LimitReader(r, MaxInflated+1))
	switch {
	case len(out) > MaxInflated:
		return nil, fail(CodeTooLarge, "the link's scenario is larger than %d KiB once unpacked", MaxInflated>>10)
	case err != nil:
		return nil, fail(CodeDeflate, "the link is damaged: its data does not unpack")
	case in.Len() > 0:
		return nil, fail(CodeDeflate, "the link is damaged: it has data after the end of its compressed scenario")
	}
	return out, nil
}

// IsError reports whether err is a link the codec refused, and its code.
func IsError(err error) (string, bool) {
	var e *Error
	if errors.As(err, &e) {
		return e.Code, true
	}
	return "", false
}
