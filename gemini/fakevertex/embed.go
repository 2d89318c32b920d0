package fakevertex

import (
	"encoding/json"
	"hash/fnv"
	"math"
	"net/http"
	"regexp"
	"strings"
	"unicode"
)

// predictRE is the predict path Vertex AI serves embedding models on
// (google.golang.org/genai's EmbedContent calls it for gemini-embedding-001).
var predictRE = regexp.MustCompile(`^/(v1|v1beta1)/projects/([^/]+)/locations/([^/]+)/publishers/google/models/([^/:]+):predict$`)

// DefaultDimensions is the embedding size when the request sets none, as
// gemini-embedding-001 answers.
const DefaultDimensions = 3072

// maxInstances bounds one predict call, as the real service does.
const maxInstances = 250

type predictRequest struct {
	Instances []struct {
		Content  json.RawMessage `json:"content"`
		TaskType string          `json:"task_type"`
		Title    string          `json:"title"`
	} `json:"instances"`
	Parameters struct {
		OutputDimensionality int  `json:"outputDimensionality"`
		AutoTruncate         bool `json:"autoTruncate"`
	} `json:"parameters"`
}

// embed answers a predict call with one embedding per instance. The vectors
// are deterministic: words and word pairs are hashed into the dimensions, so
// texts that share words point the same way, as a real model's do for
// related texts.
func (s *Server) embed(w http.ResponseWriter, body []byte) {
	var req predictRequest
	if err := json.Unmarshal(body, &req); err != nil {
		writeReply(w, errorReply(http.StatusBadRequest, "INVALID_ARGUMENT", "Invalid JSON payload received."))
		return
	}
	if len(req.Instances) == 0 || len(req.Instances) > maxInstances {
		writeReply(w, errorReply(http.StatusBadRequest, "INVALID_ARGUMENT", "The number of instances must be between 1 and 250."))
		return
	}
	dims := req.Parameters.OutputDimensionality
	if dims == 0 {
		dims = DefaultDimensions
	}
	if dims < 1 || dims > DefaultDimensions {
		writeReply(w, errorReply(http.StatusBadRequest, "INVALID_ARGUMENT", "outputDimensionality must be between 1 and 3072."))
		return
	}
	type prediction struct {
		Embeddings struct {
			Values     []float32 `json:"values"`
			Statistics struct {
				TokenCount int  `json:"token_count"`
				Truncated  bool `json:"truncated"`
			} `json:"statistics"`
		} `json:"embeddings"`
	}
	var out struct {
		Predictions []prediction `json:"predictions"`
	}
	chars := 0
	for _, in := range req.Instances {
		text := contentText(in.Content)
		chars += len(text)
		var p prediction
		p.Embeddings.Values = Embedding(text, dims)
		p.Embeddings.Statistics.TokenCount = len(strings.Fields(text))
		out.Predictions = append(out.Predictions, p)
	}
	s.mu.Lock()
	s.embedded += len(req.Instances)
	s.mu.Unlock()
	b, _ := json.Marshal(out)
	writeReply(w, Reply{Status: http.StatusOK, Body: b})
}

// Embedded is how many texts the server has embedded.
func (s *Server) Embedded() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.embedded
}

// contentText reads an instance's content: a string, or a Content with parts.
func contentText(raw json.RawMessage) string {
	var str string
	if json.Unmarshal(raw, &str) == nil {
		return str
	}
	var c struct {
		Parts []struct {
			Text string `json:"text"`
		} `json:"parts"`
	}
	_ = json.Unmarshal(raw, &c)
	var b strings.Builder
	for _, p := range c.Parts {
		b.WriteString(p.Text)
		b.WriteByte(' ')
	}
	return b.String()
}

// Embedding is the fake's vector for text: unit length, dims long.
func Embedding(text string, dims int) []float32 {
	v := make([]float64, dims)
	var prev string
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len(w) < 3 {
			continue
		}
		w = strings.TrimSuffix(strings.TrimSuffix(w, "s"), "ing")
		add(v, w, 1)
		if prev != "" {
			add(v, prev+" "+w, 0.5)
		}
		prev = w
	}
	norm := 0.0
	for _, x := range v {
		norm += x * x
	}
	out := make([]float32, dims)
	if norm == 0 {
		out[0] = 1
		return out
	}
	norm = math.Sqrt(norm)
	for i, x := range v {
		out[i] = float32(x / norm)
	}
	return out
}

func add(v []float64, feature string, weight float64) {
	h := fnv.New64a()
	h.Write([]byte(feature))
	x := h.Sum64()
	sign := 1.0
	if x&1 == 1 {
		sign = -1
	}
	v[(x>>1)%uint64(len(v))] += sign * weight
}
