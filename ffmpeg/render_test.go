package ffmpeg

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestRender(t *testing.T) {
	requireTools(t, "ffmpeg", "ffprobe", "espeak-ng")
	dir := t.TempDir()
	s := lessonScript()
	nar := narrate(t, s, dir)

	var progress []float64
	v, err := New(Config{}).Render(context.Background(), vividlyInput(s, nar, dir), func(f float64) { progress = append(progress, f) })
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("rendered %s of lesson in %s (%.1fx realtime)", nar.Duration.Round(time.Millisecond),
		v.RenderTime.Round(time.Millisecond), nar.Duration.Seconds()/v.RenderTime.Seconds())

	if v.VideoPath != filepath.Join(dir, "lesson.mp4") || v.CaptionsPath != filepath.Join(dir, "lesson.vtt") {
		t.Errorf("paths %s, %s", v.VideoPath, v.CaptionsPath)
	}
	if v.RenderTime <= 0 || (v.Duration-nar.Duration).Abs() > maxDrift {
		t.Errorf("video %+v for a %s narration", v, nar.Duration)
	}
	info, err := Probe(context.Background(), "ffprobe", v.VideoPath)
	if err != nil {
		t.Fatal(err)
	}
	if len(info.Video()) != 1 || len(info.Audio()) != 1 {
		t.Fatalf("streams %+v, want one video and one audio", info.Streams)
	}
	vs := info.Video()[0]
	if drift := (vs.Duration - nar.Duration).Abs(); drift > maxDrift {
		t.Errorf("video lasts %s, narration %s", vs.Duration, nar.Duration)
	}
	if vs.Codec != "h264" || vs.Width != 1280 || vs.Height != 720 || vs.PixelFormat != "yuv420p" || info.Audio()[0].Codec != "aac" {
		t.Errorf("video stream %+v, audio %+v", vs, info.Audio()[0])
	}
	// The captions are a subtitle track, not drawn into the slides: one
	// frame per segment's slide.
	if subs := info.Streams["subtitle"]; len(subs) != 1 || subs[0].Codec != "mov_text" {
		t.Errorf("subtitle streams %+v, want one mov_text track", subs)
	}
	shots, err := New(Config{}).shots(s, nar)
	if err != nil {
		t.Fatal(err)
	}
	if len(shots) != len(s.Segments) {
		t.Errorf("%d shots for %d segments: captions were drawn into the slides", len(shots), len(s.Segments))
	}
	checkFrames(t, v.VideoPath, shots, nar.Duration)

	checkVTT(t, v.CaptionsPath, nar.Duration)

	if len(progress) < 3 {
		t.Errorf("progress called %d times: %v", len(progress), progress)
	}
	for i := 1; i < len(progress); i++ {
		if progress[i] < progress[i-1] {
			t.Errorf("progress went back: %v", progress)
			break
		}
	}
	if last := progress[len(progress)-1]; last < 0.99 || last > 1 {
		t.Errorf("progress ended at %g", last)
	}

	if got, want := names(t, dir), []string{"lesson.mp4", "lesson.vtt", "narration.json", "narration.wav"}; !reflect.DeepEqual(got, want) {
		t.Errorf("dir holds %v, want %v", got, want)
	}
	if os.Getenv("VIVIDLY_KEEP_FRAME") != "" {
		keepFrame(t, v.VideoPath, os.Getenv("VIVIDLY_KEEP_FRAME"))
	}
}

// checkFrames checks the video shows each shot's slide from the shot's start
// (one frame per shot, within 20 ms, plus one final frame at the narration's
// end that holds the last slide), and has a keyframe at least every
// keyframeEvery seconds so players can seek.
func checkFrames(t *testing.T, video string, shots []shot, d time.Duration) {
	t.Helper()
	out, err := exec.Command("ffprobe", "-v", "error", "-select_streams", "v:0",
		"-show_entries", "packet=pts_time,flags", "-of", "csv=p=0", video).Output()
	if err != nil {
		t.Fatalf("ffprobe packets: %v", err)
	}
	type frame struct {
		at  time.Duration
		key bool
	}
	var frames []frame
	for _, line := range strings.Fields(string(out)) {
		pts, flags, _ := strings.Cut(line, ",")
		sec, err := strconv.ParseFloat(pts, 64)
		if err != nil {
			t.Fatalf("packet %q: %v", line, err)
		}
		frames = append(frames, frame{time.Duration(sec * float64(time.Second)), strings.HasPrefix(flags, "K")})
	}
	sort.Slice(frames, func(i, j int) bool { return frames[i].at < frames[j].at })
	if len(frames) != len(shots)+1 {
		t.Fatalf("%d frames for %d shots, want one per shot and one at the end", len(frames), len(shots))
	}
	const slack = 20 * time.Millisecond
	for i, sh := range shots {
		if (frames[i].at - sh.start).Abs() > slack {
			t.Errorf("shot %d (segment %d) starts at %s but its frame at %s", i, sh.seg, sh.start, frames[i].at)
		}
	}
	if last := frames[len(frames)-1].at; (last - d).Abs() > slack {
		t.Errorf("last frame at %s, narration ends at %s", last, d)
	}
	lastKey := time.Duration(-1)
	for _, f := range frames {
		if f.key {
			lastKey = f.at
		} else if lastKey < 0 || f.at-lastKey > keyframeEvery*time.Second+slack {
			t.Errorf("frame at %s is more than %ds after the last keyframe (%s)", f.at, keyframeEvery, lastKey)
		}
	}
}

var vttCue = regexp.MustCompile(`^(\d\d):(\d\d):(\d\d)\.(\d\d\d) --> (\d\d):(\d\d):(\d\d)\.(\d\d\d)$`)

// checkVTT checks the captions cover the narration, in order and without
// overlaps.
func checkVTT(t *testing.T, path string, d time.Duration) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	if !strings.HasPrefix(text, "WEBVTT\n") {
		t.Fatalf("captions start %q", text[:min(len(text), 20)])
	}
	var times []time.Duration
	for _, line := range strings.Split(text, "\n") {
		if m := vttCue.FindStringSubmatch(line); m != nil {
			times = append(times, parseVTTTime(m[1:5]), parseVTTTime(m[5:9]))
		}
	}
	if len(times) == 0 {
		t.Fatal("no cues")
	}
	for i := 1; i < len(times); i++ {
		if times[i] < times[i-1] {
			t.Errorf("cue times out of order or overlapping at %s", times[i])
		}
	}
	if times[0] >= time.Second {
		t.Errorf("first cue starts at %s", times[0])
	}
	if last := times[len(times)-1]; last > d || d-last > time.Second {
		t.Errorf("last cue ends at %s, narration at %s", last, d)
	}
}

func parseVTTTime(p []string) time.Duration {
	var n [4]int
	for i, s := range p {
		for _, c := range s {
			n[i] = n[i]*10 + int(c-'0')
		}
	}
	return time.Duration(n[0])*time.Hour + time.Duration(n[1])*time.Minute + time.Duration(n[2])*time.Second + time.Duration(n[3])*time.Millisecond
}

// keepFrame saves the frame at 5 s as a PNG, to look at the design.
func keepFrame(t *testing.T, video, out string) {
	cmd := exec.Command("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-ss", "5", "-i", video, "-frames:v", "1", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("extract frame: %v: %s", err, b)
	}
}

func TestRenderTwiceLeavesOneVideo(t *testing.T) {
	requireTools(t, "ffmpeg", "ffprobe")
	dir := t.TempDir()
	s := lessonScript()
	nar := syntheticNarration(t, s, dir, 8*time.Second)
	// Leftovers of a render killed half way are cleaned up.
	os.Mkdir(filepath.Join(dir, ".render-123"), 0o755)
	os.WriteFile(filepath.Join(dir, ".lesson-456-lesson.mp4.part"), []byte("junk"), 0o644)
	r := New(Config{})
	for range 2 {
		if _, err := r.Render(context.Background(), vividlyInput(s, nar, dir), nil); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := names(t, dir), []string{"lesson.mp4", "lesson.vtt", "narration.wav"}; !reflect.DeepEqual(got, want) {
		t.Errorf("after two renders dir holds %v, want %v", got, want)
	}
}

func TestRenderCancelled(t *testing.T) {
	requireTools(t, "ffmpeg", "ffprobe")
	dir := t.TempDir()
	s := lessonScript()
	// Long enough that encoding is well under way when it is cancelled.
	nar := syntheticNarration(t, s, dir, 3*time.Minute)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var cancelledAt time.Time
	progress := func(f float64) {
		if f > 0.12 && cancelledAt.IsZero() {
			cancelledAt = time.Now()
			cancel()
		}
	}
	_, err := New(Config{}).Render(ctx, vividlyInput(s, nar, dir), progress)
	if cancelledAt.IsZero() {
		t.Fatalf("render ended before encoding got going: %v", err)
	}
	if took := time.Since(cancelledAt); took > 2*time.Second {
		t.Errorf("render returned %s after cancellation", took)
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if got := names(t, dir); !reflect.DeepEqual(got, []string{"narration.wav"}) {
		t.Errorf("cancelled render left %v", got)
	}
}

func TestRenderSpeed(t *testing.T) {
	requireTools(t, "ffmpeg", "ffprobe", "espeak-ng")
	if testing.Short() {
		t.Skip("renders a minute of lesson; skipped in -short mode")
	}
	dir := t.TempDir()
	s := lessonScript()
	// About a minute of narration: the lesson, three times over.
	for i := range s.Segments {
		s.Segments[i].Narration = strings.Repeat(s.Segments[i].Narration+" ", 3)
	}
	began := time.Now()
	nar := narrate(t, s, dir)
	spoke := time.Since(began)
	v, err := New(Config{}).Render(context.Background(), vividlyInput(s, nar, dir), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s narration: spoken in %s (%.0fx realtime), rendered in %s (%.1fx realtime), %d cues",
		nar.Duration.Round(100*time.Millisecond), spoke.Round(time.Millisecond), nar.Duration.Seconds()/spoke.Seconds(),
		v.RenderTime.Round(time.Millisecond), nar.Duration.Seconds()/v.RenderTime.Seconds(), len(nar.Cues))
}

func TestProbeReportsFailure(t *testing.T) {
	requireTools(t, "ffprobe")
	path := filepath.Join(t.TempDir(), "-not-a-video.mp4")
	if err := os.WriteFile(path, []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Probe(context.Background(), "ffprobe", path)
	if err == nil || !strings.Contains(err.Error(), "stderr") {
		t.Errorf("err = %v, want ffprobe's complaint", err)
	}
}

// With BurnCaptions the caption is drawn into the picture: the slide
// changes with each sentence, and the subtitle track is there as well.
func TestRenderWithBurnedCaptions(t *testing.T) {
	requireTools(t, "ffmpeg", "ffprobe", "espeak-ng")
	dir := t.TempDir()
	s := lessonScript()
	nar := narrate(t, s, dir)
	r := New(Config{BurnCaptions: true})
	v, err := r.Render(context.Background(), vividlyInput(s, nar, dir), nil)
	if err != nil {
		t.Fatal(err)
	}
	shots, err := r.shots(s, nar)
	if err != nil {
		t.Fatal(err)
	}
	if len(shots) <= len(s.Segments) {
		t.Errorf("%d shots for %d segments: the captions did not change the picture", len(shots), len(s.Segments))
	}
	checkFrames(t, v.VideoPath, shots, nar.Duration)
	info, err := Probe(context.Background(), "ffprobe", v.VideoPath)
	if err != nil {
		t.Fatal(err)
	}
	if len(info.Streams["subtitle"]) != 1 {
		t.Errorf("subtitle streams %+v, want one", info.Streams["subtitle"])
	}
}

// The render's check starts ffprobe before the video exists and gives it the
// file on its standard input: it reads a rendered lesson as Probe does, and
// reports a file that is no video; one never given a file is stopped.
func TestEarlyProbeReadsAsProbe(t *testing.T) {
	requireTools(t, "ffmpeg", "ffprobe", "espeak-ng")
	dir := t.TempDir()
	s := lessonScript()
	v, err := New(Config{}).Render(context.Background(), vividlyInput(s, narrate(t, s, dir), dir), nil)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Probe(context.Background(), "ffprobe", v.VideoPath)
	if err != nil {
		t.Fatal(err)
	}
	p, err := startProbe(context.Background(), "ffprobe")
	if err != nil {
		t.Fatal(err)
	}
	got, err := p.probe(v.VideoPath)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) || len(got.Video()) != 1 || len(got.Audio()) != 1 {
		t.Errorf("early probe %+v\nProbe %+v", got, want)
	}

	junk := filepath.Join(dir, "not-a-video.mp4")
	if err := os.WriteFile(junk, []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err = startProbe(context.Background(), "ffprobe")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.probe(junk); err == nil || !strings.Contains(err.Error(), "stderr") {
		t.Errorf("err = %v, want ffprobe's complaint", err)
	}

	p, err = startProbe(context.Background(), "ffprobe")
	if err != nil {
		t.Fatal(err)
	}
	p.stop()
	if p.cmd.ProcessState == nil {
		t.Error("an early probe never given a file is still running after stop")
	}
	if _, err := p.probe(v.VideoPath); err == nil {
		t.Error("a stopped probe read a file")
	}
}
