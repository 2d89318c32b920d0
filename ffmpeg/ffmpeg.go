// Package ffmpeg renders a narrated lesson into a captioned MP4. Slides are
// drawn in Go with the embedded Go fonts (one per segment; with
// Config.BurnCaptions one per sentence, the sentence drawn in as a caption),
// laid along the narration's timing with ffmpeg's concat demuxer, and encoded
// with the narration by ffmpeg, the captions as a subtitle track. WebVTT
// captions are written alongside.
package ffmpeg

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/internal/memo"
)

// keyframeEvery is the most seconds of video between two keyframes: a seek
// lands on the keyframe before it and decodes forward from there.
const keyframeEvery = 10

// Names of the files Render leaves in the lesson directory.
const (
	VideoName    = "lesson.mp4"
	CaptionsName = "lesson.vtt"
)

// maxDrift is how far the video's length may be from the narration's.
const maxDrift = 200 * time.Millisecond

// Config chooses the tools and the picture. Zero fields take defaults.
type Config struct {
	// FFmpeg and FFprobe are the executables, looked up in PATH if they have
	// no slash. Defaults "ffmpeg" and "ffprobe".
	FFmpeg  string
	FFprobe string
	// Width and Height are the frame size in pixels, rounded up to even
	// numbers as H.264 in yuv420p requires. Default 1280x720.
	Width, Height int
	// BurnCaptions draws each sentence's caption into the picture, in the
	// band at the bottom of the slide. Without it the band is left for the
	// player: the captions are a subtitle track of the MP4 and lesson.vtt,
	// shown once, and can be turned off or resized.
	BurnCaptions bool
	// AudioParts is how many parts a long narration is encoded in at once
	// (audio.go), each of at least 20 s. Default: one per CPU; 1 encodes it
	// whole.
	AudioParts int
	// AudioMemo is how many bytes of encoded narration the renderer keeps,
	// for at most an hour unused, to reuse in lessons that share a segment
	// (memo.go). Zero keeps none.
	AudioMemo int64
}

// Renderer renders lessons with ffmpeg. It implements vividly.Renderer and is
// safe for concurrent use on different directories.
type Renderer struct {
	cfg Config
	// preset is the x264 preset, defaultPreset but for TestPresetSweep.
	preset string
	// memo keeps encoded narration parts; nil without Config.AudioMemo.
	memo *memo.Memo
	// encoder names the AAC encoder in the memo's keys (encoderID).
	encoder func() string
	// encoders encode narrations in parts (encoders.go).
	encoders *encoders
}

// defaultPreset is the x264 preset. With one frame per slide, ultrafast
// saved about 8% of the encode's CPU for files 30% larger, and veryfast
// took about 8% more for files 4% smaller (TestPresetSweep).
const defaultPreset = "superfast"

var _ vividly.Renderer = (*Renderer)(nil)

// MemoStats counts the narration parts found in the memo and those encoded
// since the renderer was made (zero without a memo).
func (r *Renderer) MemoStats() memo.Stats { return r.memo.Stats() }

// New returns a Renderer with cfg's zero fields set to their defaults.
func New(cfg Config) *Renderer {
	if cfg.FFmpeg == "" {
		cfg.FFmpeg = "ffmpeg"
	}
	if cfg.FFprobe == "" {
		cfg.FFprobe = "ffprobe"
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		cfg.Width, cfg.Height = 1280, 720
	}
	if cfg.AudioParts <= 0 {
		cfg.AudioParts = runtime.NumCPU()
	}
	cfg.Width += cfg.Width % 2
	cfg.Height += cfg.Height % 2
	return &Renderer{cfg: cfg, preset: defaultPreset, memo: memo.New(cfg.AudioMemo),
		encoder:  sync.OnceValue(func() string { return encoderID(cfg.FFmpeg) }),
		encoders: newEncoders(cfg.FFmpeg)}
}

// Render draws the slides, encodes in.Dir/lesson.mp4 with the narration, writes
// in.Dir/lesson.vtt, and checks the video with ffprobe. Both files are written
// under temporary names and renamed only when the video has passed its checks,
// so a killed render never leaves a partial lesson and a re-run replaces the
// last one. progress, which may be nil, is called with a growing fraction
// done: drawing is the first tenth, encoding most of the rest.
func (r *Renderer) Render(ctx context.Context, in vividly.RenderInput, progress func(done float64)) (vividly.Video, error) {
	began := time.Now()
	report := newReporter(progress)
	report(0)
	v, err := r.render(ctx, in, report)
	if err != nil {
		return vividly.Video{}, fmt.Errorf("ffmpeg: %w", err)
	}
	v.RenderTime = time.Since(began)
	report(1)
	return v, nil
}

// shots are the slides of the video: one per sentence when captions are
// burned in, else one per segment.
func (r *Renderer) shots(s vividly.Script, n vividly.Narration) ([]shot, error) {
	if !r.cfg.BurnCaptions {
		n.Cues = nil
	}
	return timeline(s, n)
}

func (r *Renderer) render(ctx context.Context, in vividly.RenderInput, report func(float64)) (vividly.Video, error) {
	shots, err := r.shots(in.Script, in.Narration)
	if err != nil {
		return vividly.Video{}, err
	}
	if in.Narration.AudioPath == "" {
		return vividly.Video{}, errors.New("narration has no audio file")
	}
	audio, err := filepath.Abs(in.Narration.AudioPath)
	if err != nil {
		return vividly.Video{}, err
	}
	if _, err := os.Stat(audio); err != nil {
		return vividly.Video{}, fmt.Errorf("narration audio: %w", err)
	}
	dir, err := filepath.Abs(in.Dir)
	if err != nil {
		return vividly.Video{}, err
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return vividly.Video{}, err
	}
	removeStale(dir)
	work, err := os.MkdirTemp(dir, workPrefix)
	if err != nil {
		return vividly.Video{}, err
	}
	defer os.RemoveAll(work)
	// The check's ffprobe starts now and loads while the lesson is encoded;
	// if it cannot start, the check starts one when the video is made.
	early, _ := startProbe(ctx, r.cfg.FFprobe)
	if early != nil {
		defer early.stop()
	}

	// A long narration's AAC is encoded in parts, on every core, while the
	// slides are drawn and the final encode starts (audio.go).
	duration := in.Narration.Duration
	encCtx, cancelEnc := context.WithCancel(ctx)
	aac := audioInput{path: audio}
	stream, rate, partsDone, err := r.startAudioParts(encCtx, audio, duration, in.Narration.SegmentEnds, in.Cores, cancelEnc)
	defer func() {
		cancelEnc()
		if stream != nil {
			// Every part's encoder has ended before work is removed.
			stream.CloseWithError(errors.New("render over"))
			_ = partsDone()
		}
	}()
	if err != nil {
		return vividly.Video{}, err
	}
	if stream != nil {
		aac = audioInput{stream: stream, adtsRate: rate, duration: duration}
	}
	// A part that failed stops the rest (encCtx) and is the cause, whatever
	// the drawing or the encode made of being stopped.
	cause := func(err error) error {
		if stream == nil || err == nil && encCtx.Err() == nil {
			return err
		}
		stream.CloseWithError(errors.New("render over")) // a failed encode stops reading
		if perr := partsDone(); perr != nil && ctx.Err() == nil {
			return fmt.Errorf("encode the narration: %w", perr)
		}
		return err
	}
	images, err := r.drawShots(encCtx, in.Script, shots, work, func(n, of int) { report(0.1 * float64(n) / float64(of)) })
	if err := cause(err); err != nil {
		return vividly.Video{}, err
	}
	concat, err := writeConcat(work, shots, images)
	if err != nil {
		return vividly.Video{}, err
	}

	var temps []string
	defer func() {
		for _, t := range temps {
			os.Remove(t) // gone already if renamed into place
		}
	}()
	vttTemp, err := writeTemp(dir, CaptionsName, []byte(webVTT(in.Narration.Cues, in.Narration.Duration)))
	if err != nil {
		return vividly.Video{}, err
	}
	temps = append(temps, vttTemp)
	mp4Temp, err := tempName(dir, VideoName)
	if err != nil {
		return vividly.Video{}, err
	}
	temps = append(temps, mp4Temp)

	err = r.encode(encCtx, concat, aac, vttTemp, mp4Temp, duration, func(f float64) { report(0.1 + 0.88*f) })
	if err != nil {
		err = fmt.Errorf("encode: %w", err)
	}
	if stream != nil {
		// Every part was read, or the encode failed; either way the parts
		// have had their say.
		if err := cause(err); err != nil {
			return vividly.Video{}, err
		}
		if perr := partsDone(); perr != nil {
			return vividly.Video{}, fmt.Errorf("encode the narration: %w", perr)
		}
	}
	if err != nil {
		return vividly.Video{}, err
	}
	var info Info
	if early != nil {
		info, err = early.probe(mp4Temp)
	} else {
		info, err = Probe(ctx, r.cfg.FFprobe, mp4Temp)
	}
	if err != nil {
		return vividly.Video{}, fmt.Errorf("verify: %w", err)
	}
	if err := Verify(info, duration); err != nil {
		return vividly.Video{}, fmt.Errorf("verify: %w", err)
	}

	v := vividly.Video{
		VideoPath:    filepath.Join(dir, VideoName),
		CaptionsPath: filepath.Join(dir, CaptionsName),
		Duration:     info.Duration,
	}
	if err := publish(mp4Temp, v.VideoPath); err != nil {
		return vividly.Video{}, err
	}
	if err := publish(vttTemp, v.CaptionsPath); err != nil {
		return vividly.Video{}, err
	}
	return v, nil
}

// Verify checks an encoded lesson: one video and one audio stream, and a
// video as long as the narration, within 200 ms.
func Verify(info Info, narration time.Duration) error {
	if n := len(info.Video()); n != 1 {
		return fmt.Errorf("check failed: %d video streams, want exactly 1", n)
	}
	if n := len(info.Audio()); n != 1 {
		return fmt.Errorf("check failed: %d audio streams, want exactly 1", n)
	}
	got := info.Video()[0].Duration
	if drift := (got - narration).Abs(); drift > maxDrift {
		return fmt.Errorf("check failed: video lasts %.3fs but the narration %.3fs, %.3fs apart (limit %s)",
			got.Seconds(), narration.Seconds(), drift.Seconds(), maxDrift)
	}
	// The sound too: an audio stream cut short (a part of it lost) would
	// otherwise pass under pictures of the right length.
	if heard := info.Audio()[0].Duration; heard > 0 {
		if drift := (heard - narration).Abs(); drift > maxDrift {
			return fmt.Errorf("check failed: the audio lasts %.3fs but the narration %.3fs, %.3fs apart (limit %s)",
				heard.Seconds(), narration.Seconds(), drift.Seconds(), maxDrift)
		}
	}
	return nil
}

// newReporter wraps a progress callback so it may be nil, is called from one
// goroutine at a time, and only ever sees a growing fraction in [0, 1].
func newReporter(progress func(float64)) func(float64) {
	if progress == nil {
		return func(float64) {}
	}
	var mu sync.Mutex
	last := -1.0
	return func(f float64) {
		f = max(0, min(1, f))
		mu.Lock()
		defer mu.Unlock()
		if f <= last {
			return
		}
		last = f
		progress(f)
	}
}
