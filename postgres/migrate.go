package postgres

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

	"github.com/jackc/pgx/v5"
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
