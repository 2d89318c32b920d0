package e2e

import (
	"fmt"
	"slices"
	"testing"
	"time"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/gemini/fakevertex"
)

// TestGeminiOutageDegradesGracefully: with Gemini answering 503 (unavailable) or
// 404 (model not found) to every call, no student sees a failure: every request
// ends completed, degraded by the offline provider, or asks them to clarify.
func TestGeminiOutageDegradesGracefully(t *testing.T) {
	for _, tc := range []struct {
		name   string
		answer fakevertex.Behaviour
	}{
		{"503 unavailable", fakevertex.Unavailable()},
		{"404 model not found", fakevertex.ModelNotFound()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gemini := fakevertex.New()
			defer gemini.Close()
			gemini.SetDefault(tc.answer)

			s := newSystem(t)
			s.extra = []string{"VIVIDLY_AI=google", "VIVIDLY_GOOGLE_PROJECT=vividly-test", "VIVIDLY_GEMINI_ENDPOINT=" + gemini.URL()}
			s.startWorker()
			questions := []string{"How do volcanoes erupt?", "What are fractions?", "Why do we have seasons?",
				"Explain photosynthesis", "help me with my homework"}
			start := time.Now()
			var ids []string
			for i := 0; i < 25; i++ {
				q := questions[i%len(questions)]
				ids = append(ids, decode(t, s.vividly("submit", q, "--grade", fmt.Sprint(3+i%9), "--modality", "text", "--json")).RequestID)
			}
			t.Logf("submitted %d in %s", len(ids), time.Since(start))
			for _, id := range ids {
				v := s.waitFor(id, 3*time.Minute, func(v view) bool {
					return v.Status.Terminal() || v.Status == vividly.StatusClarificationNeeded
				})
				switch v.Status {
				case vividly.StatusClarificationNeeded:
				case vividly.StatusCompleted:
					if v.Result == nil || !v.Result.Degraded || !slices.Contains(v.Result.FallbackStages, vividly.StatusUnderstanding) {
						t.Errorf("%s completed without saying it fell back: %+v", id, v.Result)
					}
				default:
					t.Errorf("%s ended %s (%s) during a Gemini outage", id, v.Status, v.Error)
				}
			}
			t.Logf("all ended after %s", time.Since(start))
			if gemini.Calls() == 0 {
				t.Error("the fake Gemini was never called: the google provider was not in use")
			}
		})
	}
}
