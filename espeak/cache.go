package espeak

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"os"
	"path/filepath"

	vividly "github.com/vividly-edu/vividly"
)

// cacheVersion changes whenever the way audio is produced or timed changes,
// so narrations made by older code are not reused.
const cacheVersion = 1

// sidecar is narration.json: the Narration that narration.wav holds, and what
// it was made from.
type sidecar struct {
	Version    int               `json:"version"`
	Key        string            `json:"key"`
	AudioBytes int64             `json:"audio_bytes"`
	Narration  vividly.Narration `json:"narration"`
}

// cacheKey hashes everything that decides the audio: the sentences as spoken,
// the synthesizer, the voice and the rate.
func (n *Narrator) cacheKey(segs [][]string) string {
	h := sha256.New()
	writeField := func(h hash.Hash, s string) {
		// Length-prefixed, so ("ab","c") and ("a","bc") hash differently.
		binary.Write(h, binary.LittleEndian, uint64(len(s)))
		h.Write([]byte(s))
	}
	writeField(h, fmt.Sprintf("v%d %s %s %d %s %s", cacheVersion, n.cfg.Binary, n.cfg.Voice,
		n.cfg.WordsPerMinute, sentencePause, segmentPause))
	for _, seg := range segs {
		writeField(h, fmt.Sprintf("segment %d", len(seg)))
		for _, s := range seg {
			writeField(h, s)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// loadCached returns the narration recorded in dir if it was made with key and
// its audio file is still there, whole.
func loadCached(dir, key string) (vividly.Narration, bool) {
	b, err := os.ReadFile(filepath.Join(dir, sidecarName))
	if err != nil {
		return vividly.Narration{}, false
	}
	var sc sidecar
	if json.Unmarshal(b, &sc) != nil || sc.Version != cacheVersion || sc.Key != key {
		return vividly.Narration{}, false
	}
	audio := filepath.Join(dir, audioName)
	if fi, err := os.Stat(audio); err != nil || fi.Size() != sc.AudioBytes {
		return vividly.Narration{}, false
	}
	sc.Narration.AudioPath = audio
	return sc.Narration, true
}

// storeCached records nar in dir/narration.json, atomically, after its audio
// is in place.
func storeCached(dir, key string, size int64, nar vividly.Narration) error {
	b, err := json.Marshal(sidecar{Version: cacheVersion, Key: key, AudioBytes: size, Narration: nar})
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, tempPrefix+"*.json.part")
	if err != nil {
		return err
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", sidecarName, err)
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", sidecarName, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", sidecarName, err)
	}
	if err := os.Rename(f.Name(), filepath.Join(dir, sidecarName)); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}
