package postgres

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/vividly-edu/vividly"
)

// DB is Vividly's PostgreSQL store. It is safe for concurrent use.
type DB struct {
	pool *pgxpool.Pool
}

// The adapters this package provides.
var (
	_ vividly.RequestStore = (*DB)(nil)
	_ vividly.Notifier     = (*DB)(nil)
)

// Open connects to the database at databaseURL (a postgres:// URL or a
// key=value connection string), creating it first if it does not exist, and
// applies any pending migrations. It is safe to call from several processes at
// once: creation tolerates a concurrent creator and migrations run under an
// advisory lock.
func Open(ctx context.Context, databaseURL string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(databaseURL)
	if err != nil {
		// pgx redacts the password in its parse errors.
		return nil, fmt.Errorf("postgres: parse database URL: %w", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: open pool on %s: %w", cfg.ConnConfig.Database, err)
	}
	// Most opens find the schema up to date: a command of the CLI, a
	// worker restarting. Checking costs one query on the connection the
	// pool keeps; making sure the database exists and asking goose what is
	// pending took two more connections, each a new server process.
	if upToDate(ctx, pool) {
		return &DB{pool: pool}, nil
	}
	if err := ensureDatabase(ctx, cfg.ConnConfig); err != nil {
		pool.Close()
		return nil, err
	}
	if err := migrate(ctx, cfg.ConnConfig); err != nil {
		pool.Close()
		return nil, err
	}
	// NewWithConfig connects lazily; fail here rather than on the first query.
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: ping %s: %w", cfg.ConnConfig.Database, err)
	}
	return &DB{pool: pool}, nil
}

// OpenEventually is Open for a process that must start whether or not the
// database answers yet (a worker, most of whose stages need no database).
// It returns at once with a DB whose calls fail until the database is
// reachable; meanwhile it tries to create and migrate it, again and again
// with a growing pause (up to 30 s), until it succeeds or ctx ends, then
// calls ready, if given. Only a databaseURL that cannot be parsed is an error.
func OpenEventually(ctx context.Context, databaseURL string, ready func(context.Context, *DB)) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(databaseURL)
	if err != nil {
		return nil, fmt.Errorf("postgres: parse database URL: %w", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg) // connects lazily
	if err != nil {
		return nil, fmt.Errorf("postgres: open pool on %s: %w", cfg.ConnConfig.Database, err)
	}
	db := &DB{pool: pool}
	go func() {
		pause := time.Second
		for {
			err := ensureDatabase(ctx, cfg.ConnConfig)
			if err == nil {
				err = migrate(ctx, cfg.ConnConfig)
			}
			if err == nil {
				if ready != nil {
					ready(ctx, db)
				}
				return
			}
			slog.WarnContext(ctx, "PostgreSQL is not reachable yet; stages that need it wait", "retry_in", pause.String(), "error", err)
			select {
			case <-ctx.Done():
				return
			case <-time.After(pause):
			}
			pause = min(2*pause, 30*time.Second)
		}
	}()
	return db, nil
}

// Close releases every connection. Calls made after Close fail.
func (db *DB) Close() {
	db.pool.Close()
}

// Ping checks that the database answers, for health checks.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.pool.Ping(ctx); err != nil {
		return fmt.Errorf("postgres: ping: %w", err)
	}
	return nil
}
