package ffmpeg

import (
	"fmt"
	"sort"
	"strings"
	"time"

	vividly "github.com/vividly-edu/vividly"
)

// webVTT renders cues as a WebVTT file. Cues are put in order and clipped so
// none overlaps the next (players differ on overlapping cues). Cue text is
// student and model words: vttEscape keeps each on one line of visible
// characters, because a blank line would end the cue early and a line break
// could start a new one, and escapes it as the WebVTT spec asks, so a "<"
// never opens a tag and "-->" never reads as a cue timing.
func webVTT(cues []vividly.Cue, duration time.Duration) string {
	cs := append([]vividly.Cue(nil), cues...)
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].Start < cs[j].Start })
	var b strings.Builder
	b.WriteString("WEBVTT\n")
	n := 0
	for i, c := range cs {
		end := c.End
		if i+1 < len(cs) && end > cs[i+1].Start {
			end = cs[i+1].Start
		}
		if duration > 0 && end > duration {
			end = duration
		}
		text := vttEscape(c.Text)
		if c.Start < 0 || end <= c.Start || text == "" {
			continue
		}
		n++
		fmt.Fprintf(&b, "\n%d\n%s --> %s\n%s\n", n, vttTime(c.Start), vttTime(end), text)
	}
	return b.String()
}

var vttEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

func vttEscape(s string) string {
	return vttEscaper.Replace(vividly.Printable(s))
}

// vttTime formats d as WebVTT's HH:MM:SS.mmm, rounding to the millisecond.
func vttTime(d time.Duration) string {
	ms := d.Round(time.Millisecond).Milliseconds()
	return fmt.Sprintf("%02d:%02d:%02d.%03d", ms/3600000, ms/60000%60, ms/1000%60, ms%1000)
}
