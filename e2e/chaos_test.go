package e2e

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/devserver"
	"github.com/vividly-edu/vividly/postgres"
	"github.com/vividly-edu/vividly/workflows"
)

// The chaos suite: four faults a production Vividly must survive, each run
// against real processes (workers, the Temporal dev server, PostgreSQL behind
// a proxy the test owns), each printing what became of every lesson. The
// targets are the same for all: every lesson completes, none fails, none is
// lost, none is made twice, and after a crash lessons move again within
// twice the heartbeat timeout of the stage that was running.
//
// By default a short version runs (a few minutes in all, in the test
// command); VIVIDLY_CHAOS=full runs the sizes of the fault issue:
// scripts/chaos does that.

// chaosScale sizes the scenarios.
type chaosScale struct {
	name            string
	lessons, videos int              // (a) lessons during worker kills, of which videos
	videoLength     string           // (a, b, c) the videos' requested duration
	killEvery       [2]time.Duration // (a) a kill every this long, at random within
	inFlight        int              // (b) lessons in flight when the server dies
	outage          time.Duration    // (c) how long PostgreSQL is gone
	before, during  int              // (c) lessons started before and during the outage
	renderKills     int              // (d) times the renderer's worker is killed
}

var (
	// A kill comes at most every 15 s even in the short run: a video's
	// narration and render must get to run on one worker once (workers share
	// no disk), which takes several seconds on 2 busy cores.
	shortChaos = chaosScale{name: "short", lessons: 10, videos: 4, videoLength: "2m", killEvery: [2]time.Duration{15 * time.Second, 20 * time.Second},
		inFlight: 10, outage: 15 * time.Second, before: 5, during: 5, renderKills: 6}
	fullChaos = chaosScale{name: "full", lessons: 60, videos: 20, videoLength: "5m", killEvery: [2]time.Duration{20 * time.Second, 30 * time.Second},
		inFlight: 30, outage: 60 * time.Second, before: 15, during: 15, renderKills: 6}
)

// renderHeartbeat is the render heartbeat timeout the chaos workers run with;
// other stages have 20 s.
const renderHeartbeat = 4 * time.Second

// chaosResult is one scenario's count.
type chaosResult struct {
	scenario                                     string
	lessons, completed, failed, lost, duplicated int
	faults                                       int
	longestStall                                 time.Duration // after a crash, until lessons moved again
	stallLimit                                   time.Duration
}

func (r chaosResult) met() bool {
	return r.completed == r.lessons && r.failed == 0 && r.lost == 0 && r.duplicated == 0 &&
		(r.stallLimit == 0 || r.longestStall <= r.stallLimit)
}

func TestChaos(t *testing.T) {
	runChaos(t, devTarget())
}

// chaosTarget is the Temporal server the scenarios run against, and how to
// crash it.
type chaosTarget struct {
	name string
	// system makes a Vividly installation on the target.
	system func(t *testing.T) *system
	// crashable starts a server the scenario may kill, and returns its
	// address, a kill and a start again on the same data.
	crashable func(t *testing.T) (address string, kill func(), restart func() error)
}

// devTarget: the Temporal CLI's dev server; workers share one data dir.
func devTarget() chaosTarget {
	return chaosTarget{
		name:   "dev server",
		system: func(t *testing.T) *system { return newSystem(t) },
		crashable: func(t *testing.T) (string, func(), func() error) {
			opts := devserver.Options{Binary: temporalBin, Dir: filepath.Join(t.TempDir(), "temporal"), Port: freePort(), UIPort: freePort(),
				SearchAttributes: workflows.SearchAttributeTypes}
			srv, err := devserver.Start(t.Context(), opts)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { srv.Stop() })
			return opts.Address(), srv.Kill, func() error {
				srv, err = devserver.Start(t.Context(), opts)
				return err
			}
		},
	}
}

func runChaos(t *testing.T, target chaosTarget) {
	scale := shortChaos
	if os.Getenv("VIVIDLY_CHAOS") == "full" {
		scale = fullChaos
	}
	var results []chaosResult
	record := func(r chaosResult) {
		results = append(results, r)
		if !r.met() {
			t.Errorf("%s: targets missed: %+v", r.scenario, r)
		}
	}
	t.Run("worker-kills", func(t *testing.T) { record(chaosWorkerKills(t, scale, target.system(t))) })
	t.Run("server-restart", func(t *testing.T) { record(chaosServerRestart(t, scale, target)) })
	t.Run("database-outage", func(t *testing.T) { record(chaosDatabaseOutage(t, scale, target.system(t))) })
	t.Run("renderer-kills", func(t *testing.T) { record(chaosRendererKills(t, scale, target.system(t))) })
	t.Run("host-lost", func(t *testing.T) { record(chaosHostLost(t, target.system(t))) })

	var b strings.Builder
	fmt.Fprintf(&b, "chaos (%s, %s):\n%-18s %7s %9s %6s %4s %10s %6s %14s %s\n", scale.name, target.name,
		"scenario", "lessons", "completed", "failed", "lost", "duplicated", "faults", "longest stall", "targets")
	for _, r := range results {
		stall := "-"
		if r.stallLimit > 0 {
			stall = fmt.Sprintf("%s (≤ %s)", r.longestStall.Round(100*time.Millisecond), r.stallLimit)
		}
		verdict := "met"
		if !r.met() {
			verdict = "MISSED"
		}
		fmt.Fprintf(&b, "%-18s %7d %9d %6d %4d %10d %6d %14s %s\n", r.scenario, r.lessons, r.completed, r.failed,
			r.lost, r.duplicated, r.faults, stall, verdict)
	}
	t.Log("\n" + b.String())
	fmt.Fprint(os.Stderr, b.String())
}

// submitMix submits n lessons, the first videos of them videos of the given
// length, and returns their ids.
func submitMix(t *testing.T, s *system, n, videos int, length string) []string {
	t.Helper()
	questions := []string{"How do volcanoes erupt?", "What are fractions?", "Why do we have seasons?",
		"Explain photosynthesis", "How does the heart pump blood?", "What is the water cycle?"}
	var ids []string
	for i := 0; i < n; i++ {
		args := []string{"submit", questions[i%len(questions)], "--grade", fmt.Sprint(3 + i%9), "--json"}
		if i < videos {
			args = append(args, "--duration", length)
		} else {
			args = append(args, "--modality", "text")
		}
		ids = append(ids, decode(t, s.vividly(args...)).RequestID)
	}
	return ids
}

// settle waits for every lesson to end (or the deadline) and counts them.
func settle(t *testing.T, s *system, scenario string, ids []string, within time.Duration) chaosResult {
	t.Helper()
	r := chaosResult{scenario: scenario, lessons: len(ids)}
	deadline := time.Now().Add(within)
	for _, id := range ids {
		var v *view
		for {
			v = s.tryStatus(id)
			if v != nil && v.Status.Terminal() || time.Now().After(deadline) {
				break
			}
			time.Sleep(200 * time.Millisecond)
		}
		switch {
		case v == nil || !v.Status.Terminal():
			r.lost++
			t.Logf("%s: request %s did not end (%+v)", scenario, id, v)
		case v.Status == vividly.StatusCompleted:
			r.completed++
		default:
			r.failed++
			t.Logf("%s: request %s ended %s (%s)", scenario, id, v.Status, v.Error)
		}
		if n := runsOn(t, s.temporal, id); n > 1 {
			r.duplicated++
		}
		var videos int
		for _, f := range findFiles(t, s.dataDir, ".mp4") {
			if strings.Contains(f, filepath.Join("content", id)) { // stored, not a work file
				videos++
			}
		}
		if videos > 1 {
			r.duplicated++
		}
	}
	return r
}

// lastMove is when any of the lessons last recorded a status change, and
// whether all of them have ended.
func lastMove(t *testing.T, db *postgres.DB, ids []string) (last time.Time, ended bool) {
	ended = true
	for _, id := range ids {
		rec, err := db.GetRequest(t.Context(), id)
		if err != nil {
			ended = false
			continue
		}
		ended = ended && rec.Status.Terminal()
		if h, err := db.History(t.Context(), id); err == nil && len(h) > 0 && h[len(h)-1].At.After(last) {
			last = h[len(h)-1].At
		}
	}
	return last, ended
}

// chaosWorkerKills: workers are killed without warning, again and again,
// while lessons run; a new one starts each time.
func chaosWorkerKills(t *testing.T, scale chaosScale, s *system) chaosResult {
	s.extra = []string{"VIVIDLY_RENDER_HEARTBEAT_TIMEOUT=" + renderHeartbeat.String()}
	w := s.startWorker()
	db, err := postgres.Open(t.Context(), s.dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ids := submitMix(t, s, scale.lessons, scale.videos, scale.videoLength)
	stop := make(chan struct{})
	var mu sync.Mutex
	kills := 0
	var stall time.Duration
	var wg sync.WaitGroup
	// The killer stops before the test ends, however it ends.
	stopKilling := sync.OnceFunc(func() { close(stop); wg.Wait() })
	defer stopKilling()
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			wait := scale.killEvery[0] + time.Duration(rand.Int64N(int64(scale.killEvery[1]-scale.killEvery[0])+1))
			select {
			case <-stop:
				return
			case <-time.After(wait):
			}
			before, _ := lastMove(t, db, ids)
			killed := time.Now()
			w.kill()
			w = s.startWorker()
			mu.Lock()
			kills++
			mu.Unlock()
			// The stall: from the kill until some lesson moves again.
			for time.Since(killed) < 2*time.Minute {
				m, ended := lastMove(t, db, ids)
				if m.After(before) && m.After(killed) {
					mu.Lock()
					stall = max(stall, m.Sub(killed))
					mu.Unlock()
					break
				}
				if ended {
					break
				}
				time.Sleep(200 * time.Millisecond)
			}
		}
	}()
	r := settle(t, s, "worker kills", ids, 10*time.Minute)
	stopKilling()
	mu.Lock()
	defer mu.Unlock()
	r.faults, r.longestStall, r.stallLimit = kills, stall, 2*20*time.Second
	return r
}

// chaosServerRestart: the Temporal server is killed with lessons in flight
// and started again on the same database.
func chaosServerRestart(t *testing.T, scale chaosScale, target chaosTarget) chaosResult {
	address, kill, restart := target.crashable(t)
	s := target.system(t)
	s.temporal = address
	s.extra = append(s.extra, "VIVIDLY_RENDER_HEARTBEAT_TIMEOUT="+renderHeartbeat.String())
	s.startWorker()
	ids := submitMix(t, s, scale.inFlight, scale.inFlight/3, scale.videoLength)
	time.Sleep(time.Second)
	kill()
	time.Sleep(3 * time.Second)
	if err := restart(); err != nil {
		t.Fatal(err)
	}
	restarted := time.Now()
	r := settle(t, s, "server restart", ids, 10*time.Minute)
	r.faults = 1
	t.Logf("server restart: all ended %s after the server was back", time.Since(restarted).Round(time.Second))
	return r
}

// chaosDatabaseOutage: PostgreSQL becomes unreachable while lessons run, and
// more arrive during the outage.
func chaosDatabaseOutage(t *testing.T, scale chaosScale, s *system) chaosResult {
	u, err := url.Parse(s.dbURL)
	if err != nil {
		t.Fatal(err)
	}
	proxy := newDBProxy(t, u.Host)
	s.startWorkerWith("VIVIDLY_DATABASE_URL=" + proxy.url(s.dbURL))
	ids := submitMix(t, s, scale.before, scale.before/3, scale.videoLength)
	time.Sleep(time.Second)
	proxy.setUp(false)
	down := time.Now()
	ids = append(ids, submitMix(t, s, scale.during, scale.during/3, scale.videoLength)...)
	time.Sleep(scale.outage - time.Since(down))
	proxy.setUp(true)
	r := settle(t, s, "database outage", ids, 10*time.Minute)
	r.faults = 1
	return r
}

// chaosRendererKills: one lesson's render is killed again and again, by
// killing whichever worker is rendering it.
func chaosRendererKills(t *testing.T, scale chaosScale, s *system) chaosResult {
	s.extra = append(s.extra, "VIVIDLY_RENDER_HEARTBEAT_TIMEOUT="+renderHeartbeat.String())
	w := s.startWorker()
	id := decode(t, s.vividly("submit", "How do volcanoes erupt?", "--grade", "6", "--interest", "skateboarding",
		"--duration", "5m", "--json")).RequestID
	s.waitFor(id, 2*time.Minute, func(v view) bool { return v.Status == vividly.StatusGeneratingVideo })
	var stall time.Duration
	kills := 0
	for kills < scale.renderKills {
		attempt, started := s.renderAttempt(id)
		if attempt == "" {
			if v := s.tryStatus(id); v != nil && v.Status != vividly.StatusGeneratingVideo {
				t.Logf("the render finished after %d kills", kills)
				break
			}
			time.Sleep(100 * time.Millisecond)
			continue
		}
		if time.Since(started) < 500*time.Millisecond {
			time.Sleep(500 * time.Millisecond) // let ffmpeg get going
		}
		killed := time.Now()
		w.kill()
		kills++
		w = s.startWorker()
		// The stall: until the render starts again on the new worker (after
		// the narration, which was lost with the worker, is made again there).
		for time.Since(killed) < 2*time.Minute {
			if a, st := s.renderAttempt(id); a != "" && a != attempt && st.After(killed) {
				stall = max(stall, st.Sub(killed))
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	r := settle(t, s, "renderer kills", []string{id}, 5*time.Minute)
	r.faults, r.longestStall, r.stallLimit = kills, stall, 2*renderHeartbeat+narrateAgain
	if kills < scale.renderKills {
		t.Errorf("renderer killed %d times, want %d: make the lesson longer", kills, scale.renderKills)
	}
	return r
}

// narrateAgain bounds how long a lost worker's narration takes to make again
// on the next worker, before its render can start there.
const narrateAgain = 10 * time.Second

// renderAttempt names the running render attempt (its activity and attempt
// number) and says when it started, from the Temporal server; "" when no
// render is running.
func (s *system) renderAttempt(id string) (string, time.Time) {
	t := s.t
	out, err := exec.Command(temporalBin, "workflow", "describe", "--address", s.temporal,
		"--workflow-id", workflows.WorkflowID(id), "--output", "json").Output()
	if err != nil {
		return "", time.Time{}
	}
	var d struct {
		PendingActivities []struct {
			ActivityType struct {
				Name string `json:"name"`
			} `json:"activityType"`
			ActivityID      string    `json:"activityId"`
			State           string    `json:"state"`
			Attempt         int       `json:"attempt"`
			LastStartedTime time.Time `json:"lastStartedTime"`
		} `json:"pendingActivities"`
	}
	if err := json.Unmarshal(out, &d); err != nil {
		t.Fatalf("workflow describe: %v\n%s", err, out)
	}
	for _, p := range d.PendingActivities {
		if p.ActivityType.Name == "Render" && strings.HasSuffix(p.State, "STARTED") {
			return fmt.Sprintf("%s#%d", p.ActivityID, p.Attempt), p.LastStartedTime
		}
	}
	return "", time.Time{}
}

// chaosHostLost: the worker rendering a lesson dies and its disk is lost for
// good; the lesson is made again on another worker, from the narration on,
// and completes with one stored video.
func chaosHostLost(t *testing.T, s *system) chaosResult {
	s.ownDisks = true
	s.extra = append(s.extra, "VIVIDLY_RENDER_HEARTBEAT_TIMEOUT="+renderHeartbeat.String())
	first := s.startWorker()
	lost := filepath.Join(s.dataDir, "hosts", strconv.Itoa(s.workers))
	id := decode(t, s.vividly("submit", "How do volcanoes erupt?", "--grade", "6", "--interest", "skateboarding",
		"--duration", "5m", "--json")).RequestID
	s.waitFor(id, 2*time.Minute, func(v view) bool { return v.Status == vividly.StatusGeneratingVideo })
	time.Sleep(500 * time.Millisecond) // ffmpeg is writing
	killed := time.Now()
	first.kill()
	if err := os.RemoveAll(lost); err != nil {
		t.Fatal(err)
	}
	if v := s.status(id); v.Status.Terminal() {
		t.Fatalf("render finished before its host was lost (%s); make the lesson longer", v.Status)
	}
	s.startWorker()
	var stall time.Duration
	for time.Since(killed) < 2*time.Minute {
		if a, st := s.renderAttempt(id); a != "" && st.After(killed) {
			stall = st.Sub(killed)
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	r := settle(t, s, "host lost", []string{id}, 5*time.Minute)
	r.faults, r.longestStall, r.stallLimit = 1, stall, 2*renderHeartbeat+narrateAgain
	if v := s.status(id); v.Result != nil && v.Result.Video != "" {
		if p := probe(t, v.Result.Video); p.videoStreams != 1 || p.audioStreams != 1 {
			t.Errorf("video made after the host was lost has %d video / %d audio streams", p.videoStreams, p.audioStreams)
		}
	}
	if n := s.scheduled(id, "Narrate"); len(n) != 2 || n[0].queue == n[1].queue {
		t.Errorf("narrations scheduled: %v, want one on each host", n)
	}
	return r
}
