// Package offlinetest gives tests of other packages the embedded default
// providers on a real, migrated PostgreSQL database holding the library.
package offlinetest

import (
	"context"
	"testing"

	"github.com/vividly-edu/vividly/offline"
	"github.com/vividly-edu/vividly/postgres"
	"github.com/vividly-edu/vividly/postgres/pgtest"
)

// Store returns a fresh database (see pgtest.NewDatabase) with the embedded
// library loaded, closed when the test ends.
func Store(t testing.TB) *postgres.DB {
	t.Helper()
	ctx := context.Background()
	db, err := postgres.Open(ctx, pgtest.NewDatabase(t))
	if err != nil {
		t.Fatalf("offlinetest: %v", err)
	}
	t.Cleanup(db.Close)
	if _, err := offline.LoadLibrary(ctx, db, nil); err != nil {
		t.Fatalf("offlinetest: %v", err)
	}
	return db
}

// Understander is the offline understander over a fresh store.
func Understander(t testing.TB) *offline.Understander {
	t.Helper()
	return offline.NewUnderstander(Store(t))
}
