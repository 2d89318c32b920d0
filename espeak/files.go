package espeak

import (
	"os"
	"path/filepath"
)

// Prefixes of the temporary files and directories Narrate makes in dir. They
// start with a dot so no one takes them for the narration.
const (
	tempPrefix = ".narration-"
	workPrefix = ".narrate-"
)

// removeStale deletes what an earlier narration of dir left behind when its
// process was killed before it could clean up. Narrations of one directory are
// not expected to overlap (one request, one narration at a time).
func removeStale(dir string) {
	for _, pattern := range []string{tempPrefix + "*.part", workPrefix + "*"} {
		matches, _ := filepath.Glob(filepath.Join(dir, pattern))
		for _, m := range matches {
			os.RemoveAll(m)
		}
	}
}
