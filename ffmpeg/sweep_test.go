package ffmpeg

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	vividly "github.com/vividly-edu/vividly"
)

// TestPresetSweep renders the same minute of lesson with several x264 presets
// and logs the speed, the file size and the video's drift from the narration.
// It is how the preset was chosen; run it with VIVIDLY_PRESET_SWEEP=1.
func TestPresetSweep(t *testing.T) {
	if os.Getenv("VIVIDLY_PRESET_SWEEP") == "" {
		t.Skip("set VIVIDLY_PRESET_SWEEP=1 to compare x264 presets (takes a minute)")
	}
	requireTools(t, "ffmpeg", "ffprobe", "espeak-ng")
	dir := t.TempDir()
	s := lessonScript()
	for i := range s.Segments {
		s.Segments[i].Narration = strings.Repeat(s.Segments[i].Narration+" ", 3)
	}
	nar := narrate(t, s, dir)
	for _, preset := range []string{"ultrafast", "superfast", "veryfast", "medium"} {
		r := New(Config{})
		r.preset = preset
		var best, drift time.Duration
		var size int64
		var err error
		for range 3 {
			var v vividly.Video
			if v, err = r.Render(context.Background(), vividlyInput(s, nar, dir), nil); err != nil {
				break
			}
			if best == 0 || v.RenderTime < best {
				best = v.RenderTime
			}
			info, _ := Probe(context.Background(), "ffprobe", v.VideoPath)
			drift = info.Video()[0].Duration - nar.Duration
			fi, _ := os.Stat(v.VideoPath)
			size = fi.Size()
		}
		if err != nil {
			t.Logf("%-9s: %v", preset, err)
			continue
		}
		t.Logf("%-9s: %6s (%5.1fx realtime), video-narration %+6dms, %4d KiB",
			preset, best.Round(time.Millisecond), nar.Duration.Seconds()/best.Seconds(), drift.Milliseconds(), size>>10)
	}
}
