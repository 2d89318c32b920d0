package gcs

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"cloud.google.com/go/storage"
	"google.golang.org/api/iterator"
)

// Remove deletes every object whose key starts with prefix, which must name
// a folder ("content/<request_id>/"), and returns how many there were.
func (s *Store) Remove(ctx context.Context, prefix string) (int, error) {
	if !strings.HasSuffix(prefix, "/") {
		return 0, fmt.Errorf("gcs: remove %q: a prefix names a folder and ends in /", prefix)
	}
	name, err := s.ObjectName(strings.TrimSuffix(prefix, "/"))
	if err != nil {
		return 0, err
	}
	it := s.bucket.Objects(ctx, &storage.Query{Prefix: name + "/"})
	n := 0
	for {
		attrs, err := it.Next()
		if errors.Is(err, iterator.Done) {
			return n, nil
		}
		if err != nil {
			return n, fmt.Errorf("gcs: remove %s: list: %w", prefix, err)
		}
		err = s.bucket.Object(attrs.Name).Delete(ctx)
		if err != nil && !errors.Is(err, storage.ErrObjectNotExist) {
			return n, fmt.Errorf("gcs: remove %s: %w", attrs.Name, err)
		}
		n++
	}
}
