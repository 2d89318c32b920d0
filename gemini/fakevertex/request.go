package fakevertex

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
)

// Request is one generateContent call as the server received it.
type Request struct {
	Method     string
	Path       string
	APIVersion string // "v1beta1" for genai
	Project    string
	Location   string
	Model      string
	Header     http.Header
	Body       []byte          // the raw JSON body
	Generate   GenerateRequest // the body, parsed
}

// GenerateRequest is the body of a generateContent call: the parts of the
// Vertex AI REST request this fake reads.
type GenerateRequest struct {
	Contents          []Content         `json:"contents"`
	SystemInstruction *Content          `json:"systemInstruction,omitempty"`
	GenerationConfig  *GenerationConfig `json:"generationConfig,omitempty"`
	Labels            map[string]string `json:"labels,omitempty"`
}

// Content is a turn of the conversation, or the system instruction.
type Content struct {
	Role  string `json:"role,omitempty"`
	Parts []Part `json:"parts"`
}

// Part is a piece of a Content; only text is read.
type Part struct {
	Text string `json:"text,omitempty"`
}

// GenerationConfig holds the structured-output settings.
type GenerationConfig struct {
	ResponseMIMEType string         `json:"responseMimeType,omitempty"`
	ResponseSchema   map[string]any `json:"responseSchema,omitempty"`
	CandidateCount   int            `json:"candidateCount,omitempty"`
	ThinkingConfig   *struct {
		ThinkingBudget *int32 `json:"thinkingBudget,omitempty"`
	} `json:"thinkingConfig,omitempty"`
}

// DynamicThoughts is the thinking tokens the fake reports for a call that
// sets no thinking budget, as the model then decides how long to think; a
// few hundred to a few thousand are usual for a task this size.
const DynamicThoughts = 1000

// thoughts is the thinking tokens a call's budget allows the fake to report.
func (r Request) thoughts() int32 {
	c := r.Generate.GenerationConfig
	if c == nil || c.ThinkingConfig == nil || c.ThinkingConfig.ThinkingBudget == nil || *c.ThinkingConfig.ThinkingBudget < 0 {
		return DynamicThoughts
	}
	return min(*c.ThinkingConfig.ThinkingBudget, DynamicThoughts)
}

// SystemText is the text of the system instruction.
func (r Request) SystemText() string {
	if r.Generate.SystemInstruction == nil {
		return ""
	}
	return textOf(*r.Generate.SystemInstruction)
}

// UserText is the text of the user turns, joined by new lines.
func (r Request) UserText() string {
	var ts []string
	for _, c := range r.Generate.Contents {
		if c.Role == "" || c.Role == "user" {
			ts = append(ts, textOf(c))
		}
	}
	return strings.Join(ts, "\n")
}

func textOf(c Content) string {
	var b strings.Builder
	for _, p := range c.Parts {
		b.WriteString(p.Text)
	}
	return b.String()
}

// SchemaProperties are the top-level property names of the response schema.
func (r Request) SchemaProperties() []string {
	if r.Generate.GenerationConfig == nil {
		return nil
	}
	props, _ := r.Generate.GenerationConfig.ResponseSchema["properties"].(map[string]any)
	var out []string
	for k := range props {
		out = append(out, k)
	}
	return out
}

// Kind is what a request asks for, told by its response schema.
type Kind string

// The kinds of request the Vividly client makes.
const (
	KindUnderstanding Kind = "understanding"
	KindScript        Kind = "script"
	KindOther         Kind = "other"
)

// Kind tells an understanding request (its schema has clarifying_questions)
// from a script request (segments).
func (r Request) Kind() Kind {
	for _, p := range r.SchemaProperties() {
		switch p {
		case "clarifying_questions":
			return KindUnderstanding
		case "segments":
			return KindScript
		}
	}
	return KindOther
}

// dataRE finds a data block: a marker line, one line of JSON, the closing
// marker line.
var dataRE = regexp.MustCompile(`(?m)^<<<([A-Z_]+)\n(.*)\n([A-Z_]+)>>>$`)

// DataBlock returns the marker and the JSON of the first data block in the
// user text, ok false when there is none.
func (r Request) DataBlock() (marker string, data json.RawMessage, ok bool) {
	m := dataRE.FindStringSubmatch(r.UserText())
	if m == nil || m[1] != m[3] || !json.Valid([]byte(m[2])) {
		return "", nil, false
	}
	return m[1], json.RawMessage(m[2]), true
}
