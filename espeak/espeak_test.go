package espeak

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/internal/memo"
	"github.com/vividly-edu/vividly/narration"
)

func requireEspeak(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("espeak-ng"); err != nil {
		t.Skip("espeak-ng is not in PATH; install it (apt-get install espeak-ng) to run this test")
	}
}

func smallScript() vividly.Script {
	return vividly.Script{
		Title: "Why the Sky Is Blue", Topic: "Rayleigh scattering", Subject: "science", Grade: 6,
		Segments: []vividly.Segment{
			{Heading: "Hook", Narration: "Ever looked up on a skate day and wondered why the sky is blue? Let's find out."},
			{Heading: "Light", Narration: "Sunlight holds every colour. Blue light scatters most in air, e.g. off tiny molecules."},
			{Heading: "Recap", Narration: "So the sky looks blue. What colour is a sunset, and why?"},
		},
	}
}

// checkNarration verifies the timing invariants every narration must keep.
func checkNarration(t *testing.T, s vividly.Script, nar vividly.Narration) {
	t.Helper()
	if err := narration.Check(s, nar); err != nil {
		t.Fatal(err)
	}
}

func TestNarrate(t *testing.T) {
	requireEspeak(t)
	dir := t.TempDir()
	// Leftovers of a narration killed half way are cleaned up.
	os.Mkdir(filepath.Join(dir, ".narrate-123"), 0o755)
	os.WriteFile(filepath.Join(dir, ".narration-456.wav.part"), []byte("RIFF"), 0o644)
	s := smallScript()
	start := time.Now()
	nar, err := New(Config{}).Narrate(context.Background(), s, dir)
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	t.Logf("narrated %s of audio in %s (%.0fx realtime)", nar.Duration.Round(time.Millisecond),
		took.Round(time.Millisecond), nar.Duration.Seconds()/took.Seconds())
	checkNarration(t, s, nar)
	if nar.AudioPath != filepath.Join(dir, "narration.wav") || nar.Voice != "en-us" {
		t.Errorf("audio %s, voice %q", nar.AudioPath, nar.Voice)
	}
	if len(nar.Cues) != 6 {
		t.Errorf("%d cues, want one per sentence (6)", len(nar.Cues))
	}
	if got := nar.Cues[3].Text; got != "Blue light scatters most in air, e.g. off tiny molecules." {
		t.Errorf("cue 3 = %q", got)
	}
	// Every segment's last cue ends a pause before the segment does, and the
	// next starts on a multiple of narration.SegmentAlign samples.
	pcm, err := narration.ReadPCM(nar.AudioPath)
	if err != nil {
		t.Fatal(err)
	}
	rate := time.Duration(pcm.SampleRate)
	for i, end := range nar.SegmentEnds {
		var last vividly.Cue
		for _, c := range nar.Cues {
			if c.End <= end {
				last = c
			}
		}
		frame := time.Second / rate
		if gap := end - last.End; gap < narration.SegmentPause || gap >= narration.SegmentPause+narration.SegmentAlign*frame+frame {
			t.Errorf("segment %d ends %s after its last cue, want %s and at most %d samples more", i, gap, narration.SegmentPause, narration.SegmentAlign-1)
		}
		if samples := (end*rate + time.Second/2) / time.Second; samples%narration.SegmentAlign != 0 {
			t.Errorf("segment %d ends at sample %d, not a multiple of %d", i, samples, narration.SegmentAlign)
		}
	}
	// Nothing but the audio and its record is left behind.
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !reflect.DeepEqual(names, []string{"narration.json", "narration.wav"}) {
		t.Errorf("dir holds %v", names)
	}
}

func TestNarrateTrickyText(t *testing.T) {
	requireEspeak(t)
	s := vividly.Script{Title: "Tricky", Segments: []vividly.Segment{
		{Heading: "Dashes", Narration: `-v xx --help. --stdin -w /etc/passwd. "Quoted," she said; 'single' too.`},
		{Heading: "Unicode", Narration: "Café, naïve, Ångström, π ≈ 3.14159, 光合作用, emoji 🌋! <speak>not SSML</speak> & $(rm -rf /)."},
		{Heading: "Abbrev", Narration: "Dr. Who likes volcanoes, e.g. Mt. Fuji. That's it... done."},
	}}
	nar, err := New(Config{}).Narrate(context.Background(), s, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	checkNarration(t, s, nar)
	if got := nar.Cues[0].Text; got != "-v xx --help." {
		t.Errorf("first cue %q", got)
	}
	if _, err := os.Stat("/etc/passwd"); err != nil {
		t.Errorf("text was taken as an option: %v", err)
	}
}

func TestNarrateReusesEarlierNarration(t *testing.T) {
	requireEspeak(t)
	dir := t.TempDir()
	n := New(Config{})
	s := smallScript()
	first, err := n.Narrate(context.Background(), s, dir)
	if err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(first.AudioPath)
	again, err := n.Narrate(context.Background(), s, dir)
	if err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(again.AudioPath)
	if !reflect.DeepEqual(first, again) || !after.ModTime().Equal(before.ModTime()) {
		t.Error("the same script was narrated again instead of reused")
	}

	s.Segments[2].Narration = "A different ending."
	changed, err := n.Narrate(context.Background(), s, dir)
	if err != nil {
		t.Fatal(err)
	}
	checkNarration(t, s, changed)
	if changed.Cues[len(changed.Cues)-1].Text != "A different ending." {
		t.Error("a changed script reused the old narration")
	}
}

func TestNarrateCancelled(t *testing.T) {
	requireEspeak(t)
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := New(Config{}).Narrate(ctx, smallScript(), dir); err == nil {
		t.Fatal("cancelled narration succeeded")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("cancelled narration left %d files", len(entries))
	}
}

func TestNarrateErrors(t *testing.T) {
	requireEspeak(t)
	_, err := New(Config{Voice: "zz-qq"}).Narrate(context.Background(), smallScript(), t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("unknown voice: err = %v, want espeak-ng's complaint", err)
	}
	if err != nil && strings.Contains(err.Error(), "skate") {
		t.Errorf("error repeats script text: %v", err)
	}
	empty := vividly.Script{Segments: []vividly.Segment{{Heading: "Nothing", Narration: " — "}}}
	if _, err := New(Config{}).Narrate(context.Background(), empty, t.TempDir()); err == nil {
		t.Error("a script with nothing to say was narrated")
	}
	_, err = New(Config{Binary: "/nonexistent/espeak-ng"}).Narrate(context.Background(), smallScript(), t.TempDir())
	if err == nil {
		t.Error("missing binary: no error")
	}
}

// A narration is spoken in one espeak-ng process, not one per sentence or
// segment, and each caption still lasts as long as its sentence said alone.
func TestNarrateSpeaksSentencesTogether(t *testing.T) {
	requireEspeak(t)
	real, _ := exec.LookPath("espeak-ng")
	log := filepath.Join(t.TempDir(), "calls")
	wrapper := filepath.Join(t.TempDir(), "espeak-ng")
	os.WriteFile(wrapper, []byte("#!/bin/sh\necho x >> '"+log+"'\nexec '"+real+"' \"$@\"\n"), 0o755)

	s := smallScript()
	together, err := New(Config{Binary: wrapper}).Narrate(context.Background(), s, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	checkNarration(t, s, together)
	calls, _ := os.ReadFile(log)
	if n := strings.Count(string(calls), "x"); n != 1 || len(s.Segments) < 2 {
		t.Errorf("%d espeak-ng processes for %d sentences in %d segments", n, len(together.Cues), len(s.Segments))
	}

	// The same sentences said one at a time.
	alone := narration.Options{Voice: "en-us"}
	one, err := narration.Assemble(context.Background(), s, t.TempDir(), oneByOne{speaker(New(Config{}).cfg)}, alone)
	if err != nil {
		t.Fatal(err)
	}
	if len(one.Cues) != len(together.Cues) {
		t.Fatalf("%d cues alone, %d together", len(one.Cues), len(together.Cues))
	}
	for i, c := range together.Cues {
		a, b := c.End-c.Start, one.Cues[i].End-one.Cues[i].Start
		if c.Text != one.Cues[i].Text || a < b*3/4 || a > b*4/3 {
			t.Errorf("cue %d %q lasts %s together, %q %s alone", i, c.Text, a, one.Cues[i].Text, b)
		}
	}
}

// oneByOne hides SpeakWithGaps, so every sentence is its own process.
type oneByOne struct{ sp speaker }

func (o oneByOne) Key() string { return o.sp.Key() }
func (o oneByOne) Speak(ctx context.Context, text string) ([]byte, error) {
	return o.sp.Speak(ctx, text)
}

// BenchmarkNarrate narrates a lesson-sized script (12 segments, 36 sentences)
// as Narrate does without a memo (the whole narration in one process), as it
// does with one (one process a segment, each kept for the lessons that share
// it; a fresh memo each time, so nothing is found in it), and with one
// process per sentence, and prints the three with their ratios.
func BenchmarkNarrate(b *testing.B) {
	if _, err := exec.LookPath("espeak-ng"); err != nil {
		b.Skip("espeak-ng is not in PATH")
	}
	// Four rounds of the same three segments, each round's its own (a
	// memo would otherwise say each once).
	var s vividly.Script
	for k, day := range []string{"skate", "beach", "school", "market"} {
		for _, seg := range smallScript().Segments {
			seg.Narration = strings.ReplaceAll(seg.Narration, "skate", day) + fmt.Sprintf(" That was part %d.", k+1)
			s.Segments = append(s.Segments, seg)
		}
	}
	cfg := speaker(New(Config{}).cfg)
	var cues int
	timeIt := func(sp narration.Speaker, kept bool) time.Duration {
		start := time.Now()
		for range b.N {
			opt := narration.Options{}
			if kept {
				opt.Memo = memo.New(64 << 20)
			}
			nar, err := narration.Assemble(context.Background(), s, b.TempDir(), sp, opt)
			if err != nil {
				b.Fatal(err)
			}
			cues = len(nar.Cues)
		}
		return time.Since(start) / time.Duration(b.N)
	}
	whole, segments, alone := timeIt(cfg, false), timeIt(cfg, true), timeIt(oneByOne{cfg}, false)
	b.ReportMetric(whole.Seconds(), "whole-s")
	b.ReportMetric(segments.Seconds(), "segments-s")
	b.ReportMetric(alone.Seconds(), "alone-s")
	fmt.Printf("narration benchmark: %d sentences in one process %.3fs, one process a segment (with a memo) %.3fs, one process each %.3fs; "+
		"whole/alone %.2fx, segments/alone %.2fx\n",
		cues, whole.Seconds(), segments.Seconds(), alone.Seconds(), whole.Seconds()/alone.Seconds(), segments.Seconds()/alone.Seconds())
}
