package narration

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	vividly "github.com/vividly-edu/vividly"
)

// join concatenates the sentence files into dir/narration.wav with pauses
// between sentences and segments, and times every cue from the frames written
// before it. It returns the narration and the size of the audio file. A
// sentence without audio, or whose audio holds no samples, gets no cue.
func join(ctx context.Context, segs [][]string, files [][]string, dir string) (vividly.Narration, int64, error) {
	format, err := firstFormat(files)
	if err != nil {
		return vividly.Narration{}, 0, err
	}
	final := filepath.Join(dir, audioName)
	f, err := os.CreateTemp(dir, tempPrefix+"*.wav.part")
	if err != nil {
		return vividly.Narration{}, 0, err
	}
	committed := false
	defer func() {
		if !committed {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	w, err := newWAVWriter(f, format)
	if err != nil {
		return vividly.Narration{}, 0, fmt.Errorf("write %s: %w", f.Name(), err)
	}

	nar := vividly.Narration{AudioPath: final}
	for i, seg := range segs {
		if err := ctx.Err(); err != nil {
			return vividly.Narration{}, 0, err
		}
		if len(seg) == 0 {
			if err := w.silence(EmptySegment); err != nil {
				return vividly.Narration{}, 0, fmt.Errorf("write %s: %w", f.Name(), err)
			}
		}
		for j, text := range seg {
			if j > 0 {
				if err := w.silence(SentencePause); err != nil {
					return vividly.Narration{}, 0, fmt.Errorf("write %s: %w", f.Name(), err)
				}
			}
			if files[i][j] == "" {
				continue
			}
			pcm, err := readSentence(files[i][j], format)
			if err != nil {
				return vividly.Narration{}, 0, fmt.Errorf("segment %d sentence %d: %w", i+1, j+1, err)
			}
			if len(pcm) == 0 {
				continue
			}
			start := w.frames()
			if err := w.write(pcm); err != nil {
				return vividly.Narration{}, 0, fmt.Errorf("write %s: %w", f.Name(), err)
			}
			nar.Cues = append(nar.Cues, vividly.Cue{
				Start: format.duration(start),
				End:   format.duration(w.frames()),
				Text:  text,
			})
		}
		if err := w.silence(SegmentPause); err != nil {
			return vividly.Narration{}, 0, fmt.Errorf("write %s: %w", f.Name(), err)
		}
		if err := w.silentFrames(-w.frames() & (SegmentAlign - 1)); err != nil {
			return vividly.Narration{}, 0, fmt.Errorf("write %s: %w", f.Name(), err)
		}
		nar.SegmentEnds = append(nar.SegmentEnds, format.duration(w.frames()))
	}
	nar.Duration = format.duration(w.frames())
	if len(nar.Cues) == 0 {
		return vividly.Narration{}, 0, errNoAudio
	}

	if err := w.finish(); err != nil {
		return vividly.Narration{}, 0, fmt.Errorf("write %s: %w", f.Name(), err)
	}
	size := w.headerSize() + w.data + w.data%2
	// CreateTemp makes the file private; the narration is no secret from the
	// other stages, which may run as another user.
	if err := f.Chmod(0o640); err != nil {
		return vividly.Narration{}, 0, fmt.Errorf("chmod %s: %w", f.Name(), err)
	}
	if err := f.Sync(); err != nil {
		return vividly.Narration{}, 0, fmt.Errorf("sync %s: %w", f.Name(), err)
	}
	if err := f.Close(); err != nil {
		return vividly.Narration{}, 0, fmt.Errorf("close %s: %w", f.Name(), err)
	}
	if err := os.Rename(f.Name(), final); err != nil {
		return vividly.Narration{}, 0, err
	}
	committed = true
	return nar, size, nil
}

// firstFormat is the format of the first sentence that has audio; all others
// must match it.
func firstFormat(files [][]string) (wavFormat, error) {
	for _, seg := range files {
		for _, name := range seg {
			if name == "" {
				continue
			}
			b, err := os.ReadFile(name)
			if err != nil {
				return wavFormat{}, err
			}
			format, _, err := parseWAV(b)
			return format, err
		}
	}
	return wavFormat{}, errNoAudio
}

var errNoAudio = errors.New("no audio for any sentence")

// readSentence loads one sentence's audio, checks it has the narration's
// format, and trims the silence the speaker padded it with.
func readSentence(name string, format wavFormat) ([]byte, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	got, pcm, err := parseWAV(b)
	if err != nil {
		return nil, err
	}
	if !got.equal(format) {
		return nil, fmt.Errorf("audio has %s, but earlier sentences have %s; cannot join them", got, format)
	}
	return trimSilence(format, pcm), nil
}
