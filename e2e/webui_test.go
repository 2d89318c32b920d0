package e2e

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/workflows"
)

// TestWebUIFiltersWaitingRequests opens the Temporal Web UI in headless Chromium,
// filters by VividlyStatus="clarification_needed" as an operator would, and checks
// the list is exactly the requests waiting for a student.
func TestWebUIFiltersWaitingRequests(t *testing.T) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatal("headless Chromium is needed for the Web UI test: scripts/setup installs Debian's chromium package")
	}
	s := newSystem(t)
	s.startWorker()
	var waiting []string
	for _, q := range []string{"help me with my homework", "I don't get it"} {
		id := decode(t, s.vividly("submit", q, "--modality", "text", "--json")).RequestID
		s.waitFor(id, time.Minute, func(v view) bool { return v.Status == vividly.StatusClarificationNeeded })
		waiting = append(waiting, workflows.WorkflowID(id))
	}
	done := decode(t, s.vividly("submit", "What are fractions?", "--grade", "3", "--modality", "text", "--wait", "--json"))
	if done.Status != vividly.StatusCompleted {
		t.Fatalf("control request ended %s", done.Status)
	}
	t.Cleanup(func() { // leave no waiting workflow behind for other tests
		for _, id := range waiting {
			_ = exec.Command(temporalBin, "workflow", "terminate", "--address", temporalAt, "--workflow-id", id, "--reason", "test done").Run()
		}
	})

	// What Temporal itself says is waiting: the list the UI must show.
	out, err := exec.Command(temporalBin, "workflow", "list", "--address", temporalAt,
		"--query", `VividlyStatus="clarification_needed"`).CombinedOutput()
	if err != nil {
		t.Fatalf("temporal workflow list: %v\n%s", err, out)
	}
	ids := regexp.MustCompile(`content-[0-9a-f-]{36}`)
	want := ids.FindAllString(string(out), -1)
	slices.Sort(want)

	ctx := browser(t, chromium)
	page := webUI + "/namespaces/default/workflows?query=" + strings.ReplaceAll(`VividlyStatus="clarification_needed"`, `"`, "%22")
	err = chromedp.Do(ctx,
		chromedp.Navigate(page),
		chromedp.WaitVisible(chromedp.CSS(`a[href*="/workflows/content-"]`)),
		chromedp.Sleep(time.Second), // let the table settle after the first rows
	)
	var text string
	if err == nil {
		text, err = chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body")))
	}
	screenshot(ctx, "webui-clarification-needed.jpg")
	if err != nil {
		t.Fatalf("Web UI at %s: %v", page, err)
	}
	got := ids.FindAllString(text, -1)
	slices.Sort(got)
	got = slices.Compact(got)
	if !slices.Equal(got, want) {
		t.Errorf("the Web UI lists %v for VividlyStatus=\"clarification_needed\", Temporal lists %v", got, want)
	}
	for _, id := range waiting {
		if !slices.Contains(got, id) {
			t.Errorf("waiting request %s is not in the Web UI's filtered list", id)
		}
	}
	if slices.Contains(got, workflows.WorkflowID(done.RequestID)) {
		t.Errorf("completed request %s is listed as waiting", done.RequestID)
	}
}

// browser is a headless Chromium for the test, with a 90 s budget.
func browser(t *testing.T, chromium string) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1400, 900))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelBrowser := chromedp.NewContext(actx)
	ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancel(); cancelBrowser(); cancelAlloc() })
	return ctx
}

// screenshot keeps a picture of the page where a person can look at it:
// VIVIDLY_SCREENSHOT_DIR, if set.
func screenshot(ctx context.Context, name string) {
	if dir := os.Getenv("VIVIDLY_SCREENSHOT_DIR"); dir != "" {
		if shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(80)); err == nil {
			_ = os.WriteFile(filepath.Join(dir, name), shot, 0o644)
		}
	}
}

// TestWebUIShowsDecodedPayloads: the Web UI, pointed at the codec server,
// shows a lesson's input and answer decoded, though Temporal holds them
// encrypted.
func TestWebUIShowsDecodedPayloads(t *testing.T) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatal("headless Chromium is needed for the Web UI test: scripts/setup installs Debian's chromium package")
	}
	s := newSystem(t)
	s.startWorker()
	id := lessonWithStudentText(t, s)
	ctx := browser(t, chromium)
	page := webUI + "/namespaces/default/workflows/" + workflows.WorkflowID(id)
	if err := chromedp.Do(ctx, chromedp.Navigate(page)); err != nil {
		t.Fatalf("Web UI at %s: %v", page, err)
	}
	var text string
	deadline := time.Now().Add(45 * time.Second)
	for time.Now().Before(deadline) {
		text, err = chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body")))
		if err == nil && strings.Contains(strings.ToLower(text), "xylophone") {
			break
		}
		time.Sleep(time.Second)
	}
	screenshot(ctx, "webui-decoded-payloads.jpg")
	if !strings.Contains(strings.ToLower(text), "xylophone") {
		t.Errorf("the Web UI does not show the lesson's input decoded; it shows:\n%s", tail([]byte(text), 2000))
	}
}
