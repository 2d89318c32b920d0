package ffmpeg

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
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
	stderr := &tailBuffer{max: 2048}
	cmd.Stderr = stderr
	cmd.WaitDelay = 2 * time.Second
	out, err := cmd.Output()
	if err != nil {
		return Info{}, fmt.Errorf("%s %s: %w; stderr: %q", ffprobe, filepath.Base(path), err, stderr.String())
	}
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
