package ffmpeg

import (
	"bufio"
	"context"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/vividly-edu/vividly/internal/child"
)

// encode runs ffmpeg to join the slides (the concat list) and the narration
// into an H.264/AAC MP4 at out, cut to exactly duration. progress gets the
// fraction encoded as ffmpeg reports it.
//
// Why these options:
//   - -t, not -shortest: with the concat demuxer -shortest overshot by tens of
//     seconds; the list's durations add up to the narration, and -t cuts there.
//   - format before fps: each slide is converted to yuv420p once, and the fps
//     filter then repeats the converted frame, which made the whole encode
//     about twice as fast as converting every output frame.
//   - fps filter: turns one image per slide into a constant, low frame rate
//     that every player handles; few frames keep encoding fast.
//   - -tune stillimage, a fast preset: slides barely change between frames.
//   - -g: a keyframe every 10 s or so, so seeking is quick.
//   - AAC with the fast coder at 64 kb/s and the narration's own sample
//     rate: plenty for one synthetic voice. The default (twoloop) coder took
//     five times as long and was most of the render time.
//   - +faststart: the index goes first, so playback starts while downloading.
//   - -progress pipe:1 -nostats: machine-readable progress on stdout, and
//     stderr kept for errors only.
func (r *Renderer) encode(ctx context.Context, concat, audio, out string, duration time.Duration, progress func(float64)) error {
	args := []string{
		"-hide_banner", "-nostdin", "-y", "-loglevel", "error",
		"-progress", "pipe:1", "-nostats",
		"-f", "concat", "-i", "file:" + concat,
		"-i", "file:" + audio,
		"-map", "0:v:0", "-map", "1:a:0",
		"-vf", fmt.Sprintf("format=yuv420p,fps=%d", r.cfg.FPS),
		"-c:v", "libx264", "-preset", r.preset, "-tune", "stillimage", "-crf", "22",
		"-g", strconv.Itoa(r.cfg.FPS * 10),
		"-c:a", "aac", "-aac_coder", "fast", "-b:a", "64k",
		"-t", strconv.FormatFloat(duration.Seconds(), 'f', 6, 64),
		"-movflags", "+faststart",
		"-f", "mp4", "file:" + out,
	}
	cmd := exec.CommandContext(ctx, r.cfg.FFmpeg, args...)
	stderr := &tailBuffer{max: 2048}
	cmd.Stderr = stderr
	// On cancellation CommandContext kills ffmpeg; do not then wait long for
	// its pipes.
	cmd.WaitDelay = 2 * time.Second
	child.Bind(cmd) // a killed worker's render must not go on without it
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return fmt.Errorf("%s: %w", r.cfg.FFmpeg, err)
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start %s: %w", r.cfg.FFmpeg, err)
	}
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if f, ok := progressLine(sc.Text(), duration); ok {
			progress(f)
		}
	}
	err = cmd.Wait()
	if ctx.Err() != nil {
		return fmt.Errorf("%s stopped: %w", r.cfg.FFmpeg, ctx.Err())
	}
	if err != nil {
		return fmt.Errorf("%s: %w; stderr: %q", r.cfg.FFmpeg, err, stderr.String())
	}
	return nil
}

// progressLine reads one line of ffmpeg's -progress output and, if it tells
// how much is encoded, returns that as a fraction of duration. ffmpeg writes
// the same time as out_time_us and, despite its name, out_time_ms (both in
// microseconds); "N/A" appears before the first frame.
func progressLine(line string, duration time.Duration) (float64, bool) {
	key, value, ok := strings.Cut(strings.TrimSpace(line), "=")
	if !ok || (key != "out_time_us" && key != "out_time_ms") || duration <= 0 {
		return 0, false
	}
	us, err := strconv.ParseInt(value, 10, 64)
	if err != nil || us < 0 {
		return 0, false
	}
	return min(1, float64(us)*float64(time.Microsecond)/float64(duration)), true
}
