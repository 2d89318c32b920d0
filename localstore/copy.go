package localstore

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	vividly "github.com/vividly-edu/vividly"
)

var _ vividly.Copier = (*Store)(nil)

// Copy stores a copy of the file at srcKey under dstKey, as Put would, and
// returns where it is. A missing source is vividly.ErrNotFound.
func (s *Store) Copy(ctx context.Context, srcKey, dstKey string) (string, error) {
	root, err := s.open(ctx, "copy", srcKey, dstKey)
	if err != nil {
		return "", err
	}
	defer root.Close()
	src, err := root.Open(srcKey)
	if errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("localstore: copy %s: %w", srcKey, vividly.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("localstore: copy %s: %w", srcKey, err)
	}
	defer src.Close()
	if err := storeAt(ctx, root, dstKey, src); err != nil {
		return "", fmt.Errorf("localstore: copy to %s: %w", dstKey, err)
	}
	return filepath.Join(s.root, filepath.FromSlash(dstKey)), nil
}
