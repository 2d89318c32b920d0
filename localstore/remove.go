package localstore

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"
)

// Remove deletes every stored file whose key starts with prefix, which must
// name a folder ("content/<request_id>/"), and returns how many there were.
func (s *Store) Remove(ctx context.Context, prefix string) (int, error) {
	dir := strings.TrimSuffix(prefix, "/")
	if err := checkKey(dir); err != nil {
		return 0, err
	}
	if !strings.HasSuffix(prefix, "/") {
		return 0, fmt.Errorf("localstore: remove %q: a prefix names a folder and ends in /", prefix)
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	root, err := os.OpenRoot(s.root)
	if err != nil {
		return 0, fmt.Errorf("localstore: remove %s: %w", prefix, err)
	}
	defer root.Close()
	n := 0
	err = fs.WalkDir(root.FS(), path.Clean(dir), func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return err
	})
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("localstore: remove %s: %w", prefix, err)
	}
	if err := root.RemoveAll(path.Clean(dir)); err != nil {
		return 0, fmt.Errorf("localstore: remove %s: %w", prefix, err)
	}
	return n, nil
}
