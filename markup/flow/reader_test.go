package flow

import "github.com/yuin/goldmark/text"

func textReader(s string) text.Reader { return text.NewReader([]byte(s)) }
