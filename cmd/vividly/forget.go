package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/google/uuid"
	"github.com/spf13/cobra"
	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/gcs"
	"github.com/vividly-edu/vividly/localstore"
	"github.com/vividly-edu/vividly/workflows"
)

func newForgetCmd(cfg *config) *cobra.Command {
	var student, request string
	cmd := &cobra.Command{
		Use:   "forget (--student <id> | --request <id>)",
		Short: "Delete everything Vividly holds of a student, or of one request, when a school asks",
		Long: `forget deletes, for every request of the student (or the one request): its
workflow runs in Temporal (history and visibility; a running lesson is stopped),
its stored lesson files (the local store, and Cloud Storage when configured), and
its rows in PostgreSQL (the request, its status history, its notifications), and
with --student the student's name, tokens and sessions of the page and API. It
prints what it removed, can be run again (it then finds nothing), and logs an
audit line with the ids and counts, never the student's text.

A student's requests are found in PostgreSQL. A request that never reached it
(its lesson ended while the database was down) is forgotten with --request.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if (student == "") == (request == "") {
				return errors.New("give exactly one of --student and --request")
			}
			for flag, id := range map[string]string{"--student": student, "--request": request} {
				if id != "" && uuid.Validate(id) != nil {
					return fmt.Errorf("%s %q: not a UUID", flag, id)
				}
			}
			ctx := cmd.Context()
			a, err := connect(ctx, cfg, requireServer)
			if err != nil {
				return err
			}
			defer a.Close()
			stores, err := a.removers(ctx)
			if err != nil {
				return err
			}
			fg := a.forgetter(stores)
			ids := []string{request}
			if student != "" {
				if ids, err = a.db.RequestsOf(ctx, student); err != nil {
					return err
				}
			}
			var total workflows.Forgotten
			for _, id := range ids {
				f, err := fg.Forget(ctx, id)
				total.Add(f)
				if err != nil {
					a.log.Warn("audit: forgetting stopped part-way", "student_id", student, "request_id", id, "error", err)
					return fmt.Errorf("forget request %s: %w (run forget again to finish)", id, err)
				}
				printForgotten(cmd.OutOrStdout(), id, f)
			}
			if student != "" {
				// Their name, sign-in, tokens and sessions (students of the
				// page and API) go last, once their lessons are gone.
				if _, err := a.db.DeleteStudent(ctx, student); err != nil {
					return err
				}
			}
			// Audit trail: who was forgotten and how much, no student text. At
			// warn, so the default log level keeps it.
			a.log.Warn("audit: data forgotten on request", "student_id", student, "request_id", request,
				"requests", len(ids), "workflow_runs", total.Runs, "files", total.Files, "rows", total.Rows)
			fmt.Fprintf(cmd.OutOrStdout(), "forgot %d request(s): %d workflow run(s), %d stored file(s), %d request row(s)\n",
				len(ids), total.Runs, total.Files, total.Rows)
			return nil
		},
	}
	cmd.Flags().StringVar(&student, "student", "", "the student whose data to delete")
	cmd.Flags().StringVar(&request, "request", "", "one request to delete")
	return cmd
}

func printForgotten(w io.Writer, id string, f workflows.Forgotten) {
	fmt.Fprintf(w, "request %s: %d workflow run(s), %d stored file(s), %d request row(s) removed\n", id, f.Runs, f.Files, f.Rows)
}

// forgetter deletes requests' data from this installation's Temporal,
// database and the given stores.
func (a *app) forgetter(stores []vividly.Remover) *workflows.Forgetter {
	return &workflows.Forgetter{Client: a.temporal, Namespace: a.cfg.Namespace, Rows: a.db, Stores: stores}
}

// removers are the stores lessons may have been put in: the local store, and
// Cloud Storage when configured.
func (a *app) removers(ctx context.Context) ([]vividly.Remover, error) {
	local, err := localstore.New(a.cfg.lessonsDir())
	if err != nil {
		return nil, err
	}
	out := []vividly.Remover{local}
	if g := &a.cfg.Google; g.Storage == providerGCS {
		if g.Bucket == "" {
			return nil, errors.New("--storage gcs: no bucket: set --gcs-bucket or VIVIDLY_GCS_BUCKET")
		}
		st, err := gcs.New(ctx, gcs.Config{Bucket: g.Bucket})
		if err != nil {
			return nil, fmt.Errorf("--storage gcs: %w", err)
		}
		out = append(out, st)
	}
	return out, nil
}
