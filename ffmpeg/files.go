package ffmpeg

import (
	"fmt"
	"os"
	"path/filepath"
)

// Prefixes of the temporary files and directories Render makes in the output
// directory. They start with a dot and end in ".part", so no one mistakes them
// for a lesson.
const (
	tempPrefix = ".lesson-"
	workPrefix = ".render-"
)

// removeStale deletes what an earlier render of dir left behind when its
// process was killed before it could clean up. Renders of one directory are
// not expected to overlap (one request, one render at a time); if they did,
// the older one would fail to rename its output and be retried.
func removeStale(dir string) {
	for _, pattern := range []string{tempPrefix + "*.part", workPrefix + "*"} {
		matches, _ := filepath.Glob(filepath.Join(dir, pattern))
		for _, m := range matches {
			os.RemoveAll(m)
		}
	}
}

// tempName reserves a unique temporary path in dir for a file that will be
// renamed to final once it is whole.
func tempName(dir, final string) (string, error) {
	f, err := os.CreateTemp(dir, tempPrefix+"*-"+final+".part")
	if err != nil {
		return "", err
	}
	name := f.Name()
	if err := f.Close(); err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}

// writeTemp writes data to a new temporary file in dir and returns its name.
func writeTemp(dir, final string, data []byte) (string, error) {
	name, err := tempName(dir, final)
	if err != nil {
		return "", err
	}
	if err := os.WriteFile(name, data, 0o640); err != nil {
		os.Remove(name)
		return "", fmt.Errorf("write %s: %w", final, err)
	}
	return name, nil
}

// publish moves a finished temporary file to its final name. Temporary files
// are created private (0600); the lesson is meant to be served, so it is made
// readable first.
func publish(temp, final string) error {
	if err := os.Chmod(temp, 0o640); err != nil {
		return err
	}
	return os.Rename(temp, final)
}
