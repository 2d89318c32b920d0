package cluster

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"github.com/vividly-edu/vividly/postgres"
)

// The schemas compiled into the SQL tool (the same files as the server
// module's schema/postgresql/v12), so tool and schema can never disagree.
const (
	schemaTemporal   = "postgresql/v12/temporal"
	schemaVisibility = "postgresql/v12/visibility"
)

// setupDatabases creates Temporal's two databases when missing and brings
// their schemas up to date. Both steps are no-ops on a current database.
func setupDatabases(ctx context.Context, o Options) error {
	pg, err := o.postgres()
	if err != nil {
		return err
	}
	for _, db := range []struct{ name, schema string }{
		{o.Database, schemaTemporal},
		{o.VisibilityDatabase, schemaVisibility},
	} {
		if err := postgres.EnsureDatabase(ctx, o.databaseURL(db.name)); err != nil {
			return fmt.Errorf("cluster: %w", err)
		}
		// setup-schema at 0.0 only adds the version tables (if missing);
		// update-schema then applies every version above the recorded one.
		for _, step := range [][]string{
			{"setup-schema", "--version", "0.0"},
			{"update-schema", "--schema-name", db.schema},
		} {
			if err := sqlTool(ctx, o, pg, db.name, step...); err != nil {
				return err
			}
		}
	}
	return nil
}

func sqlTool(ctx context.Context, o Options, pg pgServer, db string, step ...string) error {
	args := []string{"--plugin", "postgres12", "--endpoint", pg.host, "--port", pg.port,
		"--user", pg.user, "--database", db, "--quiet"}
	cmd := exec.CommandContext(ctx, o.SQLTool, append(args, step...)...)
	// The password goes through the environment, not the command line that
	// any user can list.
	cmd.Env = append(os.Environ(), "SQL_PASSWORD="+pg.password)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("cluster: %s %s on %s: %w\n%s", o.SQLTool, step[0], db, err, strings.TrimSpace(string(out)))
	}
	return nil
}
