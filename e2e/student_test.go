package e2e

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/vividly-edu/vividly/api"
	"github.com/vividly-edu/vividly/workflows"
)

// startServe runs `vividly serve` with the local sign-in on and returns its URL.
func (s *system) startServe() string {
	s.t.Helper()
	addr := "127.0.0.1:" + strconv.Itoa(freePort())
	cmd := exec.Command(vividlyBin, "serve", "--log-level", "info")
	cmd.Env = append(append(s.env(), s.extra...), "VIVIDLY_SERVE_ADDR="+addr, "VIVIDLY_LOCAL_SIGN_IN=on")
	logf, err := os.CreateTemp(s.dataDir, "serve-*.log")
	if err != nil {
		s.t.Fatal(err)
	}
	cmd.Stderr = logf
	out, err := cmd.StdoutPipe()
	if err != nil {
		s.t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	s.t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
		if s.t.Failed() {
			b, _ := os.ReadFile(logf.Name())
			s.t.Logf("serve log:\n%s", tail(b, 4000))
		}
	})
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || !strings.Contains(line, "http://"+addr) {
		s.t.Fatalf("vividly serve printed %q (%v), want its URL", line, err)
	}
	go func() { _, _ = io.Copy(io.Discard, out) }()
	return "http://" + addr
}

// client is an API client with a bearer token.
type client struct {
	t     *testing.T
	base  string
	token string
}

func (c client) do(method, path string, body any, header ...string) (int, []byte) {
	c.t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = strings.NewReader(string(b))
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// events reads a lesson's event stream until it ends or stop says so, and
// returns the statuses with their ids.
func (c client) events(id string, last int, stop func(api.Event) bool) []api.Event {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/v1/lessons/"+id+"/events", nil)
	req.Header.Set("Authorization", "Bearer "+c.token)
	if last > 0 {
		req.Header.Set("Last-Event-ID", strconv.Itoa(last))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != http.StatusOK || ct != "text/event-stream" {
		c.t.Fatalf("events: %d %s", resp.StatusCode, ct)
	}
	var out []api.Event
	sc := bufio.NewScanner(resp.Body)
	eventID := 0
	for sc.Scan() {
		line := sc.Text()
		if v, ok := strings.CutPrefix(line, "id: "); ok {
			eventID, _ = strconv.Atoi(v)
		}
		if v, ok := strings.CutPrefix(line, "data: "); ok {
			var ev api.Event
			if err := json.Unmarshal([]byte(v), &ev); err != nil {
				c.t.Fatal(err)
			}
			if ev.Seq != eventID {
				c.t.Errorf("event id %d carries seq %d", eventID, ev.Seq)
			}
			out = append(out, ev)
			if stop(ev) {
				return out
			}
		}
	}
	return out
}

// The curl flow: a token from `vividly token create`, a vague question, its
// clarifying question answered with an offered choice through the Workflow
// Update, the events resumed with Last-Event-ID up to completed, and the
// video served with range requests.
func TestStudentAPIFlow(t *testing.T) {
	s := newSystem(t)
	s.startWorker()
	base := s.startServe()
	token := strings.TrimSpace(string(s.vividly("token", "create", "--student", "Ada")))
	c := client{t: t, base: base, token: token}

	code, body := c.do(http.MethodPost, "/v1/lessons", api.NewLesson{Question: "help me with science", Grade: 6, Modality: "video"})
	if code != http.StatusAccepted {
		t.Fatalf("POST /v1/lessons: %d %s", code, body)
	}
	var l api.Lesson
	_ = json.Unmarshal(body, &l)
	evs := c.events(l.ID, 0, func(e api.Event) bool { return e.Status == "clarification_needed" })
	if len(evs) == 0 || evs[len(evs)-1].Status != "clarification_needed" {
		t.Fatalf("events before the question: %+v", evs)
	}
	_, body = c.do(http.MethodGet, "/v1/lessons/"+l.ID, nil)
	_ = json.Unmarshal(body, &l)
	if len(l.Clarifying) == 0 || len(l.Clarifying[0].Choices) == 0 {
		t.Fatalf("no offered choices: %s", body)
	}
	if code, body := c.do(http.MethodPost, "/v1/lessons/"+l.ID+"/clarification", map[string]string{"answer": " "}); code != http.StatusUnprocessableEntity {
		t.Errorf("an empty answer: %d %s, want 422", code, body)
	}
	choice := l.Clarifying[0].Choices[0]
	code, body = c.do(http.MethodPost, "/v1/lessons/"+l.ID+"/clarification", map[string]string{"answer": choice})
	var after api.Lesson
	_ = json.Unmarshal(body, &after)
	if code != http.StatusOK || after.Status == "clarification_needed" {
		t.Fatalf("answering %q: %d %s", choice, code, body)
	}
	if code, body := c.do(http.MethodPost, "/v1/lessons/"+l.ID+"/clarification", map[string]string{"answer": choice}); code != http.StatusConflict {
		t.Errorf("answering again: %d %s, want 409", code, body)
	}
	last := evs[len(evs)-1].Seq
	rest := c.events(l.ID, last, func(api.Event) bool { return false })
	if len(rest) == 0 || rest[0].Seq != last+1 || rest[len(rest)-1].Status != "completed" {
		t.Fatalf("events after %d: %+v, want %d onwards up to completed", last, rest, last+1)
	}
	ended := time.Now()
	if again := c.events(l.ID, rest[len(rest)-1].Seq, func(api.Event) bool { return false }); len(again) != 0 || time.Since(ended) > 10*time.Second {
		t.Errorf("resuming after the end: %+v after %s, want the stream to end at once with nothing", again, time.Since(ended))
	}
	_, body = c.do(http.MethodGet, "/v1/lessons/"+l.ID, nil)
	_ = json.Unmarshal(body, &l)
	if l.Result == nil || l.Result.Media.Video == "" || l.Result.Media.Captions == "" || len(l.Result.Sources) == 0 {
		t.Fatalf("completed lesson: %s", body)
	}
	// Only the accepted answer is in the lesson's history: the refused one
	// left nothing.
	hist, err := exec.Command(temporalBin, "workflow", "show", "--address", s.temporal,
		"--workflow-id", workflows.WorkflowID(l.ID), "--output", "json").Output()
	if err != nil {
		t.Fatalf("workflow show: %v", err)
	}
	if n, m := strings.Count(string(hist), "workflowExecutionUpdateAcceptedEventAttributes"), strings.Count(string(hist), "workflowExecutionUpdateRejected"); n != 1 || m != 0 {
		t.Errorf("the history holds %d accepted and %d rejected updates, want the one accepted answer alone", n, m)
	}
	code, body = c.do(http.MethodGet, l.Result.Media.Video, nil, "Range", "bytes=100-199")
	if code != http.StatusPartialContent || len(body) != 100 {
		t.Errorf("a range of the video: %d, %d bytes; want 206 with 100", code, len(body))
	}
	code, body = c.do(http.MethodGet, l.Result.Media.Captions, nil)
	if code != http.StatusOK || !strings.HasPrefix(string(body), "WEBVTT") {
		t.Errorf("captions: %d %.40q", code, body)
	}
	code, body = c.do(http.MethodGet, "/v1/lessons", nil)
	if code != http.StatusOK || !strings.Contains(string(body), l.ID) {
		t.Errorf("list: %d %s", code, body)
	}
}

// The browser flow: sign in, ask a vague question, pick an offered topic,
// watch the bar reach completed and the video play with captions; a
// question with HTML in it shows as text.
func TestStudentPageInBrowser(t *testing.T) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatal("headless Chromium is needed for the page test: scripts/setup installs Debian's chromium package")
	}
	s := newSystem(t)
	s.startWorker()
	base := s.startServe()
	ctx := browser(t, chromium)
	ctx, cancel := context.WithTimeout(ctx, 4*time.Minute)
	defer cancel()
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	text := func(sel string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Text(css(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return v
	}
	eval := func(js string) float64 {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[float64](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return v
	}
	err = chromedp.Do(ctx,
		chromedp.Navigate(base),
		chromedp.WaitVisible(css(`#name`)),
		chromedp.SendKeys(css(`#name`), "Ada"),
		chromedp.Submit(css(`#name`)),
		chromedp.WaitVisible(css(`#question`)),
		chromedp.SendKeys(css(`#question`), "help me with science"),
		chromedp.SetValue(css(`#grade`), "6"),
		chromedp.Submit(css(`#question`)),
		chromedp.WaitVisible(css(`#choices button`)),
	)
	if err != nil {
		screenshot(ctx, "student-ask.png")
		t.Fatalf("sign in and ask: %v", err)
	}
	screenshot(ctx, "student-clarify.png")
	choice := text(`#choices button`)
	if err := chromedp.Do(ctx, chromedp.Click(css(`#choices button`))); err != nil {
		t.Fatal(err)
	}
	stage := ""
	for deadline := time.Now().Add(3 * time.Minute); stage != "Completed" && time.Now().Before(deadline); {
		time.Sleep(500 * time.Millisecond)
		stage = text(`#stage`)
	}
	if stage != "Completed" {
		screenshot(ctx, "student-stuck.png")
		t.Fatalf("after choosing %q the bar shows %q, want Completed", choice, stage)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(css(`video`)), chromedp.WaitVisible(css(`#script h3`)), chromedp.WaitVisible(css(`#sources li`))); err != nil {
		screenshot(ctx, "student-lesson.png")
		t.Fatal(err)
	}
	if bar := eval(`document.querySelector("#bar").value`); bar != 100 {
		t.Errorf("progress bar value %v, want 100", bar)
	}
	before := eval(`(() => { const v = document.querySelector("video"); v.muted = true; v.play(); return v.currentTime; })()`)
	time.Sleep(2500 * time.Millisecond)
	after := eval(`document.querySelector("video").currentTime`)
	if after-before < 1 {
		t.Errorf("the video's currentTime went from %.2f to %.2f in 2.5 s: it does not play", before, after)
	}
	captions, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const t = document.querySelector("video").textTracks[0]; const tr = document.querySelector("video track");
		return t ? t.kind + " " + t.mode + " default=" + tr.default + " cues=" + (t.cues ? t.cues.length : 0) : "none"; })()`))
	if err != nil || !strings.HasPrefix(captions, "captions showing default=true") || strings.HasSuffix(captions, "cues=0") {
		t.Errorf("captions track: %s (%v), want captions showing by default, with cues", captions, err)
	}
	screenshot(ctx, "student-lesson.png")

	hostile := `<script>document.title="owned"</script><b>bold?</b> what is rain`
	err = chromedp.Do(ctx,
		chromedp.Navigate(base),
		chromedp.WaitVisible(css(`#question`)),
		chromedp.SendKeys(css(`#question`), hostile),
		chromedp.Click(css(`input[value=text]`)),
		chromedp.Submit(css(`#question`)),
		chromedp.WaitVisible(css(`#lesson h1`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	shown := text(`#lesson h1`)
	scripts := eval(`document.scripts.length`)
	title, _ := chromedp.Run(ctx, chromedp.Title())
	if shown != hostile || scripts != 1 || strings.Contains(title, "owned") {
		t.Errorf("a question with HTML: shown as %q, %v scripts, title %q; want the text itself, only the page's script", shown, scripts, title)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base), chromedp.WaitVisible(css(`.lessons`))); err != nil {
		t.Fatal(err)
	}
	screenshot(ctx, "student-list.png")
	if list := text(`.lessons`); !strings.Contains(list, hostile) || !strings.Contains(list, "help me with science") {
		t.Errorf("the list of lessons reads %q, want both questions as text", list)
	}
	// On a phone, nothing is wider than the screen.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(base), chromedp.WaitVisible(css(`#question`))); err != nil {
		t.Fatal(err)
	}
	screenshot(ctx, "student-phone.png")
	if w := eval(`document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("on a 390 px wide phone the page is %v px wide", w)
	}
}
