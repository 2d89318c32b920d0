package narration

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/internal/child"
	"github.com/vividly-edu/vividly/internal/memo"
)

// fakeSpeaker says a sentence as a tone of 10 ms a rune at 1000 Hz (one frame a
// millisecond), with 100 ms of silence either side, as synthesizers pad.
type fakeSpeaker struct {
	key   string
	rate  func(text string) uint32 // sample rate; default 1000
	delay time.Duration
	// fail, if set, decides whether a sentence fails.
	fail func(text string) error

	mu                    sync.Mutex
	calls                 []string
	inFlight, maxInFlight int
}

func (f *fakeSpeaker) Key() string {
	if f.key == "" {
		return "fake"
	}
	return f.key
}

func (f *fakeSpeaker) Speak(ctx context.Context, text string) ([]byte, error) {
	f.mu.Lock()
	f.calls = append(f.calls, text)
	f.inFlight++
	f.maxInFlight = max(f.maxInFlight, f.inFlight)
	fail := f.fail
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		f.inFlight--
		f.mu.Unlock()
	}()
	// Later sentences finish first, so order must come from the pipeline.
	d := f.delay
	if d == 0 {
		d = time.Duration(len(text)%7) * time.Millisecond
	}
	select {
	case <-time.After(d):
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if fail != nil {
		if err := fail(text); err != nil {
			return nil, err
		}
	}
	switch {
	case strings.Contains(strings.ToLower(text), "quiet"):
		return nil, nil
	case strings.Contains(text, "garbage"):
		return []byte("garbage"), nil
	}
	rate := uint32(1000)
	if f.rate != nil {
		rate = f.rate(text)
	}
	perMs := int(rate / 1000)
	tone := 10 * utf8.RuneCountInString(text) * perMs
	pad := 100 * perMs
	pcm := make([]byte, 2*(pad+tone+pad))
	for i := pad; i < pad+tone; i++ {
		binary.LittleEndian.PutUint16(pcm[2*i:], uint16(8000))
	}
	return riff(chunk("fmt ", pcmFmt(rate, 1, 16)), chunk("data", pcm)), nil
}

func (f *fakeSpeaker) called() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.calls...)
}

// spokenLength is how long a sentence's cue lasts: its tone and the margins
// trimming keeps.
func spokenLength(text string) time.Duration {
	return time.Duration(10*utf8.RuneCountInString(text)+10+50) * time.Millisecond
}

var script = vividly.Script{Segments: []vividly.Segment{
	{Heading: "One", Narration: "Light comes in. Dr. Leaf catches it, e.g. with chlorophyll! Sugar goes out."},
	{Heading: "Empty", Narration: " — "},
	{Heading: "Two", Narration: "What gas comes out?"},
}}

var sentences = []string{
	"Light comes in.", "Dr. Leaf catches it, e.g. with chlorophyll!", "Sugar goes out.", "What gas comes out?",
}

// names lists dir, hidden files too, sorted.
func names(t *testing.T, dir string) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range paths {
		paths[i] = filepath.Base(p)
	}
	return paths
}

func TestAssembleTiming(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "lesson")
	sp := &fakeSpeaker{}
	nar, err := Assemble(t.Context(), script, dir, sp, Options{Voice: "fake-voice", Concurrency: 3})
	if err != nil {
		t.Fatal(err)
	}
	if err := Check(script, nar); err != nil {
		t.Fatal(err)
	}
	if nar.AudioPath != filepath.Join(dir, "narration.wav") || nar.Voice != "fake-voice" || nar.Usage != (vividly.Usage{}) {
		t.Errorf("narration %+v", nar)
	}
	if sp.maxInFlight > 3 {
		t.Errorf("%d sentences spoken at once, want at most 3", sp.maxInFlight)
	}

	// The timeline, exactly: cues back to back with the sentence pause, each
	// segment ending a segment pause after its last cue, lengthened to the
	// next SegmentAlign frames (the fake speaks 1000 frames a second), the
	// empty segment lasting EmptySegment.
	aligned := func(d time.Duration) time.Duration {
		const unit = SegmentAlign * time.Millisecond
		return (d + unit - 1) / unit * unit
	}
	var want []vividly.Cue
	var at time.Duration
	for i, text := range sentences {
		if i == 1 || i == 2 {
			at += SentencePause
		}
		want = append(want, vividly.Cue{Start: at, End: at + spokenLength(text), Text: text})
		at += spokenLength(text)
		if i == 2 {
			at = aligned(at + SegmentPause)
			at = aligned(at + EmptySegment + SegmentPause)
		}
	}
	if !reflect.DeepEqual(nar.Cues, want) {
		t.Errorf("cues\n got %+v\nwant %+v", nar.Cues, want)
	}
	end0 := aligned(want[2].End + SegmentPause)
	wantEnds := []time.Duration{end0, aligned(end0 + EmptySegment + SegmentPause), aligned(want[3].End + SegmentPause)}
	if !reflect.DeepEqual(nar.SegmentEnds, wantEnds) || nar.Duration != wantEnds[2] {
		t.Errorf("segment ends %v, duration %v; want %v", nar.SegmentEnds, nar.Duration, wantEnds)
	}
	if got := names(t, dir); !reflect.DeepEqual(got, []string{"narration.json", "narration.wav"}) {
		t.Errorf("dir holds %v", got)
	}
}

func TestAssembleReusesEarlierNarration(t *testing.T) {
	dir := t.TempDir()
	sp := &fakeSpeaker{}
	first, err := Assemble(t.Context(), script, dir, sp, Options{CountCharacters: true})
	if err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(first.AudioPath)
	again, err := Assemble(t.Context(), script, dir, sp, Options{CountCharacters: true})
	if err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(again.AudioPath)
	if !reflect.DeepEqual(first, again) || !after.ModTime().Equal(before.ModTime()) || len(sp.called()) != len(sentences) {
		t.Errorf("the same script was narrated again instead of reused (%d calls)", len(sp.called()))
	}

	// Another speaker, or another script, is another narration.
	other := &fakeSpeaker{key: "other"}
	if _, err := Assemble(t.Context(), script, dir, other, Options{}); err != nil {
		t.Fatal(err)
	}
	if len(other.called()) != len(sentences) {
		t.Errorf("another speaker reused the narration: %d calls", len(other.called()))
	}
	changed := script
	changed.Segments = append([]vividly.Segment(nil), script.Segments...)
	changed.Segments[2].Narration = "A different ending."
	nar, err := Assemble(t.Context(), changed, dir, other, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if nar.Cues[len(nar.Cues)-1].Text != "A different ending." {
		t.Error("a changed script reused the old narration")
	}
	// A damaged audio file is not trusted.
	os.WriteFile(nar.AudioPath, []byte("RIFF"), 0o644)
	if _, err := Assemble(t.Context(), changed, dir, other, Options{}); err != nil {
		t.Fatal(err)
	}
	if n := len(other.called()); n != 2*len(sentences)+len(sentences) {
		t.Errorf("%d calls; a damaged narration was reused", n)
	}
}

var errFake = errors.New("fake failure")

func TestAssembleResumesAfterFailure(t *testing.T) {
	dir := t.TempDir()
	sp := &fakeSpeaker{fail: func(text string) error {
		if strings.HasPrefix(text, "Sugar") {
			return errFake
		}
		return nil
	}}
	opt := Options{Concurrency: 1, Resume: true, CountCharacters: true}
	_, err := Assemble(t.Context(), script, dir, sp, opt)
	if !errors.Is(err, errFake) || !strings.Contains(err.Error(), "segment 1 sentence 3") {
		t.Fatalf("err = %v, want the speaker's, saying where", err)
	}
	if strings.Contains(err.Error(), "Sugar") {
		t.Errorf("error carries the text: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "narration.wav")); !os.IsNotExist(err) {
		t.Errorf("a failed narration left narration.wav: %v", err)
	}
	done := sp.called()[:2]

	sp.fail = nil
	sp.calls = nil
	nar, err := Assemble(t.Context(), script, dir, sp, opt)
	if err != nil {
		t.Fatal(err)
	}
	if err := Check(script, nar); err != nil {
		t.Fatal(err)
	}
	for _, text := range sp.called() {
		for _, d := range done {
			if text == d {
				t.Errorf("%q spoken again", text)
			}
		}
	}
	if got := len(sp.called()) + len(done); got != len(sentences) {
		t.Errorf("%d calls in all for %d sentences", got, len(sentences))
	}
	var chars int64
	for _, s := range sentences {
		chars += int64(utf8.RuneCountInString(s))
	}
	if nar.Usage.TTSCharacters != chars {
		t.Errorf("TTSCharacters = %d, want every sentence once: %d", nar.Usage.TTSCharacters, chars)
	}
	if got := names(t, dir); !reflect.DeepEqual(got, []string{"narration.json", "narration.wav"}) {
		t.Errorf("dir holds %v", got)
	}
}

func TestAssembleFailureLeavesNothingWithoutResume(t *testing.T) {
	dir := t.TempDir()
	sp := &fakeSpeaker{fail: func(string) error { return errFake }}
	if _, err := Assemble(t.Context(), script, dir, sp, Options{}); !errors.Is(err, errFake) {
		t.Fatalf("err = %v", err)
	}
	if got := names(t, dir); len(got) != 0 {
		t.Errorf("dir holds %v", got)
	}
}

func TestAssembleCancelled(t *testing.T) {
	dir := t.TempDir()
	sp := &fakeSpeaker{delay: time.Minute}
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := Assemble(ctx, script, dir, sp, Options{})
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 5*time.Second {
		t.Errorf("err = %v after %v", err, time.Since(start))
	}
	if got := names(t, dir); len(got) != 0 {
		t.Errorf("dir holds %v", got)
	}
}

func TestAssembleSentencesWithoutAudio(t *testing.T) {
	s := vividly.Script{Segments: []vividly.Segment{{Narration: "Hello there. Be quiet now. Goodbye."}}}
	nar, err := Assemble(t.Context(), s, t.TempDir(), &fakeSpeaker{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(nar.Cues) != 2 || nar.Cues[1].Text != "Goodbye." {
		t.Fatalf("cues %+v", nar.Cues)
	}
	// The silent sentence's pause is still there.
	if gap := nar.Cues[1].Start - nar.Cues[0].End; gap != 2*SentencePause {
		t.Errorf("gap %v, want %v", gap, 2*SentencePause)
	}

	quiet := vividly.Script{Segments: []vividly.Segment{{Narration: "Quiet. So quiet."}}}
	if _, err := Assemble(t.Context(), quiet, t.TempDir(), &fakeSpeaker{}, Options{}); err == nil {
		t.Error("a narration without any audio succeeded")
	}
}

func TestAssembleRejectsBadAudio(t *testing.T) {
	s := vividly.Script{Segments: []vividly.Segment{{Narration: "Fine. This is garbage."}}}
	_, err := Assemble(t.Context(), s, t.TempDir(), &fakeSpeaker{}, Options{})
	if err == nil || !strings.Contains(err.Error(), "segment 1 sentence 2: unusable audio") {
		t.Errorf("err = %v", err)
	}

	mixed := &fakeSpeaker{rate: func(text string) uint32 {
		if strings.HasPrefix(text, "Two") {
			return 2000
		}
		return 1000
	}}
	s = vividly.Script{Segments: []vividly.Segment{{Narration: "One. Two."}}}
	_, err = Assemble(t.Context(), s, t.TempDir(), mixed, Options{Concurrency: 1})
	if err == nil || !strings.Contains(err.Error(), "cannot join") {
		t.Errorf("err = %v", err)
	}
}

func TestAssembleNothingToNarrate(t *testing.T) {
	sp := &fakeSpeaker{}
	s := vividly.Script{Segments: []vividly.Segment{{Narration: " — "}, {Narration: ""}}}
	if _, err := Assemble(t.Context(), s, t.TempDir(), sp, Options{}); !errors.Is(err, ErrNothingToNarrate) {
		t.Errorf("err = %v", err)
	}
	if len(sp.called()) != 0 {
		t.Error("sentences spoken for an empty script")
	}
}

func TestAssembleRemovesLeftovers(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, ".narrate-123"), 0o755)
	os.WriteFile(filepath.Join(dir, ".narration-456.wav.part"), []byte("RIFF"), 0o644)
	os.Mkdir(filepath.Join(dir, ".narration-sentences"), 0o755)
	os.WriteFile(filepath.Join(dir, ".narration-sentences", ".narration-789.part"), []byte("RIFF"), 0o644)
	os.WriteFile(filepath.Join(dir, ".narration-sentences", "kept.wav"), []byte("RIFF"), 0o644)
	if _, err := Assemble(t.Context(), script, dir, &fakeSpeaker{}, Options{}); err != nil {
		t.Fatal(err)
	}
	if got := names(t, dir); !reflect.DeepEqual(got, []string{".narration-sentences", "narration.json", "narration.wav"}) {
		t.Errorf("dir holds %v", got)
	}
	if got := names(t, filepath.Join(dir, ".narration-sentences")); !reflect.DeepEqual(got, []string{"kept.wav"}) {
		t.Errorf("sentences folder holds %v", got)
	}
}

func TestCheckFindsInconsistencies(t *testing.T) {
	nar, err := Assemble(t.Context(), script, t.TempDir(), &fakeSpeaker{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for name, spoil := range map[string]func(n *vividly.Narration){
		"duration":      func(n *vividly.Narration) { n.Duration += time.Millisecond },
		"segment count": func(n *vividly.Narration) { n.SegmentEnds = n.SegmentEnds[1:] },
		"segment order": func(n *vividly.Narration) { n.SegmentEnds[0], n.SegmentEnds[1] = n.SegmentEnds[1], n.SegmentEnds[0] },
		"cue overlap":   func(n *vividly.Narration) { n.Cues[1].Start = n.Cues[0].End - time.Millisecond },
		"cue text":      func(n *vividly.Narration) { n.Cues[0].Text = " " },
		"no cues":       func(n *vividly.Narration) { n.Cues = nil },
		"no audio":      func(n *vividly.Narration) { n.AudioPath += ".missing" },
	} {
		n := nar
		n.SegmentEnds = append([]time.Duration(nil), nar.SegmentEnds...)
		n.Cues = append([]vividly.Cue(nil), nar.Cues...)
		spoil(&n)
		if Check(script, n) == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// gapSpeaker says sentences together as fakeSpeaker says each alone, joined
// by the gap asked for. A sentence with "hush" in it holds a silence as long
// as that gap, which the cut cannot tell from one.
type gapSpeaker struct {
	fakeSpeaker
	together [][]string
}

func (g *gapSpeaker) SpeakWithGaps(ctx context.Context, sentences []string, gap time.Duration) ([]byte, error) {
	g.mu.Lock()
	g.together = append(g.together, sentences)
	g.mu.Unlock()
	var pcm []byte
	for i, text := range sentences {
		wav, err := g.fakeSpeaker.Speak(ctx, text)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			pcm = append(pcm, make([]byte, 2*gap.Milliseconds())...)
		}
		if len(wav) == 0 {
			continue // nothing to say: only the gaps either side
		}
		_, body, err := parseWAV(wav)
		if err != nil {
			return nil, err
		}
		pcm = append(pcm, body...)
		if strings.Contains(text, "hush") {
			pcm = append(pcm, make([]byte, 2*gap.Milliseconds())...)
			pcm = append(pcm, body...)
		}
	}
	return riff(chunk("fmt ", pcmFmt(1000, 1, 16)), chunk("data", pcm)), nil
}

// bothWays narrates s sentence by sentence (fakeSpeaker) and together
// (gapSpeaker), without a memo, and returns both narrations and the speaker
// that said them together.
func bothWays(t *testing.T, s vividly.Script, concurrency int) (alone, together vividly.Narration, sp *gapSpeaker) {
	t.Helper()
	alone, err := Assemble(t.Context(), s, t.TempDir(), &fakeSpeaker{}, Options{Concurrency: concurrency})
	if err != nil {
		t.Fatal(err)
	}
	sp = &gapSpeaker{}
	together, err = Assemble(t.Context(), s, t.TempDir(), sp, Options{Concurrency: concurrency})
	if err != nil {
		t.Fatal(err)
	}
	return alone, together, sp
}

func TestAssembleSpeaksSentencesTogether(t *testing.T) {
	alone, nar, sp := bothWays(t, script, 2)
	// Without a memo, one utterance for both segments (three sentences and
	// a lone one), and the very timeline of sentences said one by one.
	if len(sp.together) != 1 || len(sp.together[0]) != 4 || len(sp.called()) != 4 {
		t.Errorf("said together %q, and %d calls in all", sp.together, len(sp.called()))
	}
	if !reflect.DeepEqual(nar.Cues, alone.Cues) || !reflect.DeepEqual(nar.SegmentEnds, alone.SegmentEnds) {
		t.Errorf("together %+v %v\n alone %+v %v", nar.Cues, nar.SegmentEnds, alone.Cues, alone.SegmentEnds)
	}
}

// When the pauses do not separate the sentences, they are said one by one,
// and the timeline is still right.
func TestAssembleSaysSentencesAloneWhenPausesMislead(t *testing.T) {
	for _, text := range []string{
		"One hush here. Three more words. Four and done.",
		"One more here. Be quiet now. Three more words. Four and done.",
		// Two wrongs that make the right count: still found out.
		"One hush here. Be quiet now. Three more words. Four and done.",
	} {
		alone, nar, sp := bothWays(t, vividly.Script{Segments: []vividly.Segment{{Narration: text}}}, 1)
		n := len(splitSentences(text))
		if len(sp.together) != 1 || len(sp.called()) != 2*n {
			t.Errorf("%q: said together %q, and %d calls in all (want %d, then each alone)", text, sp.together, len(sp.called()), n)
		}
		if !reflect.DeepEqual(nar.Cues, alone.Cues) {
			t.Errorf("%q: together %+v\n alone %+v", text, nar.Cues, alone.Cues)
		}
	}
}

// Without a memo, when the pauses of the whole narration's utterance do not
// separate its sentences, each segment is said on its own, and only the
// segment whose pauses mislead is said sentence by sentence.
func TestAssembleSaysSegmentsAloneWhenPausesMislead(t *testing.T) {
	s := vividly.Script{Segments: []vividly.Segment{
		{Narration: "One hush here. Three more words."},
		{Narration: "Plain words now. Then more of them."},
	}}
	alone, nar, sp := bothWays(t, s, 1)
	want := [][]string{
		{"One hush here.", "Three more words.", "Plain words now.", "Then more of them."},
		{"One hush here.", "Three more words."},
		{"Plain words now.", "Then more of them."},
	}
	if !reflect.DeepEqual(sp.together, want) || len(sp.called()) != 10 {
		t.Errorf("said together %q, and %d calls in all; want the whole, each segment, then the first one by one", sp.together, len(sp.called()))
	}
	if !reflect.DeepEqual(nar.Cues, alone.Cues) || !reflect.DeepEqual(nar.SegmentEnds, alone.SegmentEnds) {
		t.Errorf("together %+v %v\n alone %+v %v", nar.Cues, nar.SegmentEnds, alone.Cues, alone.SegmentEnds)
	}
}

// Lessons that share a segment say it once with a memo: the second narration
// asks the speaker only for the segment of its own, and sounds, byte for
// byte, as it does said anew. Said at once, the shared segment is said once
// and waited for. A speaker with another key says it again.
func TestMemoSaysASharedSegmentOnce(t *testing.T) {
	shared := vividly.Segment{Heading: "Shared", Narration: "Leaves hold chlorophyll. It catches red and blue light. Green light bounces off."}
	first := vividly.Script{Segments: []vividly.Segment{{Heading: "Open", Narration: "Think of a court. The ball arcs up."}, shared}}
	second := vividly.Script{Segments: []vividly.Segment{{Heading: "Open", Narration: "Think of a kitchen. The oven glows."}, shared}}
	read := func(nar vividly.Narration) []byte {
		b, err := os.ReadFile(nar.AudioPath)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}

	kept := memo.New(1 << 20)
	sp := &gapSpeaker{}
	if _, err := Assemble(t.Context(), first, t.TempDir(), sp, Options{Memo: kept}); err != nil {
		t.Fatal(err)
	}
	nar, err := Assemble(t.Context(), second, t.TempDir(), sp, Options{Memo: kept})
	if err != nil {
		t.Fatal(err)
	}
	if len(sp.together) != 3 || sp.together[2][0] != "Think of a kitchen." {
		t.Errorf("said %q; want the shared segment once and each opening", sp.together)
	}
	if st := kept.Stats(); st.Hits != 1 || st.Misses != 3 {
		t.Errorf("memo %+v, want 1 hit and 3 misses", st)
	}
	fresh, err := Assemble(t.Context(), second, t.TempDir(), &gapSpeaker{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(read(nar), read(fresh)) || !reflect.DeepEqual(nar.Cues, fresh.Cues) || !reflect.DeepEqual(nar.SegmentEnds, fresh.SegmentEnds) {
		t.Error("the narration that reused a segment differs from the same narration said anew")
	}

	// Four at once, on a new memo: the shared segment is said once.
	kept, sp = memo.New(1<<20), &gapSpeaker{fakeSpeaker: fakeSpeaker{delay: 20 * time.Millisecond}}
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() {
			s := first
			if i%2 == 1 {
				s = second
			}
			_, errs[i] = Assemble(t.Context(), s, t.TempDir(), sp, Options{Memo: kept})
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	if len(sp.together) != 3 {
		t.Errorf("four narrations at once said %d segments, want 3: %q", len(sp.together), sp.together)
	}

	other := &gapSpeaker{fakeSpeaker: fakeSpeaker{key: "another voice"}}
	if _, err := Assemble(t.Context(), first, t.TempDir(), other, Options{Memo: kept}); err != nil {
		t.Fatal(err)
	}
	if len(other.together) != 2 {
		t.Errorf("another voice said %d segments, want both of its own", len(other.together))
	}
}

// A segment whose first speaker fails is said by the narration that waited
// for it, and the failure is not kept.
func TestMemoForgetsAFailedSegment(t *testing.T) {
	kept := memo.New(1 << 20)
	boom := errors.New("synthesizer crashed")
	bad := &gapSpeaker{fakeSpeaker: fakeSpeaker{fail: func(string) error { return boom }}}
	if _, err := Assemble(t.Context(), script, t.TempDir(), bad, Options{Memo: kept}); !errors.Is(err, boom) {
		t.Fatalf("got %v, want the speaker's failure", err)
	}
	good := &gapSpeaker{}
	if _, err := Assemble(t.Context(), script, t.TempDir(), good, Options{Memo: kept}); err != nil {
		t.Fatal(err)
	}
	if len(good.together) != 1 {
		t.Errorf("after a failure, said together %q; want the segment said again", good.together)
	}
}

// The oldest lesson's narration does not wait for a segment a background
// narration is still saying: it says it itself. Another narration waits.
func TestFirstLessonSaysWhatTheBackgroundIsSaying(t *testing.T) {
	kept := memo.New(1 << 20)
	sp := &gapSpeaker{}
	segs := [][]string{splitSentences(script.Segments[0].Narration)}
	kept.Claim(segmentKey(sp.Key(), segs[0]), true) // never said

	ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
	defer cancel()
	if _, err := Assemble(ctx, script, t.TempDir(), sp, Options{Memo: kept}); err == nil {
		t.Fatal("a background narration did not wait for the segment being said")
	}
	first, stop := context.WithTimeout(child.WithNice(t.Context(), func() int { return 0 }), time.Minute)
	defer stop()
	if _, err := Assemble(first, script, t.TempDir(), sp, Options{Memo: kept}); err != nil {
		t.Fatalf("the oldest lesson's narration: %v", err)
	}
	if len(sp.together) != 1 {
		t.Errorf("said together %q; want the segment said by the oldest lesson", sp.together)
	}
}
