package ffmpeg

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/vividly-edu/vividly/internal/child"
	"github.com/vividly-edu/vividly/narration"
)

// Encoding the narration to AAC is most of a render's work, and ffmpeg's AAC
// encoder runs on one thread. A long narration is therefore encoded in parts
// at once, one per CPU, and the parts joined: AAC frames stand alone (ADTS),
// so the join is the parts end to end.
//
// Where the parts meet must not be heard or seen. Each encoder starts with
// one frame of priming (aacFrame samples the decoder outputs first), so a
// part after the first leaves out the aacFrame samples after its cut and its
// priming takes their place: the joined stream keeps the narration's
// timeline to the sample, and only the whole stream's first priming is
// skipped, as the muxer does for one encode. The cuts are made in the
// narration's own pauses, exact silence wider than the frames on either side
// that share samples with the cut (the encoder's window), so the parts add
// nothing to it, and a cut falls on a frame boundary of its part.

// aacFrame is the samples in an AAC frame, and the encoder's priming.
const aacFrame = 1024

// minAudioPart is the least narration worth an encoder of its own.
const minAudioPart = 20 * time.Second

// audioParts is how many parts a narration of d is encoded in, on at most
// cores CPUs (0: no limit).
func (r *Renderer) audioParts(d time.Duration, cores int) int {
	parts := min(r.cfg.AudioParts, int(d/minAudioPart))
	if cores > 0 {
		parts = min(parts, cores)
	}
	return max(1, parts)
}

// cutPoints finds parts-1 cuts (sample frames) in pcm, each near an equal
// share of it and inside a silence that leaves two frames of silence before
// the cut and, after the aacFrame samples the next part leaves out, two more.
// It returns fewer when pauses that wide are missing.
func cutPoints(pcm narration.PCM, parts int) []int {
	n := len(pcm.Data) / (pcm.Channels * 2)
	// A silence holds a cut when, after rounding up to a frame boundary with
	// two frames of silence before it, the frame left out and two more fit.
	runs := pcm.Silences(5 * aacFrame)
	var cuts []int
	last := 0
	for k := 1; k < parts; k++ {
		target := k * n / parts
		// The nearest cut to target within half a part of it.
		best, bestDist := -1, n/parts/2
		for _, r := range runs {
			first := (r[0] + 2*aacFrame + aacFrame - 1) / aacFrame * aacFrame
			lastOK := (r[1] - 3*aacFrame) / aacFrame * aacFrame
			if first > lastOK || first < last {
				continue
			}
			// Any frame boundary in [first, lastOK] will do: the one
			// nearest target.
			c := min(max(first, target/aacFrame*aacFrame), lastOK)
			if d := abs(c - target); d < bestDist {
				best, bestDist = c, d
			}
		}
		if best > last {
			cuts = append(cuts, best)
			last = best + aacFrame
		}
	}
	return cuts
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// audioParts starts encoding the narration at path in parts at once, and
// returns the joined ADTS stream as the parts finish, in order, with its
// sample rate; or a nil stream when the narration is too short for parts,
// not 16-bit PCM, or has no pauses to cut in, and the render encodes it as a
// whole. The final encode reads the stream while the parts are still being
// encoded, so it starts (and encodes the slides) meanwhile. If a part fails,
// fail is called and the stream ends with its error; wait returns it, once
// every part has ended. A caller that stops reading closes the stream.
func (r *Renderer) startAudioParts(ctx context.Context, path, work string, d time.Duration, cores int, fail func()) (stream *io.PipeReader, rate int, wait func() error, err error) {
	parts := r.audioParts(d, cores)
	if parts < 2 {
		return nil, 0, nil, nil
	}
	pcm, err := narration.ReadPCM(path)
	if err != nil {
		return nil, 0, nil, fmt.Errorf("narration audio: %w", err)
	}
	if !pcm.Integer || pcm.BitsPerSample != 16 || pcm.Channels < 1 {
		return nil, 0, nil, nil
	}
	cuts := cutPoints(pcm, parts)
	if len(cuts) == 0 {
		return nil, 0, nil, nil
	}
	frame := pcm.Channels * 2
	bounds := [][2]int{}
	from := 0
	for _, c := range cuts {
		bounds = append(bounds, [2]int{from, c})
		from = c + aacFrame
	}
	bounds = append(bounds, [2]int{from, len(pcm.Data) / frame})

	names := make([]string, len(bounds))
	done := make([]chan error, len(bounds))
	for i, b := range bounds {
		names[i] = filepath.Join(work, fmt.Sprintf("audio-%02d.aac", i))
		done[i] = make(chan error, 1)
		go func() {
			done[i] <- r.encodeAAC(ctx, pcm, pcm.Data[b[0]*frame:b[1]*frame], names[i])
		}()
	}
	pr, pw := io.Pipe()
	fed := make(chan error, 1)
	go func() {
		var first error
		for i := range bounds {
			err := <-done[i]
			if err == nil && first == nil {
				err = copyFile(pw, names[i])
			}
			if err != nil && first == nil {
				first = err
				fail()
				pw.CloseWithError(err)
			}
		}
		pw.Close()
		fed <- first
	}()
	return pr, pcm.SampleRate, sync.OnceValue(func() error { return <-fed }), nil
}

// copyFile writes the file name to w.
func copyFile(w io.Writer, name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}

// encodeAAC encodes raw samples of pcm's format to an ADTS file, with the
// same encoder settings as a whole narration.
func (r *Renderer) encodeAAC(ctx context.Context, pcm narration.PCM, samples []byte, out string) error {
	args := []string{"-hide_banner", "-nostdin", "-y", "-loglevel", "error",
		"-f", "s16le", "-ar", strconv.Itoa(pcm.SampleRate), "-ac", strconv.Itoa(pcm.Channels), "-i", "pipe:0"}
	args = append(args, aacArgs...)
	args = append(args, "-f", "adts", "file:"+out)
	cmd := child.Command(ctx, r.cfg.FFmpeg, args...)
	cmd.Stdin = bytes.NewReader(samples)
	stderr := &tailBuffer{max: 2048}
	cmd.Stderr = stderr
	cmd.WaitDelay = 2 * time.Second
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("%s stopped: %w", r.cfg.FFmpeg, ctx.Err())
		}
		return fmt.Errorf("%s (audio): %w; stderr: %q", r.cfg.FFmpeg, err, stderr.String())
	}
	return nil
}
