package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/api"
	"github.com/vividly-edu/vividly/gcs"
)

// serveFlags configure the student's API and page.
type serveFlags struct {
	addr           string
	localSignIn    string
	lessonsPerHour int
	secureCookies  bool
	oidc           api.OIDCConfig
}

const defaultServeAddr = "127.0.0.1:8080"

func (f *serveFlags) bind(fs *pflag.FlagSet) {
	fs.StringVar(&f.addr, "serve-addr", env("VIVIDLY_SERVE_ADDR", defaultServeAddr), "host:port of the students' page and API [VIVIDLY_SERVE_ADDR]")
	fs.StringVar(&f.localSignIn, "local-sign-in", env("VIVIDLY_LOCAL_SIGN_IN", "auto"), "sign in on the page with a name alone, for a machine of one's own: on, off, or auto (on when --serve-addr is a loopback address) [VIVIDLY_LOCAL_SIGN_IN]")
	fs.IntVar(&f.lessonsPerHour, "lessons-per-hour", envInt("VIVIDLY_LESSONS_PER_HOUR", 30), "lessons one student may ask for in an hour [VIVIDLY_LESSONS_PER_HOUR]")
	fs.BoolVar(&f.secureCookies, "secure-cookies", false, "mark cookies Secure, for a server behind HTTPS")
	fs.StringVar(&f.oidc.Issuer, "oidc-issuer", env("VIVIDLY_OIDC_ISSUER", ""), "OpenID Connect issuer students sign in with, such as https://accounts.google.com; empty: none [VIVIDLY_OIDC_ISSUER]")
	fs.StringVar(&f.oidc.ClientID, "oidc-client-id", env("VIVIDLY_OIDC_CLIENT_ID", ""), "this server's OpenID Connect client id; the secret is read from VIVIDLY_OIDC_CLIENT_SECRET only [VIVIDLY_OIDC_CLIENT_ID]")
	fs.StringVar(&f.oidc.RedirectURL, "oidc-redirect-url", env("VIVIDLY_OIDC_REDIRECT_URL", ""), "this server's https://…/signin/oidc/callback, as registered with the provider [VIVIDLY_OIDC_REDIRECT_URL]")
	fs.StringVar(&f.oidc.HostedDomain, "oidc-hosted-domain", env("VIVIDLY_OIDC_HOSTED_DOMAIN", ""), "admit only accounts of this domain (the ID token's hd claim), such as school.example.org [VIVIDLY_OIDC_HOSTED_DOMAIN]")
	f.oidc.ClientSecret = os.Getenv("VIVIDLY_OIDC_CLIENT_SECRET") // a secret: never a flag
}

// local reports whether the local sign-in is on.
func (f *serveFlags) local() (bool, error) {
	switch strings.ToLower(f.localSignIn) {
	case "on", "true", "1":
		return true, nil
	case "off", "false", "0":
		return false, nil
	case "auto", "":
		host, _, err := net.SplitHostPort(f.addr)
		if err != nil {
			return false, fmt.Errorf("--serve-addr %q: %w", f.addr, err)
		}
		ip := net.ParseIP(host)
		return host == "localhost" || ip != nil && ip.IsLoopback(), nil
	}
	return false, fmt.Errorf("--local-sign-in %q: want on, off or auto", f.localSignIn)
}

// servedAPI is the running page and API.
type servedAPI struct {
	srv  *http.Server
	api  *api.Server
	url  string
	done chan error
}

// serveAPI starts the students' page and API on f.addr.
func (a *app) serveAPI(ctx context.Context, f serveFlags) (*servedAPI, error) {
	if f.lessonsPerHour < 1 {
		return nil, fmt.Errorf("--lessons-per-hour %d: want at least 1", f.lessonsPerHour)
	}
	local, err := f.local()
	if err != nil {
		return nil, err
	}
	opts := api.Options{LessonsDir: a.cfg.lessonsDir(), LocalSignIn: local,
		LessonsPerHour: f.lessonsPerHour, SecureCookies: f.secureCookies, Logger: a.log}
	if g := a.cfg.Google; g.Storage == providerGCS {
		// Lessons kept in Cloud Storage are linked with fresh signed URLs.
		if g.Bucket == "" {
			return nil, errors.New("--storage gcs: no bucket: set --gcs-bucket or VIVIDLY_GCS_BUCKET")
		}
		st, err := gcs.New(ctx, gcs.Config{Bucket: g.Bucket, PublicURLs: g.PublicURLs})
		if err != nil {
			return nil, fmt.Errorf("--storage gcs: %w", err)
		}
		opts.Linker, opts.MediaOrigins = st, []string{"https://storage.googleapis.com"}
	}
	if f.oidc.Issuer != "" {
		oidc := f.oidc
		opts.OIDC = &oidc
	}
	s, err := api.New(ctx, a.temporal, a.db, opts)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("serve the page and API on %s (choose another address with --serve-addr): %w", f.addr, err)
	}
	out := &servedAPI{api: s, url: "http://" + ln.Addr().String(), done: make(chan error, 1),
		srv: &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}}
	go func() {
		err := out.srv.Serve(ln)
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
		out.done <- err
	}()
	return out, nil
}

// Close stops the server, letting requests in flight finish for a few seconds.
func (s *servedAPI) Close() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	s.api.Close() // ends the event streams
	_ = s.srv.Shutdown(ctx)
}

func newServeCmd(cfg *config) *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the students' page and the REST API (OpenAPI at /openapi.json)",
		Long: `Serves the page students ask their questions on, follow their lessons and watch
them, and the REST API behind it (described at /openapi.json, with a docs page
at /docs). API clients authenticate with a token from 'vividly token create'.
Needs a Temporal server and workers ('vividly dev' runs all of it, this included).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			a, err := connect(ctx, cfg, requireServer)
			if err != nil {
				return err
			}
			defer a.Close()
			s, err := a.serveAPI(ctx, f)
			if err != nil {
				return err
			}
			defer s.Close()
			fmt.Fprintf(cmd.OutOrStdout(), "Vividly for students: %s (API: %s/openapi.json)\n", s.url, s.url)
			select {
			case <-ctx.Done():
				return nil
			case err := <-s.done:
				return err
			}
		},
	}
	f.bind(cmd.Flags())
	return cmd
}

func newTokenCmd(cfg *config) *cobra.Command {
	cmd := &cobra.Command{Use: "token", Short: "Bearer tokens for the REST API"}
	var student string
	create := &cobra.Command{
		Use:   "create --student <name-or-id>",
		Short: "Print a new bearer token for a student (only its hash is kept: save it now)",
		Long: `Prints a new bearer token for the student. --student is a student's id, or a
name: the student who signs in on the page with that name (made when new).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			db, err := openStore(ctx, cfg)
			if err != nil {
				return err
			}
			defer db.Close()
			name := strings.TrimSpace(student)
			if name == "" {
				return errors.New("--student: give a student's id or name")
			}
			var id string
			if uuid.Validate(name) == nil {
				st, err := db.GetStudent(ctx, name)
				if errors.Is(err, vividly.ErrNotFound) {
					return fmt.Errorf("no student %s", name)
				}
				if err != nil {
					return err
				}
				id = st.ID
			} else {
				if err := api.ValidName(name); err != nil {
					return fmt.Errorf("--student: %w", err)
				}
				st, err := db.EnsureStudent(ctx, api.LocalSubject(name), name)
				if err != nil {
					return err
				}
				id = st.ID
			}
			token, err := db.CreateToken(ctx, id)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "token for student %s:\n", id)
			fmt.Fprintln(cmd.OutOrStdout(), token)
			return nil
		},
	}
	create.Flags().StringVar(&student, "student", "", "the student's id, or name (as on the local sign-in)")
	cmd.AddCommand(create)
	return cmd
}
