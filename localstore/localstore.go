// Package localstore is a vividly.ObjectStore on the local file system, for
// running Vividly on one machine: a lesson's files are kept under a root
// folder and their URIs are plain absolute paths a person can open.
package localstore

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/vividly-edu/vividly"
)

// Store keeps objects as files under a root folder. It is safe for concurrent
// use, also by several processes sharing the root.
type Store struct {
	root string // absolute
}

var _ vividly.ObjectStore = (*Store)(nil)
var _ vividly.ContentPutter = (*Store)(nil)

// New returns a Store rooted at root, creating the folder if needed.
func New(root string) (*Store, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("localstore: root %s: %w", root, err)
	}
	if err := os.MkdirAll(abs, 0o750); err != nil {
		return nil, fmt.Errorf("localstore: create root: %w", err)
	}
	return &Store{root: abs}, nil
}

// Root returns the absolute path of the folder objects are kept in.
func (s *Store) Root() string { return s.root }

// checkKey rejects keys that could name a file outside the root. The file is
// also opened through os.Root, which refuses to leave the root even by a
// symbolic link, so this check is for clear errors as much as for safety.
func checkKey(key string) error {
	switch {
	case key == "":
		return fmt.Errorf("localstore: empty key")
	case strings.Contains(key, ".."):
		return fmt.Errorf("localstore: key %q contains ..", key)
	case strings.HasPrefix(key, "/") || strings.HasPrefix(key, `\`) || filepath.IsAbs(key) || filepath.VolumeName(key) != "":
		return fmt.Errorf("localstore: key %q is absolute", key)
	case strings.ContainsRune(key, 0):
		return fmt.Errorf("localstore: key contains a NUL byte")
	case strings.HasSuffix(key, "/"):
		return fmt.Errorf("localstore: key %q names a folder", key)
	}
	for _, part := range strings.Split(key, "/") {
		if part == "" || part == "." {
			return fmt.Errorf("localstore: key %q has an empty or . segment", key)
		}
	}
	return nil
}
