package e2e

import (
	"encoding/json"
	"os"
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

// hosts is a system whose workers each get a data dir of their own.
type hosts struct {
	*system
	store string // where finished lessons are stored
}

func newHosts(t *testing.T) *hosts {
	s := newSystem(t)
	h := &hosts{system: s, store: filepath.Join(s.dataDir, "store")}
	s.extra = append(s.extra, "VIVIDLY_LESSONS_DIR="+h.store)
	return h
}

// startHost starts a worker with dir as its data dir.
func (h *hosts) startHost(dir string, env ...string) *worker {
	h.t.Helper()
	return h.startWorkerWith(append([]string{"VIVIDLY_DATA_DIR=" + dir}, env...)...)
}

// TestVideoMediaStayOnOneWorker: with two workers that share no disk, each
// video's narration, render and upload run on one worker's own queue, so no
// stage looks for a file on the wrong host and none is done twice.
func TestVideoMediaStayOnOneWorker(t *testing.T) {
	h := newHosts(t)
	hostA, hostB := t.TempDir(), t.TempDir()
	h.startHost(hostA)
	h.startHost(hostB)
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
			if !strings.HasPrefix(v.Result.Video, h.store) {
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
		media := scheduled(t, id, "Narrate", "Render", "Upload")
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
	for _, dir := range []string{hostA, hostB} {
		if left := findFiles(t, filepath.Join(dir, "work"), ""); len(left) > 0 {
			t.Errorf("work files left on a host after every lesson was stored: %v", left)
		}
	}
}

// TestLessonSurvivesLosingItsWorkerHost: the worker rendering a lesson dies
// and its disk is lost for good; the lesson is made again on another worker,
// from the narration on, and completes with one stored video.
func TestLessonSurvivesLosingItsWorkerHost(t *testing.T) {
	h := newHosts(t)
	h.extra = append(h.extra, "VIVIDLY_RENDER_HEARTBEAT_TIMEOUT=4s")
	hostA, hostB := filepath.Join(t.TempDir(), "host-a"), filepath.Join(t.TempDir(), "host-b")
	first := h.startHost(hostA)
	id := decode(t, h.vividly("submit", "How do volcanoes erupt?", "--grade", "6", "--interest", "skateboarding",
		"--duration", "5m", "--json")).RequestID
	h.waitFor(id, 2*time.Minute, func(v view) bool { return v.Status == vividly.StatusGeneratingVideo })
	time.Sleep(500 * time.Millisecond) // ffmpeg is writing
	first.kill()
	if err := os.RemoveAll(hostA); err != nil {
		t.Fatal(err)
	}
	if v := h.status(id); v.Status.Terminal() {
		t.Fatalf("render finished before its host was lost (%s); make the lesson longer", v.Status)
	}
	h.startHost(hostB)
	v := h.waitFor(id, 3*time.Minute, func(v view) bool { return v.Status.Terminal() })
	if v.Status != vividly.StatusCompleted {
		t.Fatalf("after the host was lost: %s (%s), want completed", v.Status, v.Error)
	}
	if p := probe(t, v.Result.Video); p.videoStreams != 1 || p.audioStreams != 1 {
		t.Errorf("video has %d video / %d audio streams", p.videoStreams, p.audioStreams)
	}
	if stored := findFiles(t, filepath.Join(h.store, "content", id), ".mp4"); len(stored) != 1 {
		t.Errorf("stored videos for the request: %v, want exactly one", stored)
	}
	narrations := scheduled(t, id, "Narrate")
	if len(narrations) != 2 || narrations[0].queue == narrations[1].queue {
		t.Errorf("narrations scheduled: %v, want one on each host", narrations)
	}
}

// activityRun is one scheduled activity of a lesson's history.
type activityRun struct {
	name, queue string
}

// scheduled lists, in order, the activities of the given types the lesson's
// workflow scheduled and the task queue of each, from its history.
func scheduled(t *testing.T, id string, types ...string) []activityRun {
	t.Helper()
	out, err := exec.Command(temporalBin, "workflow", "show", "--address", temporalAt,
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
