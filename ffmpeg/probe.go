package ffmpeg

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/vividly-edu/vividly/internal/child"
)

// Info is what ffprobe reports about a media file.
type Info struct {
	// Format names the container, as ffprobe lists it (e.g. "mov,mp4,m4a,3gp,3g2,mj2").
	Format string
	// Duration is the container's duration.
	Duration time.Duration
	// Streams holds the streams by type: "video", "audio", "subtitle", "data".
	Streams map[string][]Stream
}

// Video returns the video streams.
func (i Info) Video() []Stream { return i.Streams["video"] }

// Audio returns the audio streams.
func (i Info) Audio() []Stream { return i.Streams["audio"] }

// Stream is one stream of a media file.
type Stream struct {
	Index int
	Type  string // "video", "audio", ...
	Codec string // e.g. "h264", "aac"
	// Duration is the stream's own duration, or the container's when the
	// stream does not state one.
	Duration time.Duration
	// Video only.
	Width, Height int
	FrameRate     float64 // average frames per second
	PixelFormat   string
	// Audio only.
	SampleRate int
	Channels   int
}

// probeJSON is the part of ffprobe's JSON output we read.
type probeJSON struct {
	Format struct {
		FormatName string `json:"format_name"`
		Duration   string `json:"duration"`
	} `json:"format"`
	Streams []struct {
		Index        int    `json:"index"`
		CodecType    string `json:"codec_type"`
		CodecName    string `json:"codec_name"`
		Duration     string `json:"duration"`
		Width        int    `json:"width"`
		Height       int    `json:"height"`
		AvgFrameRate string `json:"avg_frame_rate"`
		PixFmt       string `json:"pix_fmt"`
		SampleRate   string `json:"sample_rate"`
		Channels     int    `json:"channels"`
	} `json:"streams"`
}

// Probe runs ffprobe (the binary named by ffprobe, looked up in PATH if it has
// no slash) on the file at path and returns its container and streams.
func Probe(ctx context.Context, ffprobe, path string) (Info, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return Info{}, fmt.Errorf("probe %s: %w", path, err)
	}
	// "file:" keeps a name with a colon from being read as a protocol, and an
	// absolute path cannot start with "-".
	cmd := child.Command(ctx, ffprobe, "-v", "error", "-print_format", "json",
		"-show_format", "-show_streams", "file:"+abs)
	stderr := &child.Tail{Max: 2048}
	cmd.Stderr = stderr
	cmd.WaitDelay = 2 * time.Second
	out, err := cmd.Output()
	if err != nil {
		return Info{}, fmt.Errorf("%s %s: %w; stderr: %q", ffprobe, filepath.Base(path), err, stderr.String())
	}
	return parseProbe(out, ffprobe, path)
}

// parseProbe reads ffprobe's JSON output about path.
func parseProbe(out []byte, ffprobe, path string) (Info, error) {
	var pj probeJSON
	if err := json.Unmarshal(out, &pj); err != nil {
		return Info{}, fmt.Errorf("%s %s: unreadable output: %w", ffprobe, filepath.Base(path), err)
	}
	info := Info{Format: pj.Format.FormatName, Duration: seconds(pj.Format.Duration), Streams: map[string][]Stream{}}
	for _, s := range pj.Streams {
		st := Stream{
			Index: s.Index, Type: s.CodecType, Codec: s.CodecName, Duration: seconds(s.Duration),
			Width: s.Width, Height: s.Height, FrameRate: ratio(s.AvgFrameRate), PixelFormat: s.PixFmt,
			Channels: s.Channels,
		}
		st.SampleRate, _ = strconv.Atoi(s.SampleRate)
		if st.Duration == 0 {
			st.Duration = info.Duration
		}
		info.Streams[s.CodecType] = append(info.Streams[s.CodecType], st)
	}
	return info, nil
}

// earlyProbe is an ffprobe started before the file it is to read exists:
// Debian's ffprobe loads some 200 shared libraries, about 0.1 s on a
// 2-core machine, which a render spends encoding instead of waiting. It
// reads the file from its standard input, which an MP4 whose index comes
// first (+faststart, as the renderer writes them) allows; it reports what
// Probe would.
type earlyProbe struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stdout bytes.Buffer
	stderr *child.Tail
	name   string
	done   bool
}

// startProbe starts ffprobe on its standard input. Stop it with probe or
// stop.
func startProbe(ctx context.Context, ffprobe string) (*earlyProbe, error) {
	p := &earlyProbe{stderr: &child.Tail{Max: 2048}, name: ffprobe}
	// A pipe is read in order, not sought: a lesson's video has one frame a
	// slide, seconds apart, and the decoder needs a few of them before it
	// names their pixel format, so ffprobe may read far further into the
	// file than from a disk (10 minutes of it, 100 MB at most).
	p.cmd = child.Command(ctx, ffprobe, "-v", "error", "-analyzeduration", "600M", "-probesize", "100M", "-print_format", "json", "-show_format", "-show_streams", "pipe:0")
	p.cmd.Stdout, p.cmd.Stderr = &p.stdout, p.stderr
	p.cmd.WaitDelay = 2 * time.Second
	stdin, err := p.cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	p.stdin = stdin
	if err := child.Start(ctx, p.cmd); err != nil {
		return nil, fmt.Errorf("start %s: %w", ffprobe, err)
	}
	return p, nil
}

// probe gives ffprobe the file at path and returns what it found.
func (p *earlyProbe) probe(path string) (Info, error) {
	if p.done {
		return Info{}, errors.New("ffprobe already stopped")
	}
	f, err := os.Open(path)
	if err != nil {
		p.stop()
		return Info{}, fmt.Errorf("probe %s: %w", path, err)
	}
	defer f.Close()
	// ffprobe may stop reading once it has the index: the rest of the file
	// then meets a closed pipe, which is no failure.
	if _, err := io.Copy(p.stdin, f); err != nil && !errors.Is(err, syscall.EPIPE) && !errors.Is(err, os.ErrClosed) {
		p.stop()
		return Info{}, fmt.Errorf("probe %s: %w", path, err)
	}
	p.stdin.Close()
	p.done = true
	if err := p.cmd.Wait(); err != nil {
		return Info{}, fmt.Errorf("%s %s: %w; stderr: %q", p.name, filepath.Base(path), err, p.stderr.String())
	}
	return parseProbe(p.stdout.Bytes(), p.name, path)
}

// stop ends an ffprobe that will not be given a file; after probe it does
// nothing.
func (p *earlyProbe) stop() {
	if p.done {
		return
	}
	p.done = true
	p.stdin.Close()
	if p.cmd.Process != nil {
		p.cmd.Process.Kill()
	}
	p.cmd.Wait()
}

// seconds parses ffprobe's decimal seconds; "N/A" and junk are zero.
func seconds(s string) time.Duration {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 {
		return 0
	}
	return time.Duration(f * float64(time.Second))
}

// ratio parses a rational such as "30000/1001"; "0/0" is zero.
func ratio(s string) float64 {
	num, den, ok := strings.Cut(s, "/")
	if !ok {
		f, _ := strconv.ParseFloat(s, 64)
		return f
	}
	n, err1 := strconv.ParseFloat(num, 64)
	d, err2 := strconv.ParseFloat(den, 64)
	if err1 != nil || err2 != nil || d == 0 {
		return 0
	}
	return n / d
}
