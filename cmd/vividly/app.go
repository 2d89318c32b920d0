package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"strconv"
	"strings"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/codec"
	"github.com/vividly-edu/vividly/devserver"
	"github.com/vividly-edu/vividly/postgres"
	"github.com/vividly-edu/vividly/telemetry"
	"github.com/vividly-edu/vividly/workflows"
	"go.temporal.io/sdk/client"
	tlog "go.temporal.io/sdk/log"
)

// serverMode says what to do when no Temporal server answers.
type serverMode int

const (
	requireServer serverMode = iota // fail with advice
	startDetached                   // start a dev server that outlives this process
	startAttached                   // start a dev server that stops with this process
)

// app holds the connections a command needs, made once.
type app struct {
	cfg      *config
	log      *slog.Logger
	temporal client.Client
	db       *postgres.DB
	server   *devserver.Server
	// metrics is the process's Prometheus registry, fed by the Temporal
	// client's metrics handler; serveOps serves it at /metrics.
	metrics *telemetry.Metrics
	// startedServer is set when this process started the dev server.
	startedServer bool
	// eventualDB is set when PostgreSQL may not answer yet (a worker's
	// process): what needs it at start is done once it does.
	eventualDB bool
	// codec encrypts every payload this process hands Temporal.
	codec *codec.Codec
}

// loadCodec reads the payload keys: from VIVIDLY_CODEC_KEYS when set (a
// secret store's way in, as in containers), else from the key file, made
// when missing.
func (a *app) loadCodec() error {
	if text := os.Getenv("VIVIDLY_CODEC_KEYS"); text != "" {
		keys, err := codec.ParseKeys(strings.ReplaceAll(text, ";", "\n"))
		if err != nil {
			return fmt.Errorf("VIVIDLY_CODEC_KEYS: %w", err)
		}
		a.codec = codec.New(keys)
		return nil
	}
	keys, created, err := codec.LoadFile(a.cfg.codecKeys(), true)
	if err != nil {
		return err
	}
	if created {
		a.log.Info("made a new payload key; give every worker and client this file", "file", a.cfg.codecKeys())
	}
	a.codec = codec.New(keys)
	return nil
}

// logger is every command's logger: JSON on stderr, request_id and workflow_id
// on each line about a request, student text at debug level only.
func (c *config) logger() *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.LogLevel)); err != nil {
		level = slog.LevelWarn
	}
	return telemetry.NewLogger(os.Stderr, telemetry.LogOptions{
		Level:      level,
		WorkflowID: workflows.WorkflowID,
		RequestID:  workflows.RequestIDOf,
	})
}

func (c *config) devServerOptions(detached bool) (devserver.Options, error) {
	host, port, err := net.SplitHostPort(c.TemporalAddress)
	if err != nil {
		return devserver.Options{}, fmt.Errorf("temporal address %q: %w", c.TemporalAddress, err)
	}
	p, err := strconv.Atoi(port)
	if err != nil {
		return devserver.Options{}, fmt.Errorf("temporal address %q: bad port", c.TemporalAddress)
	}
	return devserver.Options{
		Binary: c.TemporalCLI, Dir: c.temporalDir(), IP: host, Port: p, UIPort: c.UIPort,
		Namespace: c.Namespace, SearchAttributes: workflows.SearchAttributeTypes, Detached: detached,
		UICodecEndpoint: c.codecEndpoint(),
	}, nil
}

// connect reaches Temporal (starting a dev server if mode says so) and PostgreSQL.
func connect(ctx context.Context, cfg *config, mode serverMode) (*app, error) {
	return connectWith(ctx, cfg, mode, false)
}

// connectWorker is connect for a process that hosts a worker: it starts
// whether or not PostgreSQL answers yet, since most stages need no database,
// and reaches it (creating and migrating it) as soon as it can.
func connectWorker(ctx context.Context, cfg *config, mode serverMode) (*app, error) {
	return connectWith(ctx, cfg, mode, true)
}

func connectWith(ctx context.Context, cfg *config, mode serverMode, eventualDB bool) (*app, error) {
	a := &app{cfg: cfg, log: cfg.logger(), eventualDB: eventualDB}
	// Lines logged through slog's default logger or the log package (libraries)
	// come out as JSON too, the log package's at warn so the default level keeps them.
	slog.SetDefault(a.log)
	slog.SetLogLoggerLevel(slog.LevelWarn)
	var err error
	a.metrics, err = telemetry.NewMetrics(telemetry.MetricsOptions{Logger: a.log})
	if err != nil {
		return nil, err
	}
	tlsConfig, err := cfg.temporalTLS()
	if err != nil {
		a.Close()
		return nil, err
	}
	reach := client.Options{HostPort: cfg.TemporalAddress}
	reach.ConnectionOptions.TLS = tlsConfig
	if !devserver.ReachableWith(ctx, reach) {
		if mode == requireServer || tlsConfig != nil {
			a.Close()
			return nil, fmt.Errorf("no Temporal server answers at %s: start one with `vividly dev` (or set --temporal-address; with TLS, check the --temporal-tls-* files)", cfg.TemporalAddress)
		}
		opts, err := cfg.devServerOptions(mode == startDetached)
		if err != nil {
			a.Close()
			return nil, err
		}
		a.server, err = devserver.Start(ctx, opts)
		if err != nil {
			a.Close()
			return nil, err
		}
		a.startedServer = true
	}
	if err := a.loadCodec(); err != nil {
		a.Close()
		return nil, err
	}
	a.temporal, err = devserver.Dial(ctx, client.Options{
		HostPort: cfg.TemporalAddress, Namespace: cfg.Namespace,
		DataConverter:     codec.DataConverter(a.codec),
		Logger:            tlog.NewStructuredLogger(a.log),
		MetricsHandler:    a.metrics.Handler(),
		ConnectionOptions: workflows.Connection(tlsConfig),
	})
	if err != nil {
		a.Close()
		return nil, err
	}
	if err := devserver.EnsureSearchAttributes(ctx, a.temporal, cfg.Namespace, workflows.SearchAttributeTypes); err != nil {
		a.Close()
		return nil, err
	}
	if eventualDB {
		// The pool outlives ctx (a command's), like the process's worker.
		a.db, err = postgres.OpenEventually(context.WithoutCancel(ctx), cfg.DatabaseURL, nil)
	} else {
		a.db, err = postgres.Open(ctx, cfg.DatabaseURL)
	}
	if err != nil {
		a.Close()
		return nil, fmt.Errorf("open PostgreSQL: %w", err)
	}
	return a, nil
}

// Close releases what connect made; a dev server started attached is stopped.
func (a *app) Close() {
	if a.db != nil {
		a.db.Close()
	}
	if a.temporal != nil {
		a.temporal.Close()
	}
	if a.metrics != nil {
		_ = a.metrics.Close() // after the client: its last counts are reported
	}
	if a.server != nil && a.startedServer && a.server.Attached() {
		a.server.Stop()
	}
}

// newWorker hosts lessons: the workflow and every stage, on the shared
// queue and on this worker's own (workflows.NewWorker). On Stop it stops
// polling at once and gives the activities in flight up to the grace
// period to finish; then their contexts are cancelled.
func (a *app) newWorker() (*workflows.Worker, error) {
	acts, err := a.activities(context.Background())
	if err != nil {
		return nil, err
	}
	// Retention removes from the stores the stages put lessons in.
	var stores []vividly.Remover
	for _, o := range []vividly.ObjectStore{acts.Objects, acts.Fallback.Objects} {
		if r, ok := o.(vividly.Remover); ok {
			stores = append(stores, r)
		}
	}
	fg := a.forgetter(stores)
	// Lessons past the retention period are forgotten daily; every worker
	// brings the schedule in line with its setting.
	if err := workflows.EnsureRetention(context.Background(), a.temporal, a.cfg.RetentionDays); err != nil {
		return nil, err
	}
	return workflows.NewWorker(a.temporal, acts, workflows.WorkerOptions{StopTimeout: a.cfg.ShutdownGrace, Forgetter: fg}), nil
}

var _ vividly.RequestStore = (*postgres.DB)(nil)
