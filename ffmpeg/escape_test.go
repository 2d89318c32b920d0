package ffmpeg

import (
	"context"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/hostile"
)

// concatLineRE is every line the ffconcat list may hold: its header, and
// slide images named by the renderer with their durations. No text of the
// script ever reaches a file ffmpeg parses.
var concatLineRE = regexp.MustCompile(`^(ffconcat version 1\.0|file 'slide-\d{4}\.pam'|duration \d+\.\d{6})$`)

// TestHostileTextStaysText puts each hostile text in every caption and every
// field a slide shows, and checks that the WebVTT file holds it as cue text
// (the words, escaped, on one line), that what the slides draw has no
// invisible characters, and that the text never reaches ffmpeg's input.
func TestHostileTextStaysText(t *testing.T) {
	fs, err := newFontSet()
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hostile.Texts {
		t.Run(h.Name, func(t *testing.T) {
			x := h.Text
			cues := []vividly.Cue{
				{Start: 0, End: 2 * time.Second, Text: x},
				{Start: 2 * time.Second, End: 4 * time.Second, Text: "Plain words. " + x},
			}
			vtt := webVTT(cues, 5*time.Second)
			texts, problems := hostile.CheckWebVTT(vtt)
			for _, p := range problems {
				t.Errorf("captions: %s in\n%s", p, vtt)
			}
			if want := vividly.Printable(x); len(texts) != 2 || texts[0] != want || texts[1] != "Plain words. "+want {
				t.Errorf("cue texts %q, want %q and the plain sentence before it", texts, want)
			}

			for _, p := range hostile.CheckDrawn(fs.clean(x)) {
				t.Errorf("slide text %q: %s", fs.clean(x), p)
			}

			s := vividly.Script{
				Title: x, Subject: x, Grade: 7, Interest: x,
				Segments: []vividly.Segment{
					{Heading: x, Narration: x, KeyPoints: []string{x, "A plain point"}},
					{Heading: "Plain", Narration: "Plain words.", KeyPoints: []string{"One", x}},
				},
			}
			nar := vividly.Narration{Duration: 5 * time.Second, SegmentEnds: []time.Duration{2 * time.Second, 5 * time.Second}, Cues: cues}
			shots, err := timeline(s, nar)
			if err != nil {
				t.Fatal(err)
			}
			work := t.TempDir()
			images, err := New(Config{Width: 320, Height: 180}).drawShots(context.Background(), s, shots, work, func(int, int) {})
			if err != nil {
				t.Fatal(err)
			}
			list, err := writeConcat(work, shots, images)
			if err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(list)
			if err != nil {
				t.Fatal(err)
			}
			for _, line := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
				if !concatLineRE.MatchString(line) {
					t.Errorf("the ffconcat list holds %q", line)
				}
			}
		})
	}
}
