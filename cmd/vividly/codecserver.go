package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/spf13/cobra"
	"github.com/vividly-edu/vividly/codec"
)

// The codec server lets operators read what Temporal stores encrypted: the
// Web UI (its codec endpoint) and the Temporal CLI (--codec-endpoint) send
// it payloads to decode.

func newCodecServerCmd(cfg *config) *cobra.Command {
	return &cobra.Command{
		Use:   "codec-server",
		Short: "Serve /encode and /decode so the Temporal Web UI and CLI show lessons' payloads decoded",
		Long: `Serves Temporal's codec endpoints with this installation's payload keys
(--codec-keys) at --codec-addr. The dev server's Web UI is started pointing at
it; for the Temporal CLI add --codec-endpoint http://<codec-addr> (and
--codec-auth "Bearer <token>" when VIVIDLY_CODEC_TOKEN is set). Browsers are
served only from the Web UI's origin (--ui-origin, default the dev server's
UI); with VIVIDLY_CODEC_TOKEN every request must carry the token. Runs until
interrupted. 'vividly dev' runs one too.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			a := &app{cfg: cfg, log: cfg.logger()}
			if err := a.loadCodec(); err != nil {
				return err
			}
			srv, err := a.serveCodec()
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "codec server at http://%s\n", srv.Addr)
			<-cmd.Context().Done()
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			return srv.Shutdown(ctx)
		},
	}
}

// codecOrigins are the pages allowed to call the codec server from a browser.
func (c *config) codecOrigins() []string {
	if len(c.UIOrigins) > 0 {
		return c.UIOrigins
	}
	p := strconv.Itoa(c.UIPort)
	return []string{"http://localhost:" + p, "http://127.0.0.1:" + p}
}

// codecEndpoint is the codec server's URL, for the Web UI.
func (c *config) codecEndpoint() string {
	if c.CodecAddr == "" {
		return ""
	}
	return "http://" + c.CodecAddr
}

// serveCodec serves the codec endpoints at cfg.CodecAddr until Shutdown.
func (a *app) serveCodec() (*http.Server, error) {
	if a.cfg.CodecAddr == "" {
		return nil, errors.New("--codec-addr is empty: nowhere to serve the codec")
	}
	l, err := net.Listen("tcp", a.cfg.CodecAddr)
	if err != nil {
		return nil, fmt.Errorf("codec server: %w", err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "ok") })
	mux.Handle("/", codec.Handler(a.codec, codec.ServerOptions{Origins: a.cfg.codecOrigins(), Token: a.cfg.CodecToken}))
	srv := &http.Server{Addr: l.Addr().String(), Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(l); err != nil && !errors.Is(err, http.ErrServerClosed) {
			a.log.Error("codec server stopped", "error", err)
		}
	}()
	a.log.Info("serving the payload codec", "addr", srv.Addr)
	return srv, nil
}
