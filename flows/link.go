package flows

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/iamlab/iamlab/share"
)

// A flow link carries a flow's state in the URL fragment, as a scenario
// link does (share-url.md, and docs/flow-links.md for this payload):
//
//	#f1.PAYLOAD   PAYLOAD = base64url, no padding, of the raw DEFLATE of
//	              {"flow": NAME, "edits": {SLOT: TEXT, ...}}
//
// with the scenario links' limits: share.MaxPayload before inflating,
// share.MaxInflated after.
const (
	LinkVersion = 1
	linkPrefix  = "f1."
)

// LinkState is what a flow link holds: the flow and the policies the
// learner edited, as typed.
type LinkState struct {
	Flow  string            `json:"flow"`
	Edits map[string]string `json:"edits,omitempty"`
}

// LinkError is a link that cannot be opened; Code is stable for the page,
// Msg English for people.
type LinkError struct {
	Code string `json:"code"`
	Msg  string `json:"msg"`
}

func (e *LinkError) Error() string { return e.Msg }

// The codes of LinkError.
const (
	LinkEmpty     = "flowlink.empty"
	LinkFormat    = "flowlink.format"
	LinkVersionOf = "flowlink.version"
	LinkTooLong   = "flowlink.tooLong"
	LinkBase64    = "flowlink.base64"
	LinkDeflate   = "flowlink.deflate"
	LinkTooLarge  = "flowlink.tooLarge"
	LinkJSON      = "flowlink.json"
	LinkFlow      = "flowlink.flow"
	LinkEdit      = "flowlink.edit"
)

func linkFail(code, format string, args ...any) *LinkError {
	return &LinkError{Code: code, Msg: fmt.Sprintf(format, args...)}
}

var b64 = base64.RawURLEncoding

// EncodeLink returns the fragment ("f1.PAYLOAD", without '#') of a flow's
// state. Only edits of the flow's slots are kept.
func EncodeLink(st LinkState) (string, error) {
	f, ok := Get(st.Flow)
	if !ok {
		return "", linkFail(LinkFlow, "there is no flow %q", st.Flow)
	}
	kept := map[string]string{}
	for id, text := range st.Edits {
		if _, ok := f.Slot(id); ok {
			kept[id] = text
		}
	}
	b, err := json.Marshal(LinkState{Flow: st.Flow, Edits: kept})
	if err != nil {
		return "", err
	}
	if len(b) > share.MaxInflated {
		return "", linkFail(LinkTooLarge, "the flow's policies are larger than %d KiB and cannot be shared as a link", share.MaxInflated>>10)
	}
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression) // the level is valid
	_, _ = w.Write(b)
	_ = w.Close()
	payload := b64.EncodeToString(buf.Bytes())
	if len(payload) > share.MaxPayload {
		return "", linkFail(LinkTooLarge, "the flow's policies compress to more than %d KiB and cannot be shared as a link", share.MaxPayload>>10)
	}
	return linkPrefix + payload, nil
}

// DecodeLink reads a flow link's fragment (with or without '#'). It reads
// at most share.MaxInflated bytes, checks every field, and refuses edits
// of slots the flow does not have.
func DecodeLink(fragment string) (*LinkState, error) {
	fragment = strings.TrimPrefix(fragment, "#")
	if fragment == "" {
		return nil, linkFail(LinkEmpty, "the link carries no flow")
	}
	ver, payload, ok := strings.Cut(fragment, ".")
	if !ok || len(ver) < 2 || ver[0] != 'f' || (len(ver) > 2 && ver[1] == '0') {
		return nil, linkFail(LinkFormat, "the link is not a flow link (it should start with #f1.)")
	}
	n, err := strconv.Atoi(ver[1:])
	if err != nil || n < 1 || strings.ContainsAny(ver[1:], "+-") {
		return nil, linkFail(LinkFormat, "the link is not a flow link (it should start with #f1.)")
	}
	if n != LinkVersion {
		return nil, linkFail(LinkVersionOf, "the link is of version %d, but this page reads only version %d: it was made by a newer IAM Lab", n, LinkVersion)
	}
	if len(payload) > share.MaxPayload {
		return nil, linkFail(LinkTooLong, "the link is too long (%d KiB; at most %d KiB)", len(payload)>>10, share.MaxPayload>>10)
	}
	raw, err := b64.DecodeString(payload)
	if err != nil {
		return nil, linkFail(LinkBase64, "the link is damaged: it is not valid base64url")
	}
	r := flate.NewReader(bytes.NewReader(raw))
	defer r.Close()
	out, err := io.ReadAll(io.LimitReader(r, share.MaxInflated+1))
	switch {
	case len(out) > share.MaxInflated:
		return nil, linkFail(LinkTooLarge, "the link's flow is larger than %d KiB once unpacked", share.MaxInflated>>10)
	case err != nil:
		return nil, linkFail(LinkDeflate, "the link is damaged: its data does not unpack")
	case !utf8.Valid(out):
		return nil, linkFail(LinkJSON, "the link's flow is not UTF-8 text")
	}
	return readState(out)
}

// readState checks the inflated payload field by field.
func readState(b []byte) (*LinkState, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, linkFail(LinkJSON, "the link's flow is not a JSON object")
	}
	st := &LinkState{}
	if err := json.Unmarshal(raw["flow"], &st.Flow); err != nil || st.Flow == "" {
		return nil, linkFail(LinkFlow, "the link names no flow")
	}
	f, ok := Get(st.Flow)
	if !ok {
		return nil, linkFail(LinkFlow, "the link is for a flow this page does not know (%q)", clip(st.Flow))
	}
	if e, ok := raw["edits"]; ok && string(e) != "null" {
		var edits map[string]json.RawMessage
		if err := json.Unmarshal(e, &edits); err != nil {
			return nil, linkFail(LinkEdit, "the link's edits are not an object of policy texts")
		}
		ids := make([]string, 0, len(edits))
		for id := range edits {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			if _, ok := f.Slot(id); !ok {
				return nil, linkFail(LinkEdit, "the link edits a policy the flow %s does not have (%q)", f.Name, clip(id))
			}
			var text string
			if err := json.Unmarshal(edits[id], &text); err != nil {
				return nil, linkFail(LinkEdit, "the link's edit of %s is not text", id)
			}
			if st.Edits == nil {
				st.Edits = map[string]string{}
			}
			st.Edits[id] = text
		}
	}
	return st, nil
}

// clip shortens a name from a link for a message.
func clip(s string) string {
	const max = 40
	if len(s) <= max {
		return s
	}
	for i := max; i > 0; i-- {
		if utf8.RuneStart(s[i]) {
			return s[:i] + "…"
		}
	}
	return ""
}
