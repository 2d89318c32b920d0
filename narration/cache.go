package narration

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	vividly "github.com/vividly-edu/vividly"
)

// cacheVersion changes whenever the way audio is joined or timed changes, so
// narrations made by older code are not reused.
const cacheVersion = 3

// Names of what Assemble keeps in dir while it works. They start with a dot so
// no one takes them for the narration. resumeDir holds the sentences already
// spoken, across attempts, until the narration is complete (Options.Resume);
// otherwise they go in a fresh workPrefix folder that is removed at the end.
const (
	tempPrefix = ".narration-"
	workPrefix = ".narrate-"
	resumeDir  = ".narration-sentences"
)

// sidecar is narration.json: the Narration that narration.wav holds, and what
// it was made from. Speakers' keys differ, so each narrator takes another's
// narration for a stale one.
type sidecar struct {
	Version    int               `json:"version"`
	Key        string            `json:"key"`
	AudioBytes int64             `json:"audio_bytes"`
	Narration  vividly.Narration `json:"narration"`
}

// cacheKey hashes everything that decides the audio and its timing: the
// speaker, the pauses and the sentences as spoken.
func cacheKey(speakerKey string, segs [][]string) string {
	h := sha256.New()
	writeField := func(s string) {
		// Length-prefixed, so ("ab","c") and ("a","bc") hash differently.
		binary.Write(h, binary.LittleEndian, uint64(len(s)))
		h.Write([]byte(s))
	}
	writeField(fmt.Sprintf("v%d %s %s %s %d", cacheVersion, SentencePause, SegmentPause, EmptySegment, SegmentAlign))
	writeField(speakerKey)
	for _, seg := range segs {
		writeField(fmt.Sprintf("segment %d", len(seg)))
		for _, s := range seg {
			writeField(s)
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
	if err := writeFileAtomically(filepath.Join(dir, sidecarName), b); err != nil {
		return fmt.Errorf("write %s: %w", sidecarName, err)
	}
	return nil
}

// removeStale deletes what an earlier narration of dir left behind when its
// process was killed before it could clean up. The sentences in resumeDir are
// kept: they are what makes a retry cheap.
func removeStale(dir string) {
	for _, pattern := range []string{tempPrefix + "*.part", workPrefix + "*", filepath.Join(resumeDir, tempPrefix+"*.part")} {
		matches, _ := filepath.Glob(filepath.Join(dir, pattern))
		for _, m := range matches {
			os.RemoveAll(m)
		}
	}
}

// writeFileAtomically writes b to name through a temporary file and a rename,
// so name is either absent or whole.
func writeFileAtomically(name string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), tempPrefix+"*.part")
	if err != nil {
		return err
	}
	// CreateTemp makes the file private; the narration is no secret from the
	// other stages, which may run as another user.
	if err := f.Chmod(0o640); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), name); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}
