package e2e

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/workflows"
)

// Worker hosts share no disk: each has its own data dir, and finished
// lessons go to a store every host reaches (the stand-in for a bucket).

// TestVideoMediaStayOnOneWorker: with two workers that share no disk, each
// video's narration, render and upload run on one worker's own queue, so no
// stage looks for a file on the wrong host and none is done twice.
func TestVideoMediaStayOnOneWorker(t *testing.T) {
	h := newSystem(t)
	h.ownDisks = true
	h.startWorker()
	h.startWorker()
	questions := []string{"How do volcanoes erupt?", "What is photosynthesis?", "Why do we have seasons?", "How does the heart pump blood?"}
	ids := make([]string, len(questions))
	for i, q := range questions {
		ids[i] = decode(t, h.vividly("submit", q, "--grade", "7", "--interest", "soccer", "--duration", "1m", "--json")).RequestID
	}
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v := h.waitFor(id, 4*time.Minute, func(v view) bool { return v.Status.Terminal() })
			if v.Status != vividly.StatusCompleted {
				t.Errorf("request %s: %s (%s), want completed", id, v.Status, v.Error)
				return
			}
			if !strings.HasPrefix(v.Result.Video, h.store()) {
				t.Errorf("request %s: video stored at %s, want under the shared store", id, v.Result.Video)
			}
			if p := probe(t, v.Result.Video); p.videoStreams != 1 || p.audioStreams != 1 {
				t.Errorf("request %s: video has %d video / %d audio streams", id, p.videoStreams, p.audioStreams)
			}
		}()
	}
	wg.Wait()
	queuesUsed := map[string]bool{}
	for _, id := range ids {
		media := h.scheduled(id, "Narrate", "Render", "Upload")
		if len(media) != 3 {
			t.Errorf("request %s: media stages scheduled %v, want narrate, render and upload once each", id, media)
			continue
		}
		q := media[0].queue
		for _, m := range media {
			if m.queue != q || m.queue == workflows.TaskQueue {
				t.Errorf("request %s: media stages ran on %v, want one worker's own queue", id, media)
				break
			}
		}
		queuesUsed[q] = true
	}
	t.Logf("%d videos made on %d workers' own queues", len(ids), len(queuesUsed))
	// Work files go once the lesson is stored: nothing is left on either host.
	if left := findFiles(t, filepath.Join(h.dataDir, "hosts"), ".wav"); len(left) > 0 {
		t.Errorf("work files left on a host after every lesson was stored: %v", left)
	}
}

// TestLessonSurvivesLosingItsWorkerHost: the worker rendering a lesson dies
// and its disk is lost for good; the lesson is made again on another worker,
// from the narration on, and completes with one stored video.
func TestLessonSurvivesLosingItsWorkerHost(t *testing.T) {
	r := chaosHostLost(t, newSystem(t))
	if !r.met() {
		t.Errorf("targets missed: %+v", r)
	}
}

// activityRun is one scheduled activity of a lesson's history.
type activityRun struct {
	name, queue string
}

// scheduled lists, in order, the activities of the given types the lesson's
// workflow scheduled and the task queue of each, from its history.
func (s *system) scheduled(id string, types ...string) []activityRun {
	t := s.t
	t.Helper()
	out, err := exec.Command(temporalBin, "workflow", "show", "--address", s.temporal,
		"--workflow-id", workflows.WorkflowID(id), "--output", "json").Output()
	if err != nil {
		t.Fatalf("workflow show %s: %v", id, err)
	}
	var hist struct {
		Events []struct {
			Scheduled *struct {
				ActivityType struct {
					Name string `json:"name"`
				} `json:"activityType"`
				TaskQueue struct {
					Name string `json:"name"`
				} `json:"taskQueue"`
			} `json:"activityTaskScheduledEventAttributes"`
		} `json:"events"`
	}
	if err := json.Unmarshal(out, &hist); err != nil {
		t.Fatalf("workflow show %s: %v", id, err)
	}
	var runs []activityRun
	for _, e := range hist.Events {
		if e.Scheduled == nil {
			continue
		}
		for _, typ := range types {
			if e.Scheduled.ActivityType.Name == typ {
				runs = append(runs, activityRun{typ, e.Scheduled.TaskQueue.Name})
			}
		}
	}
	return runs
}
