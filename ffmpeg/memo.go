package ffmpeg

import (
	"crypto/sha256"
	"encoding/binary"
	"os"
	"os/exec"
	"strconv"
	"strings"

	"github.com/vividly-edu/vividly/internal/memo"
)

// Lessons on one question differ mostly in their opening and their interest's
// scene, and share the rest of their narration (package memo). A narration
// whose segments start on AAC frame boundaries (narration.SegmentAlign) is
// therefore encoded one segment a part (segmentBounds), and a renderer with a
// memo keeps each part's AAC under a hash of its samples for a while: a part
// heard before is not encoded again, and one being encoded for another lesson
// is waited for. A part reused sounds as it would encoded again, to the
// sample in time (encoders.go), so a video sounds the same whether its
// parts were reused or not.

// encoderID names the AAC encoder a renderer runs: its settings and the
// ffmpeg executable (path, size and time), so a part encoded by another
// ffmpeg is never taken for this one's.
func encoderID(ffmpeg string) string {
	id := strings.Join(aacArgs, " ") + "\x00" + ffmpeg
	if path, err := exec.LookPath(ffmpeg); err == nil {
		if fi, err := os.Stat(path); err == nil {
			id += "\x00" + path + "\x00" + fi.ModTime().UTC().String() + "\x00" + strconv.FormatInt(fi.Size(), 10)
		}
	}
	return id
}

// partKey is a part's name in the memo: the encoder, the samples' format and
// the samples.
func partKey(encoder string, rate, channels int, samples []byte) memo.Key {
	h := sha256.New()
	h.Write([]byte(encoder))
	binary.Write(h, binary.LittleEndian, [2]int64{int64(rate), int64(channels)})
	h.Write(samples)
	var k memo.Key
	h.Sum(k[:0])
	return k
}
