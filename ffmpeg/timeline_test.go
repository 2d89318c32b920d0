package ffmpeg

import (
	"strings"
	"testing"
	"time"

	vividly "github.com/vividly-edu/vividly"
)

const ms = time.Millisecond

func TestTimelineFollowsCuesAndSegments(t *testing.T) {
	s := vividly.Script{Segments: []vividly.Segment{{Heading: "A"}, {Heading: "B"}, {Heading: "C"}}}
	nar := vividly.Narration{
		Duration:    5000 * ms,
		SegmentEnds: []time.Duration{2000 * ms, 2600 * ms, 4900 * ms},
		Cues: []vividly.Cue{
			{Start: 0, End: 700 * ms, Text: "a1"},
			{Start: 950 * ms, End: 1400 * ms, Text: "a2"},
			// Segment B says nothing.
			{Start: 2600 * ms, End: 3000 * ms, Text: "c1"},
		},
	}
	got, err := timeline(s, nar)
	if err != nil {
		t.Fatal(err)
	}
	want := []shot{
		{0, "a1", 0, 950 * ms},          // the caption stays through the pause
		{0, "a2", 950 * ms, 2000 * ms},  // and through the segment's trailing pause
		{1, "", 2000 * ms, 2600 * ms},   // a silent segment still gets its slide
		{2, "c1", 2600 * ms, 5000 * ms}, // the last slide runs to the very end
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("shot %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestTimelineRejectsMismatch(t *testing.T) {
	s := vividly.Script{Segments: []vividly.Segment{{Heading: "A"}, {Heading: "B"}}}
	if _, err := timeline(s, vividly.Narration{Duration: time.Second, SegmentEnds: []time.Duration{time.Second}}); err == nil {
		t.Error("one segment end for two segments accepted")
	}
	if _, err := timeline(s, vividly.Narration{}); err == nil {
		t.Error("zero duration accepted")
	}
}

func TestWebVTT(t *testing.T) {
	cues := []vividly.Cue{
		{Start: 1500 * ms, End: 3000 * ms, Text: "Second: a --> b & <i>c</i>"},
		{Start: 0, End: 1600 * ms, Text: "First\n\nline"}, // overlaps the next
		{Start: 3661001 * ms, End: 3662000 * ms, Text: "late"},
		{Start: 4000 * ms, End: 4000 * ms, Text: "empty"},
	}
	got := webVTT(cues, 2*time.Hour)
	want := "WEBVTT\n" +
		"\n1\n00:00:00.000 --> 00:00:01.500\nFirst line\n" +
		"\n2\n00:00:01.500 --> 00:00:03.000\nSecond: a --&gt; b &amp; &lt;i&gt;c&lt;/i&gt;\n" +
		"\n3\n01:01:01.001 --> 01:01:02.000\nlate\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if strings.Count(got, "-->") != 3 {
		t.Error("an arrow leaked into cue text")
	}
}

func TestProgressLine(t *testing.T) {
	d := 10 * time.Second
	for line, want := range map[string]float64{
		"out_time_us=2500000":  0.25,
		"out_time_ms=5000000":  0.5, // microseconds, despite the name
		"out_time_us=N/A":      -1,
		"out_time_us=-1":       -1,
		"out_time_us=20000000": 1,
		"frame=12":             -1,
		"progress=end":         -1,
	} {
		got, ok := progressLine(line, d)
		if (want < 0) == ok || (ok && got != want) {
			t.Errorf("%q: %g, %v; want %g", line, got, ok, want)
		}
	}
}

func TestReporterGrowsOnly(t *testing.T) {
	var got []float64
	report := newReporter(func(f float64) { got = append(got, f) })
	for _, f := range []float64{0, 0.2, 0.1, 0.2, 1.5, 0.9} {
		report(f)
	}
	if want := []float64{0, 0.2, 1}; len(got) != len(want) || got[0] != 0 || got[1] != 0.2 || got[2] != 1 {
		t.Errorf("got %v, want %v", got, want)
	}
	newReporter(nil)(0.5) // nil progress is allowed
}

func TestVerify(t *testing.T) {
	video := Stream{Type: "video", Duration: 10 * time.Second}
	audio := Stream{Type: "audio", Duration: 10 * time.Second}
	info := func(v, a []Stream) Info { return Info{Streams: map[string][]Stream{"video": v, "audio": a}} }
	if err := Verify(info([]Stream{video}, []Stream{audio}), 10100*ms); err != nil {
		t.Errorf("good video refused: %v", err)
	}
	for _, tc := range []struct {
		name      string
		info      Info
		narration time.Duration
		want      string
	}{
		{"no audio", info([]Stream{video}, nil), 10 * time.Second, "0 audio streams"},
		{"two videos", info([]Stream{video, video}, []Stream{audio}), 10 * time.Second, "2 video streams"},
		{"too long", info([]Stream{video}, []Stream{audio}), 9700 * ms, "apart"},
	} {
		if err := Verify(tc.info, tc.narration); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want it to say %q", tc.name, err, tc.want)
		}
	}
}
