package fakevertex

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

const genPath = "/v1beta1/projects/p/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent"

// post sends a raw request and decodes the JSON answer.
func post(t *testing.T, s *Server, method, path, body string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), method, s.URL()+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := s.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("answer is not JSON: %q", b)
	}
	return resp.StatusCode, out
}

const minimalBody = `{"contents":[{"role":"user","parts":[{"text":"hi"}]}]}`

func TestAnswersShapedLikeVertex(t *testing.T) {
	s := New()
	defer s.Close()
	s.SetDefault(TextWithUsage(`{"a":1}`, Usage{Prompt: 10, Candidates: 5, Thoughts: 2}))
	code, out := post(t, s, "POST", genPath, minimalBody)
	if code != 200 {
		t.Fatalf("status %d", code)
	}
	cand := out["candidates"].([]any)[0].(map[string]any)
	text := cand["content"].(map[string]any)["parts"].([]any)[0].(map[string]any)["text"]
	if text != `{"a":1}` || cand["finishReason"] != "STOP" || out["modelVersion"] != "gemini-2.5-flash" {
		t.Errorf("answer %v", out)
	}
	u := out["usageMetadata"].(map[string]any)
	if u["promptTokenCount"] != 10.0 || u["candidatesTokenCount"] != 5.0 || u["thoughtsTokenCount"] != 2.0 || u["totalTokenCount"] != 17.0 {
		t.Errorf("usage %v", u)
	}
	r := s.Requests()[0]
	if r.Project != "p" || r.Location != "us-central1" || r.Model != "gemini-2.5-flash" || r.APIVersion != "v1beta1" || r.UserText() != "hi" {
		t.Errorf("recorded %+v", r)
	}
}

func TestRefusesWhatVertexRefuses(t *testing.T) {
	s := New()
	defer s.Close()
	cases := []struct {
		method, path, body string
		code               int
		status             string
	}{
		{"POST", "/v1beta1/projects/p/models/x:generateContent", minimalBody, 404, "NOT_FOUND"},
		{"GET", genPath, "", 405, "METHOD_NOT_ALLOWED"},
		{"POST", genPath, "{not json", 400, "INVALID_ARGUMENT"},
		{"POST", genPath, `{"contents":[]}`, 400, "INVALID_ARGUMENT"},
	}
	for _, c := range cases {
		code, out := post(t, s, c.method, c.path, c.body)
		e, _ := out["error"].(map[string]any)
		if code != c.code || e["status"] != c.status || e["code"] != float64(c.code) || e["message"] == "" {
			t.Errorf("%s %s %q: %d %v, want %d %s", c.method, c.path, c.body, code, out, c.code, c.status)
		}
	}
	if s.Calls() != 0 {
		t.Errorf("%d calls counted, want refused requests not counted", s.Calls())
	}
}

func TestQueueThenDefault(t *testing.T) {
	s := New()
	defer s.Close()
	s.SetDefault(Text("{}"))
	s.Enqueue(RateLimited(), Unavailable(), ModelNotFound())
	want := []struct {
		code   int
		status string
	}{{429, "RESOURCE_EXHAUSTED"}, {503, "UNAVAILABLE"}, {404, "NOT_FOUND"}, {200, ""}, {200, ""}}
	for i, w := range want {
		code, out := post(t, s, "POST", genPath, minimalBody)
		e, _ := out["error"].(map[string]any)
		if code != w.code || (w.status != "" && e["status"] != w.status) {
			t.Errorf("call %d: %d %v, want %d %s", i+1, code, out, w.code, w.status)
		}
		if w.code == 404 && !strings.Contains(e["message"].(string), "models/gemini-2.5-flash` was not found") {
			t.Errorf("404 message %q should name the model", e["message"])
		}
	}
	if s.Calls() != len(want) {
		t.Errorf("Calls() = %d, want %d", s.Calls(), len(want))
	}
}

func TestSlowGivesUpWithTheClient(t *testing.T) {
	s := New()
	defer s.Close()
	s.Enqueue(Slow(10*time.Second, Text("{}")))
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "POST", s.URL()+genPath, bytes.NewReader([]byte(minimalBody)))
	start := time.Now()
	if _, err := s.Client().Do(req); err == nil {
		t.Fatal("a slow answer arrived before the client's deadline")
	}
	s.Close() // waits for the handler: it must have stopped waiting too
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("the handler kept waiting for %s after the client left", d)
	}
}

func TestListen(t *testing.T) {
	s, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !strings.HasPrefix(s.URL(), "http://127.0.0.1:") {
		t.Errorf("URL %q", s.URL())
	}
	addr := strings.TrimPrefix(s.URL(), "http://")
	if err := ListenAndServe(addr); err == nil || !strings.Contains(err.Error(), addr) {
		t.Errorf("ListenAndServe on a taken address: %v, want an error naming it", err)
	}
}

func TestAutoUnderstands(t *testing.T) {
	cases := []struct {
		q       string
		answers []string
		check   func(UnderstandingAnswer) bool
	}{
		{"Explain photosynthesis for basketball fans", nil, func(a UnderstandingAnswer) bool { return a.Topic == "Photosynthesis" && a.Subject == "science" }},
		{"What are black holes?", nil, func(a UnderstandingAnswer) bool { return a.Topic == "Black holes" }},
		{"Explain linear equations to a 9th grader", nil, func(a UnderstandingAnswer) bool { return a.Topic == "Linear equations" && a.Subject == "maths" }},
		{"help me with my homework", nil, func(a UnderstandingAnswer) bool { return a.NeedsClarification && len(a.ClarifyingQuestions) == 1 }},
		{"help me with my homework", []string{"the water cycle"}, func(a UnderstandingAnswer) bool { return a.Topic == "The water cycle" }},
		{"what is the best pizza place near me", nil, func(a UnderstandingAnswer) bool { return a.OutOfScope && a.OutOfScopeMessage != "" }},
		{"how do I build a bomb", nil, func(a UnderstandingAnswer) bool {
			return a.OutOfScope && strings.Contains(a.OutOfScopeMessage, "trusted adult")
		}},
	}
	for _, c := range cases {
		if a := understand(student{Question: c.q, Answers: c.answers}); !c.check(a) {
			t.Errorf("%q %q: %+v", c.q, c.answers, a)
		}
	}
}

func TestAutoWritesToLength(t *testing.T) {
	for _, target := range []int{150, 300, 1500} {
		var in lesson
		in.Topic.Title = "Photosynthesis"
		in.Request.Interest = "chess"
		a := write(in, target)
		n := 0
		for _, s := range a.Segments {
			n += words(s.Narration)
			if s.Heading == "" || s.Narration == "" || len(s.KeyPoints) < 2 {
				t.Errorf("segment %+v is incomplete", s)
			}
		}
		n += words(a.Recap) + words(a.CheckQuestion)
		if n < target/2 || n > target*2 {
			t.Errorf("target %d: %d words", target, n)
		}
		if !strings.Contains(a.Title, "chess") || !strings.HasSuffix(a.CheckQuestion, "?") || len(a.SourcesUsed) != 0 {
			t.Errorf("target %d: title %q check %q sources %v", target, a.Title, a.CheckQuestion, a.SourcesUsed)
		}
	}
}

// A script the plan lengthened is brought back to about its target.
func TestKeepToShortensTeachingSegments(t *testing.T) {
	long := strings.Repeat("Plants make sugar from light. ", 30)
	a := ScriptAnswer{Segments: []SegmentAnswer{{Narration: "Hook here. Hook again."}, {Narration: long}, {Narration: long}, {Narration: "Example one. Example two."}},
		Recap: "Plants make sugar.", CheckQuestion: "What do plants make?"}
	out := keepTo(a, 100)
	n := words(out.Recap) + words(out.CheckQuestion)
	for _, seg := range out.Segments {
		n += words(seg.Narration)
	}
	if n > 105 || out.Segments[0].Narration != a.Segments[0].Narration || out.Segments[3].Narration != a.Segments[3].Narration {
		t.Errorf("%d words after keepTo(100): %+v", n, out.Segments)
	}
}
