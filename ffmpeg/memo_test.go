package ffmpeg

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/vividly-edu/vividly/espeak"
	"github.com/vividly-edu/vividly/internal/child"
	"github.com/vividly-edu/vividly/narration"
)

// adts is the video's sound as it was encoded, frame for frame.
func adts(t *testing.T, video string) []byte {
	t.Helper()
	b, err := exec.Command("ffmpeg", "-v", "error", "-i", video, "-map", "0:a", "-c:a", "copy", "-f", "adts", "pipe:1").Output()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Two lessons that share all but their opening: the second encodes only its
// opening, and it sounds, sample for sample in time, as it does when nothing
// was reused. Lessons rendered at once wait for the part one of them encodes
// rather than encode it twice.
func TestSharedSegmentsAreEncodedOnce(t *testing.T) {
	requireTools(t, "ffmpeg", "ffprobe", "espeak-ng")
	first := lessonScript()
	second := lessonScript()
	second.Segments[0].Narration = "Picture a skatepark built on the side of a sleeping mountain."
	dir := t.TempDir()
	// Said as a worker with a memo says them: one utterance a segment, the
	// shared ones said once.
	speech := espeak.New(espeak.Config{Memo: 64 << 20})
	narA, err := speech.Narrate(context.Background(), first, filepath.Join(dir, "a"))
	if err != nil {
		t.Fatal(err)
	}
	narB, err := speech.Narrate(context.Background(), second, filepath.Join(dir, "b"))
	if err != nil {
		t.Fatal(err)
	}
	segments := len(first.Segments)

	r := New(Config{AudioMemo: 64 << 20})
	if _, err = r.Render(context.Background(), vividlyInput(first, narA, filepath.Join(dir, "a", "out")), nil); err != nil {
		t.Fatal(err)
	}
	if st := r.memo.Stats(); st.Hits != 0 || st.Misses != int64(segments) {
		t.Fatalf("first lesson: %d parts reused, %d encoded; want 0 and %d", st.Hits, st.Misses, segments)
	}
	v, err := r.Render(context.Background(), vividlyInput(second, narB, filepath.Join(dir, "b", "out")), nil)
	if err != nil {
		t.Fatal(err)
	}
	if st := r.memo.Stats(); st.Hits != int64(segments-1) || st.Misses != int64(segments+1) {
		t.Errorf("second lesson: %d parts reused, %d encoded in all; want %d and %d", st.Hits, st.Misses, segments-1, segments+1)
	}
	fresh, err := New(Config{AudioMemo: 64 << 20}).Render(context.Background(), vividlyInput(second, narB, filepath.Join(dir, "b", "fresh")), nil)
	if err != nil {
		t.Fatal(err)
	}
	a, b := decodeAudio(t, fresh.VideoPath), decodeAudio(t, v.VideoPath)
	at, off := sampleDiff(a, b, 0), sampleDiff(a, b, aacFrame)
	t.Logf("the lesson that reused parts differs from it encoded anew by %.4f of its level in place, %.4f a frame later", at, off)
	if len(a) != len(b) || at > 0.05 || off < 10*at {
		t.Errorf("the lesson that reused parts (%d samples) differs from it encoded anew (%d) by %.3f of its level in place, %.3f a frame later",
			len(b), len(a), at, off)
	}

	// Four renders at once of the two lessons: each part is encoded once.
	r = New(Config{AudioMemo: 64 << 20})
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, n := first, narA
			if i%2 == 1 {
				s, n = second, narB
			}
			_, errs[i] = r.Render(context.Background(), vividlyInput(s, n, filepath.Join(dir, "at-once", string(rune('a'+i)))), nil)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	if st := r.memo.Stats(); st.Misses != int64(segments+1) {
		t.Errorf("four renders at once encoded %d parts (and reused %d), want %d", st.Misses, st.Hits, segments+1)
	}
}

// A narration cut at its segments sounds as it does encoded whole, sample for
// sample in time.
func TestSegmentPartsKeepTheTimeline(t *testing.T) {
	requireTools(t, "ffmpeg", "ffprobe", "espeak-ng")
	s := lessonScript()
	dir := t.TempDir()
	nar := narrate(t, s, dir)
	whole, err := New(Config{AudioParts: 1}).Render(context.Background(), vividlyInput(s, nar, filepath.Join(dir, "whole")), nil)
	if err != nil {
		t.Fatal(err)
	}
	r := New(Config{AudioMemo: 64 << 20})
	parted, err := r.Render(context.Background(), vividlyInput(s, nar, filepath.Join(dir, "parts")), nil)
	if err != nil {
		t.Fatal(err)
	}
	if st := r.memo.Stats(); st.Misses != int64(len(s.Segments)) {
		t.Fatalf("%d parts encoded, want one per segment (%d)", st.Misses, len(s.Segments))
	}
	a, b := decodeAudio(t, whole.VideoPath), decodeAudio(t, parted.VideoPath)
	if d := len(b) - len(a); d < -aacFrame || d > 2*aacFrame {
		t.Errorf("%d samples in parts, %d whole", len(b), len(a))
	}
	at, off := sampleDiff(a, b, 0), sampleDiff(a, b, aacFrame)
	t.Logf("segment parts differ from the whole by %.4f of its level in place, %.4f a frame later", at, off)
	if at > 0.1 || off < 5*at {
		t.Errorf("segment parts differ from the whole by %.3f of its level in place, %.3f a frame later", at, off)
	}
}

// The oldest lesson's render does not wait for parts a background render is
// still encoding: it encodes them itself, at its own priority. Another
// render waits for them.
func TestFirstLessonDoesNotWaitForTheBackground(t *testing.T) {
	requireTools(t, "ffmpeg", "ffprobe", "espeak-ng")
	s := lessonScript()
	dir := t.TempDir()
	nar := narrate(t, s, dir)
	r := New(Config{AudioMemo: 64 << 20})
	pcm, err := narration.ReadPCM(nar.AudioPath)
	if err != nil {
		t.Fatal(err)
	}
	// A background render holds every part, and never finishes them.
	frame := pcm.Channels * 2
	for _, b := range segmentBounds(pcm, nar.SegmentEnds) {
		if _, owner := r.memo.Claim(partKey(r.encoder(), pcm.SampleRate, pcm.Channels, pcm.Data[b[0]*frame:b[1]*frame]), true); !owner {
			t.Fatal("a part was claimed twice")
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if _, err := r.Render(ctx, vividlyInput(s, nar, filepath.Join(dir, "waits")), nil); err == nil {
		t.Fatal("a background render did not wait for the parts being encoded")
	}
	first, stop := context.WithTimeout(child.WithNice(context.Background(), func() int { return 0 }), time.Minute)
	defer stop()
	v, err := r.Render(first, vividlyInput(s, nar, filepath.Join(dir, "first")), nil)
	if err != nil {
		t.Fatalf("the oldest lesson's render: %v", err)
	}
	whole, err := New(Config{AudioMemo: 64 << 20}).Render(context.Background(), vividlyInput(s, nar, filepath.Join(dir, "whole")), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(adts(t, v.VideoPath), adts(t, whole.VideoPath)) {
		t.Error("the parts the oldest lesson encoded itself sound different")
	}
}
