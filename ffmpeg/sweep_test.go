package ffmpeg

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	vividly "github.com/vividly-edu/vividly"
)

// TestFPSSweep renders the same minute of lesson at several frame rates and
// presets and logs the speed and the video's drift from the narration. It is
// how DefaultFPS was chosen; run it with VIVIDLY_FPS_SWEEP=1.
func TestFPSSweep(t *testing.T) {
	if os.Getenv("VIVIDLY_FPS_SWEEP") == "" {
		t.Skip("set VIVIDLY_FPS_SWEEP=1 to compare frame rates (takes a minute)")
	}
	requireTools(t, "ffmpeg", "ffprobe", "espeak-ng")
	dir := t.TempDir()
	s := lessonScript()
	for i := range s.Segments {
		s.Segments[i].Narration = strings.Repeat(s.Segments[i].Narration+" ", 3)
	}
	nar := narrate(t, s, dir)
	for _, preset := range []string{"ultrafast", "superfast", "veryfast"} {
		for fps := 2; fps <= 5; fps++ {
			r := New(Config{FPS: fps})
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
				t.Logf("%-9s %d fps: %v", preset, fps, err)
				continue
			}
			t.Logf("%-9s %d fps: %6s (%5.1fx realtime), video-narration %+6dms, %4d KiB",
				preset, fps, best.Round(time.Millisecond), nar.Duration.Seconds()/best.Seconds(), drift.Milliseconds(), size>>10)
		}
	}
}
