package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"testing"
	"time"

	vividly "github.com/vividly-edu/vividly"
)

// A question asked again at the same grade, for the same interest, is given
// the lesson made the first time: a copy stored under the new request,
// marked cached, costing nothing. Another grade (the slides name it), a
// worker with --no-cache, or the first student forgotten makes the lesson
// anew.
func TestRepeatedQuestionIsGivenTheLessonAgain(t *testing.T) {
	s := newSystem(t)
	s.cache = true
	s.startWorker()

	first := decode(t, s.vividly("submit", "How do volcanoes erupt?", "--grade", "9", "--interest", "skateboarding",
		"--modality", "video", "--wait", "--json"))
	if first.Status != vividly.StatusCompleted || first.Result.Cached {
		t.Fatalf("first lesson = %s cached=%v", first.Status, first.Result != nil && first.Result.Cached)
	}
	// The same question, in other case and punctuation.
	again := decode(t, s.vividly("submit", "how do volcanoes ERUPT", "--grade", "9", "--interest", "Skateboarding!",
		"--modality", "video", "--wait", "--json"))
	r := again.Result
	if again.Status != vividly.StatusCompleted || !r.Cached || r.CostUSD != 0 || r.SavedUSD <= 0 {
		t.Fatalf("repeated lesson = %s %+v, want completed, cached, $0, with what it saved", again.Status, r)
	}
	if r.Video == first.Result.Video || !sameFile(t, r.Video, first.Result.Video) || !sameFile(t, r.Captions, first.Result.Captions) {
		t.Errorf("the repeated lesson's files are not a copy of the first's under the new request: %s, %s", r.Video, first.Result.Video)
	}
	if r.Title != first.Result.Title || r.DurationS != first.Result.DurationS || len(r.Sources) != len(first.Result.Sources) {
		t.Errorf("repeated lesson says %q %.1fs %d sources, the first %q %.1fs %d", r.Title, r.DurationS, len(r.Sources),
			first.Result.Title, first.Result.DurationS, len(first.Result.Sources))
	}
	t.Logf("made in %s, given again in %s", lessonSpan(t, s, first.RequestID), lessonSpan(t, s, again.RequestID))

	// A text lesson, made inside one workflow task, is kept too.
	for i, want := range []bool{false, true} {
		v := decode(t, s.vividly("submit", "What are fractions?", "--grade", "4", "--interest", "baking",
			"--modality", "text", "--wait", "--json"))
		if v.Status != vividly.StatusCompleted || v.Result.Cached != want {
			t.Errorf("text lesson %d = %s cached=%v, want cached=%v", i+1, v.Status, v.Result != nil && v.Result.Cached, want)
		}
	}

	other := decode(t, s.vividly("submit", "How do volcanoes erupt?", "--grade", "10", "--interest", "skateboarding",
		"--modality", "video", "--wait", "--json"))
	if other.Result == nil || other.Result.Cached {
		t.Errorf("a lesson for another grade was given from the cache: %+v", other.Result)
	}

	// Forgetting the first student forgets the lessons kept from them.
	s.vividly("forget", "--request", first.RequestID)
	third := decode(t, s.vividly("submit", "How do volcanoes erupt?", "--grade", "9", "--interest", "skateboarding",
		"--modality", "video", "--wait", "--json"))
	if third.Result == nil || third.Result.Cached {
		t.Errorf("a lesson kept from a forgotten request was given again: %+v", third.Result)
	}
}

func TestNoCacheMakesEveryLesson(t *testing.T) {
	s := newSystem(t)
	s.cache = true
	s.startWorkerWith("VIVIDLY_NO_CACHE=true")
	for range 2 {
		v := decode(t, s.vividly("submit", "What are fractions?", "--grade", "3", "--modality", "text", "--wait", "--json"))
		if v.Status != vividly.StatusCompleted || v.Result.Cached {
			t.Fatalf("lesson with --no-cache = %s cached=%v", v.Status, v.Result != nil && v.Result.Cached)
		}
	}
}

func sameFile(t *testing.T, a, b string) bool {
	t.Helper()
	x, err := os.ReadFile(a)
	if err != nil {
		t.Fatal(err)
	}
	y, err := os.ReadFile(b)
	if err != nil {
		t.Fatal(err)
	}
	return len(x) > 0 && bytes.Equal(x, y)
}

// lessonSpan is how long the request's workflow ran, start to close, as
// Temporal recorded it: the lesson's own time, without the CLI's.
func lessonSpan(t testing.TB, s *system, id string) time.Duration {
	t.Helper()
	out, err := exec.Command(temporalBin, "workflow", "describe", "--address", s.temporal,
		"--workflow-id", "content-"+id, "--output", "json").Output()
	if err != nil {
		t.Fatalf("describe content-%s: %v", id, err)
	}
	var d struct {
		WorkflowExecutionInfo struct {
			StartTime time.Time `json:"startTime"`
			CloseTime time.Time `json:"closeTime"`
		} `json:"workflowExecutionInfo"`
	}
	if err := json.Unmarshal(out, &d); err != nil {
		t.Fatalf("describe content-%s: %v", id, err)
	}
	i := d.WorkflowExecutionInfo
	if i.CloseTime.IsZero() {
		t.Fatal(fmt.Errorf("content-%s has not closed", id))
	}
	return i.CloseTime.Sub(i.StartTime)
}

// BenchmarkLessonCache times a video lesson made, then the same question
// asked again at the same band and interest, each from its workflow's start
// to its close as Temporal recorded them, and prints the ratio and the
// cost of each. It never fails on speed.
func BenchmarkLessonCache(b *testing.B) {
	s := newSystem(b)
	s.cache = true
	s.startWorker()
	// One lesson first: a fresh worker and database pay one-off costs.
	s.vividly("submit", "What are fractions?", "--grade", "3", "--modality", "text", "--wait", "--json")
	b.ResetTimer()
	for i := range b.N {
		interest := fmt.Sprintf("skateboarding %d", i)
		miss := decode(b, s.vividly("submit", "Why do we have seasons?", "--grade", "6", "--interest", interest,
			"--modality", "video", "--wait", "--json"))
		hit := decode(b, s.vividly("submit", "why do we have seasons", "--grade", "6", "--interest", interest,
			"--modality", "video", "--wait", "--json"))
		if miss.Status != vividly.StatusCompleted || hit.Status != vividly.StatusCompleted || hit.Result == nil || !hit.Result.Cached {
			b.Fatalf("lessons ended %s and %s (cached %v)", miss.Status, hit.Status, hit.Result != nil && hit.Result.Cached)
		}
		made, given := lessonSpan(b, s, miss.RequestID), lessonSpan(b, s, hit.RequestID)
		fmt.Printf("lesson cache: video made in %.2fs ($%.4f), the same question again given in %.3fs ($%.4f, saved $%.4f); hit/miss %.1f%% of the time (target <= 10%%, $0)\n",
			made.Seconds(), miss.Result.CostUSD, given.Seconds(), hit.Result.CostUSD, hit.Result.SavedUSD,
			100*given.Seconds()/made.Seconds())
		b.ReportMetric(given.Seconds()/made.Seconds(), "hit/miss")
	}
}
