package flows

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/iamlab/iamlab/sim/world"
)

// Texts returns the text of every slot: the edit when there is one, else
// the slot's default (for a policy of the world, as the world file has it,
// indented).
func (f *Flow) Texts(edits map[string]string) (map[string]string, error) {
	defaults, err := f.defaultTexts()
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(f.Slots))
	for _, s := range f.Slots {
		if t, ok := edits[s.ID]; ok {
			out[s.ID] = t
		} else {
			out[s.ID] = defaults[s.ID]
		}
	}
	return out, nil
}

// defaultTexts are the slots' texts as the flow has them, read from the
// world file once per flow (each level of a path is a JSON decoding, which
// cost a run in a page more than its world's set-up).
func (f *Flow) defaultTexts() (map[string]string, error) {
	f.defaults.Do(func() {
		f.defaults.texts, f.defaults.err = f.readDefaults()
	})
	return f.defaults.texts, f.defaults.err
}

func (f *Flow) readDefaults() (map[string]string, error) {
	out := make(map[string]string, len(f.Slots))
	for _, s := range f.Slots {
		if s.Path == "" {
			out[s.ID] = s.Default
			continue
		}
		v, err := rawAt(json.RawMessage(f.World), strings.Split(s.Path, "/"))
		if err != nil {
			return nil, fmt.Errorf("flow %s: slot %s: %w", f.Name, s.ID, err)
		}
		text, err := documentText(v)
		if err != nil {
			return nil, fmt.Errorf("flow %s: slot %s: %w", f.Name, s.ID, err)
		}
		out[s.ID] = text
	}
	return out, nil
}

// worldCache keeps the world file of each flow's last texts: a page runs
// a flow again and again with the same edits while the learner reads.
var worldCache = struct {
	sync.Mutex
	m map[string]cachedFile
}{m: map[string]cachedFile{}}

type cachedFile struct {
	key  string
	file []byte
}

// cachedWorldFile is worldFile, remembered per flow for the last texts.
// world.Apply reads a File without changing it, but a File holds maps
// and raw messages, so each run gets its own, parsed again from the
// cached bytes.
func (f *Flow) cachedWorldFile(texts map[string]string) (*world.File, error) {
	key, _ := json.Marshal(texts) // map keys are sorted: one key per set of texts
	worldCache.Lock()
	c, ok := worldCache.m[f.Name]
	worldCache.Unlock()
	if ok && c.key == string(key) {
		return world.ParseFile(c.file)
	}
	b, err := f.worldBytes(texts)
	if err != nil {
		return nil, err
	}
	worldCache.Lock()
	worldCache.m[f.Name] = cachedFile{string(key), b}
	worldCache.Unlock()
	return world.ParseFile(b)
}

// worldBytes is the flow's world file with the slots of the world set to
// texts. The rest of the file keeps its bytes (the documents their order
// of members, which traces and scenarios show).
func (f *Flow) worldBytes(texts map[string]string) ([]byte, error) {
	doc := json.RawMessage(f.World)
	for _, s := range f.Slots {
		if s.Path == "" {
			continue
		}
		v, err := json.Marshal(texts[s.ID])
		if err != nil {
			return nil, err
		}
		if doc, err = rawSet(doc, strings.Split(s.Path, "/"), v); err != nil {
			return nil, fmt.Errorf("flow %s: slot %s: %w", f.Name, s.ID, err)
		}
	}
	return doc, nil
}

// documentText is a world file's document as the learner edits it: a
// string as it is, an object indented by two spaces.
func documentText(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '"' {
		var s string
		err := json.Unmarshal(raw, &s)
		return s, err
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, raw, "", "  "); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// rawAt walks a path of object members, array indexes and array entries
// by their "name".
func rawAt(raw json.RawMessage, path []string) (json.RawMessage, error) {
	if len(path) == 0 {
		return raw, nil
	}
	obj, arr, i, err := level(raw, path[0])
	if err != nil {
		return nil, err
	}
	if obj != nil {
		v, ok := obj[path[0]]
		if !ok {
			return nil, fmt.Errorf("the world file has no %s", path[0])
		}
		return rawAt(v, path[1:])
	}
	return rawAt(arr[i], path[1:])
}

// rawSet replaces the value at path; the levels it passes through are
// written again, the rest keeps its bytes.
func rawSet(raw json.RawMessage, path []string, v json.RawMessage) (json.RawMessage, error) {
	if len(path) == 0 {
		return v, nil
	}
	obj, arr, i, err := level(raw, path[0])
	if err != nil {
		return nil, err
	}
	if obj != nil {
		if obj[path[0]], err = rawSet(obj[path[0]], path[1:], v); err != nil {
			return nil, err
		}
		return json.Marshal(obj)
	}
	if arr[i], err = rawSet(arr[i], path[1:], v); err != nil {
		return nil, err
	}
	return json.Marshal(arr)
}

// level decodes one level: an object that has the member p, or an array
// and the index of its element p (an index, or the entry named p).
func level(raw json.RawMessage, p string) (map[string]json.RawMessage, []json.RawMessage, int, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '{' {
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(raw, &obj); err != nil {
			return nil, nil, 0, err
		}
		return obj, nil, 0, nil
	}
	var arr []json.RawMessage
	if err := json.Unmarshal(raw, &arr); err != nil {
		return nil, nil, 0, fmt.Errorf("the world file has no object or array where %s should be", p)
	}
	if i, err := strconv.Atoi(p); err == nil && i >= 0 && i < len(arr) {
		return nil, arr, i, nil
	}
	for i, e := range arr {
		var named struct{ Name string }
		if json.Unmarshal(e, &named) == nil && named.Name == p {
			return nil, arr, i, nil
		}
	}
	return nil, nil, 0, fmt.Errorf("the world file has no entry %s", p)
}
