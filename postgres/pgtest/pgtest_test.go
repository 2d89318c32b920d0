package pgtest_test

import (
	"context"
	"fmt"
	"net/url"
	"runtime"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/vividly-edu/vividly/postgres/pgtest"
)

// exists reports whether the server has a database called name.
func exists(t *testing.T, name string) bool {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, pgtest.DefaultURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var ok bool
	if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&ok); err != nil {
		t.Fatal(err)
	}
	return ok
}

func dbName(t *testing.T, dbURL string) string {
	t.Helper()
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimPrefix(u.Path, "/")
}

func TestNewDatabaseIsCreatedAndDropped(t *testing.T) {
	t.Setenv(pgtest.EnvURL, "") // the default server, which exists() also uses
	var name string
	t.Run("use", func(t *testing.T) {
		dbURL := pgtest.NewDatabase(t)
		name = dbName(t, dbURL)
		if !strings.HasPrefix(name, "vividly_test_") {
			t.Errorf("name %q lacks the vividly_test_ prefix", name)
		}
		if !exists(t, name) {
			t.Fatalf("database %s was not created", name)
		}
		// An open connection must not stop the drop.
		conn, err := pgx.Connect(context.Background(), dbURL)
		if err != nil {
			t.Fatalf("connect to the new database: %v", err)
		}
		_ = conn
	})
	if exists(t, name) {
		t.Errorf("database %s was not dropped at cleanup", name)
	}
}

func TestNamesAreUnique(t *testing.T) {
	a, b := pgtest.NewDatabase(t), pgtest.NewDatabase(t)
	if a == b {
		t.Fatalf("two databases share the URL %s", a)
	}
}

func TestUnusedDatabaseDoesNotExist(t *testing.T) {
	t.Setenv(pgtest.EnvURL, "")
	if name := dbName(t, pgtest.UnusedDatabase(t)); exists(t, name) {
		t.Errorf("database %s exists already", name)
	}
}

// fatalRecorder is a testing.TB whose Fatalf records the message and stops
// the calling goroutine, as the real one does.
type fatalRecorder struct {
	testing.TB
	msg string
}

func (f *fatalRecorder) Fatalf(format string, args ...any) {
	f.msg = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func TestUnreachableServerFails(t *testing.T) {
	// Port 1 on loopback refuses connections at once.
	t.Setenv(pgtest.EnvURL, "postgres://postgres@127.0.0.1:1/postgres?sslmode=disable&connect_timeout=5")
	f := &fatalRecorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		pgtest.NewDatabase(f)
		t.Error("NewDatabase returned on an unreachable server")
	}()
	<-done
	for _, want := range []string{"running PostgreSQL server", pgtest.EnvURL, "127.0.0.1:1"} {
		if !strings.Contains(f.msg, want) {
			t.Errorf("Fatalf message %q does not mention %q", f.msg, want)
		}
	}
}
