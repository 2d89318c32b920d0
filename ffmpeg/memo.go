package ffmpeg

import (
	"container/list"
	"crypto/sha256"
	"encoding/binary"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Lessons on one question differ mostly in their opening and their interest's
// scene: twelve students asking for photosynthesis at grade 10, each with an
// interest of their own, share about half of their narration. A narration
// whose segments start on AAC frame boundaries (narration.SegmentAlign) is
// therefore encoded one segment a part (segmentBounds), and a renderer with a
// memo keeps each part's AAC under a hash of its samples for a while: a part
// heard before is not encoded again, and one being encoded for another lesson
// is waited for. The same samples encode to the same bytes (ffmpeg's AAC
// encoder is deterministic), so a video is the same whether its parts were
// reused or not.

// memoTTL is how long a part no lesson has used stays in the memo. It is a
// lesson's sound, kept in memory only and no longer than a class takes to
// ask.
const memoTTL = time.Hour

// audioMemo keeps encoded narration parts, the most recently used first, up
// to max bytes.
type audioMemo struct {
	mu    sync.Mutex
	max   int64
	size  int64
	parts map[[32]byte]*audioPart
	lru   list.List // of *audioPart, done and kept, most recently used first
	now   func() time.Time
	// hits and misses count parts found and parts encoded.
	hits, misses int64
}

func newAudioMemo(maxBytes int64) *audioMemo {
	if maxBytes <= 0 {
		return nil
	}
	return &audioMemo{max: maxBytes, parts: map[[32]byte]*audioPart{}, now: time.Now}
}

// audioPart is one part's AAC (ADTS), or why it could not be encoded, once
// done is closed.
type audioPart struct {
	key  [32]byte
	done chan struct{}
	aac  []byte
	err  error
	used time.Time
	elem *list.Element
}

func newAudioPart() *audioPart { return &audioPart{done: make(chan struct{})} }

// claim returns the part under key: done or being encoded for another
// render, or, with owner true, new, for the caller to encode and settle.
func (m *audioMemo) claim(key [32]byte) (p *audioPart, owner bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.expire()
	if p, ok := m.parts[key]; ok {
		if p.elem != nil {
			p.used = m.now()
			m.lru.MoveToFront(p.elem)
		}
		m.hits++
		return p, false
	}
	m.misses++
	p = newAudioPart()
	p.key = key
	m.parts[key] = p
	return p, true
}

// settle records an owned part's AAC, or its error, and wakes whoever waits
// for it. A part that failed is forgotten, so the next render that needs it
// encodes it. m may be nil: the part was never in a memo.
func (m *audioMemo) settle(p *audioPart, aac []byte, err error) {
	if m != nil {
		m.mu.Lock()
		if err != nil || int64(len(aac)) > m.max {
			delete(m.parts, p.key)
		} else {
			p.used = m.now()
			p.elem = m.lru.PushFront(p)
			m.size += int64(len(aac))
			for m.size > m.max {
				m.evict(m.lru.Back())
			}
		}
		m.mu.Unlock()
	}
	p.aac, p.err = aac, err
	close(p.done)
}

// expire drops the parts unused for memoTTL. m.mu is held.
func (m *audioMemo) expire() {
	for e := m.lru.Back(); e != nil && m.now().Sub(e.Value.(*audioPart).used) > memoTTL; e = m.lru.Back() {
		m.evict(e)
	}
}

// evict drops a kept part. m.mu is held. Whoever already holds it keeps its
// bytes.
func (m *audioMemo) evict(e *list.Element) {
	p := m.lru.Remove(e).(*audioPart)
	delete(m.parts, p.key)
	m.size -= int64(len(p.aac))
}

// counts returns the parts found in the memo and the parts encoded so far.
func (m *audioMemo) counts() (hits, misses int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.hits, m.misses
}

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
func partKey(encoder string, rate, channels int, samples []byte) [32]byte {
	h := sha256.New()
	h.Write([]byte(encoder))
	binary.Write(h, binary.LittleEndian, [2]int64{int64(rate), int64(channels)})
	h.Write(samples)
	var k [32]byte
	h.Sum(k[:0])
	return k
}
