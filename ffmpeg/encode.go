package ffmpeg

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/vividly-edu/vividly/internal/child"
)

// encode runs ffmpeg to join the slides (the concat list) and the narration
// into an H.264/AAC MP4 at out, as long as the narration (duration). progress
// gets the fraction encoded as ffmpeg reports it.
//
// Why these options:
//   - one frame per slide (-fps_mode vfr, no fps filter): a slide is still
//     until the caption changes, so each image is converted and encoded once
//     and held for its shot's duration. A constant 4 fps encoded about 20
//     frames per slide and took twice the CPU. The concat demuxer times the
//     frames in 1/25 s, so a slide changes within 20 ms of its sentence.
//   - no -t or -shortest: the list's durations add up to the narration and
//     the repeated last entry is one frame at its end, so the video lasts
//     the narration plus that frame (40 ms); -t would drop that frame and
//     with it the last slide's time, and -shortest overshot by tens of
//     seconds with the concat demuxer.
//   - -bf 0: B-frames reorder frames that last seconds each, and the MP4's
//     video track then came out seconds shorter than its frames.
//   - a keyframe at least every 10 s of video (-force_key_frames), so
//     seeking decodes little; -g counts frames, which no longer means time.
//   - format=yuv420p, H.264 (x264 -tune stillimage, the superfast preset):
//     what every browser and player decodes.
//   - AAC with the fast coder at 64 kb/s and the narration's own sample
//     rate: plenty for one synthetic voice. The default (twoloop) coder took
//     five times as long.
//   - a narration encoded in parts (audio.go) is copied as it comes on
//     standard input, read earlier by one frame (-itsoffset) so that its
//     first part's priming is skipped as one encode's is.
//   - +faststart: the index goes first, so playback starts while downloading.
//   - -progress pipe:1 -nostats: machine-readable progress on stdout, and
//     stderr kept for errors only.
//   - the captions, when given, as a soft subtitle track (mov_text, in
//     English): players of the file alone can show them, turn them off or
//     size them, and nothing is drawn twice where a page shows lesson.vtt.
func (r *Renderer) encode(ctx context.Context, concat string, audio audioInput, captions, out string, duration time.Duration, progress func(float64)) error {
	args := encodeArgs(r.preset, concat, audio, captions, out)
	// Bound to the worker: a killed worker's render must not go on without it.
	cmd := child.Command(ctx, r.cfg.FFmpeg, args...)
	cmd.Stdin = audio.stream
	stderr := &child.Tail{Max: 2048}
	cmd.Stderr = stderr
	// On cancellation CommandContext kills ffmpeg; do not then wait long for
	// its pipes.
	cmd.WaitDelay = 2 * time.Second
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return fmt.Errorf("%s: %w", r.cfg.FFmpeg, err)
	}
	// Started in the render's lane: an older lesson's work arriving
	// meanwhile sends it to the background (child.Lane).
	if err := child.Start(ctx, cmd); err != nil {
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

// EncodeArgs is ffmpeg's command line (without the program name) that encodes
// the slides of the ffconcat list concat and the WAV narration audio into the
// MP4 out, with the settings explained at encode. The benchmark's baseline
// runs the same line, so the two are compared at the same quality. captions,
// a WebVTT file, may be empty: then the MP4 has no subtitle track.
func EncodeArgs(concat, audio, captions, out string) []string {
	return encodeArgs(defaultPreset, concat, audioInput{path: audio}, captions, out)
}

// audioInput is the narration for the MP4: a WAV file to encode, or, with
// adtsRate set, AAC already encoded (ADTS) at that sample rate.
type audioInput struct {
	path     string
	adtsRate int
	// stream, when set, is the ADTS audio, read from ffmpeg's standard
	// input as it comes; duration is how long it lasts.
	stream   io.Reader
	duration time.Duration
}

// aacArgs are the audio encoder's settings.
var aacArgs = []string{"-c:a", "aac", "-aac_coder", "fast", "-b:a", "64k"}

func encodeArgs(preset, concat string, audio audioInput, captions, out string) []string {
	args := []string{
		"-hide_banner", "-nostdin", "-y", "-loglevel", "error",
		"-progress", "pipe:1", "-nostats",
		"-f", "concat", "-i", "file:" + concat,
	}
	audioCodec := aacArgs
	if audio.adtsRate > 0 {
		args = append(args, "-itsoffset", fmt.Sprintf("-%.6f", float64(aacFrame)/float64(audio.adtsRate)), "-f", "aac")
		audioCodec = []string{"-c:a", "copy"}
	}
	if audio.stream != nil {
		// Room for every AAC frame of the narration in the input's queue:
		// with the default (8) the pipe's reader and the slides' took turns
		// waiting, and a 2-minute lesson took 4 s to mux instead of 0.3 s.
		frames := int(audio.duration.Seconds()*float64(audio.adtsRate))/aacFrame + 1
		args = append(args, "-thread_queue_size", strconv.Itoa(max(4096, frames+frames/8)), "-i", "pipe:0")
	} else {
		args = append(args, "-i", "file:"+audio.path)
	}
	if captions != "" {
		args = append(args, "-f", "webvtt", "-i", "file:"+captions)
	}
	args = append(args, "-map", "0:v:0", "-map", "1:a:0")
	if captions != "" {
		args = append(args, "-map", "2:s:0", "-c:s", "mov_text", "-metadata:s:s:0", "language=eng")
	}
	args = append(args,
		"-vf", "format=yuv420p", "-fps_mode", "vfr",
		"-c:v", "libx264", "-preset", preset, "-tune", "stillimage", "-crf", "22", "-bf", "0",
		"-force_key_frames", fmt.Sprintf("expr:gte(t,n_forced*%d)", keyframeEvery))
	args = append(args, audioCodec...)
	args = append(args,
		"-movflags", "+faststart",
		"-f", "mp4", "file:"+out,
	)
	return args
}
