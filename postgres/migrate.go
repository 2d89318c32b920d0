package postgres

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

// migrationFiles holds the schema, so the binary migrates without files on disk.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

// migrate applies pending migrations to the database in cfg. Goose holds a
// session-level advisory lock while it works, so processes starting together
// take turns and each finds the schema up to date once it gets the lock.
func migrate(ctx context.Context, cfg *pgx.ConnConfig) error {
	fsys, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		return fmt.Errorf("postgres: migrations: %w", err)
	}
	// Retry the lock every second rather than goose's default five, so a
	// process waiting on another's short migration starts promptly; give up
	// after five minutes, as goose does by default.
	locker, err := lock.NewPostgresSessionLocker(lock.WithLockTimeout(1, 300))
	if err != nil {
		return fmt.Errorf("postgres: migration lock: %w", err)
	}
	// goose works on database/sql, so it gets its own short-lived handle
	// through pgx's stdlib driver.
	sqlDB := stdlib.OpenDB(*cfg.Copy())
	defer sqlDB.Close()

	provider, err := goose.NewProvider(goose.DialectPostgres, sqlDB, fsys,
		goose.WithSessionLocker(locker),
		// Only this package's SQL files: never Go migrations some other
		// package registered globally.
		goose.WithDisableGlobalRegistry(true),
	)
	if err != nil {
		return fmt.Errorf("postgres: migrations of %s: %w", cfg.Database, err)
	}
	if _, err := provider.Up(ctx); err != nil {
		return fmt.Errorf("postgres: migrate %s: %w", cfg.Database, err)
	}
	return nil
}

// schemaVersions are the versions of the embedded migrations, from their
// file names ("00003_runs.sql" is 3), as goose numbers them.
var schemaVersions = sync.OnceValues(func() ([]int64, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	var out []int64
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		if !ok || !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		v, err := strconv.ParseInt(num, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("migration %s: %w", e.Name(), err)
		}
		out = append(out, v)
	}
	return out, nil
})

// upToDate reports whether every embedded migration is applied, as goose
// records it: a version's latest row says whether it is applied. Any
// doubt (no database, no version table, an error) is false, and the
// caller migrates as before.
func upToDate(ctx context.Context, pool *pgxpool.Pool) bool {
	want, err := schemaVersions()
	if err != nil || len(want) == 0 {
		return false
	}
	rows, err := pool.Query(ctx, `
		SELECT DISTINCT ON (version_id) version_id, is_applied
		FROM goose_db_version ORDER BY version_id, id DESC`)
	if err != nil {
		return false
	}
	applied := map[int64]bool{}
	for rows.Next() {
		var v int64
		var ok bool
		if rows.Scan(&v, &ok) != nil {
			rows.Close()
			return false
		}
		applied[v] = ok
	}
	if rows.Err() != nil {
		return false
	}
	for _, v := range want {
		if !applied[v] {
			return false
		}
	}
	return true
}
