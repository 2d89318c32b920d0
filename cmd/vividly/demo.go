package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/workflows"
	"golang.org/x/term"
)

func newDemoCmd(cfg *config) *cobra.Command {
	var f lessonFlags
	var serveAddr string
	cmd := &cobra.Command{
		Use:   `demo "<question>"`,
		Short: "Run one lesson end to end, starting whatever it needs",
		Long: `Runs one request end to end: starts a Temporal dev server if none answers (it is
left running so its Web UI stays open; stop it with 'vividly stop'), a worker in this
process, and the request; prints each stage as it happens and then the result.
When the question needs clarifying, it waits for an answer: type it here, or send it
with 'vividly clarify' or 'temporal workflow signal'.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			req, err := f.request(args[0])
			if err != nil {
				return err
			}
			err = runDemo(cmd.Context(), cfg, req, f.json, cmd.OutOrStdout(), cmd.ErrOrStderr())
			printPageURL(cmd.ErrOrStderr(), serveAddr)
			return err
		},
	}
	f.bind(cmd.Flags())
	cmd.Flags().StringVar(&serveAddr, "serve-addr", env("VIVIDLY_SERVE_ADDR", defaultServeAddr), "host:port of the students' page, to point to [VIVIDLY_SERVE_ADDR]")
	return cmd
}

func runDemo(ctx context.Context, cfg *config, req vividly.Request, jsonOut bool, stdout, stderr io.Writer) error {
	progress := stdout
	if jsonOut {
		progress = stderr
	}
	a, err := connect(ctx, cfg, startDetached)
	if err != nil {
		return err
	}
	defer a.Close()
	if a.startedServer {
		fmt.Fprintf(progress, "Started a Temporal dev server on %s; Web UI: http://localhost:%d (it keeps running; stop it with `vividly stop`)\n",
			cfg.TemporalAddress, cfg.UIPort)
	}

	w, err := a.newWorker()
	if err != nil {
		return err
	}
	if err := w.Start(); err != nil {
		return fmt.Errorf("start worker: %w", err)
	}
	defer w.Stop()

	if err := a.startLesson(ctx, req); err != nil {
		return err
	}
	fmt.Fprintf(progress, "Request %s (workflow %s)\n", req.ID, workflows.WorkflowID(req.ID))

	asked := false
	v, err := a.follow(ctx, req.ID, progress, func(v view) {
		if v.Status == vividly.StatusClarificationNeeded && !asked && interactive() {
			asked = true
			go a.answerFromTerminal(ctx, req.ID, progress)
		}
	})
	if err != nil {
		return err
	}
	return finish(v, jsonOut, stdout)
}

// printPageURL says where students ask their own questions: the page that
// `dev` or `serve` runs at addr.
func printPageURL(w io.Writer, addr string) {
	if listening(addr) {
		fmt.Fprintf(w, "Students ask their own questions at http://%s (API: http://%s/openapi.json)\n", addr, addr)
		return
	}
	fmt.Fprintf(w, "Students ask their own questions at http://%s once `./vividly dev` runs (API: /openapi.json)\n", addr)
}

// interactive reports whether a person can type answers on standard input.
func interactive() bool {
	return term.IsTerminal(int(os.Stdin.Fd()))
}

// answerFromTerminal reads answers typed by the student and sends them as the
// clarification signal, until one is accepted or input ends.
func (a *app) answerFromTerminal(ctx context.Context, id string, w io.Writer) {
	in := bufio.NewScanner(os.Stdin)
	for {
		fmt.Fprint(w, "  Your answer (or send it from another terminal): ")
		if !in.Scan() {
			return
		}
		answer := strings.TrimSpace(in.Text())
		if _, err := a.clarify(ctx, id, answer); err != nil {
			fmt.Fprintln(w, " ", err)
			continue
		}
		return
	}
}
