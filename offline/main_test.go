package offline

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/vividly-edu/vividly/postgres"
	"github.com/vividly-edu/vividly/postgres/pgtest"
)

// testStore is one migrated database holding the embedded library, shared by
// the package's tests: they only read it.
var testStore *postgres.DB

func TestMain(m *testing.M) {
	code, err := run(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(code)
}

func run(m *testing.M) (int, error) {
	dbURL, drop, err := pgtest.NewPackageDatabase()
	if err != nil {
		return 0, err
	}
	defer drop()
	ctx := context.Background()
	testStore, err = postgres.Open(ctx, dbURL)
	if err != nil {
		return 0, err
	}
	defer testStore.Close()
	if _, err := LoadLibrary(ctx, testStore, nil); err != nil {
		return 0, err
	}
	return m.Run(), nil
}
