// Package cluster runs Temporal the way production does, natively: the
// Temporal server on PostgreSQL (persistence and SQL visibility) with the
// Temporal Web UI beside it, both built from Go modules by
// scripts/build-temporal-server. `vividly cluster` runs it for people, and
// tests run it on free ports with databases of their own.
package cluster

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"time"
)

// Names of the processes (their logs are <Dir>/<name>.log).
const (
	ServerName = "temporal-server"
	UIName     = "temporal-ui"
)

// How long a stopping server may drain before it is killed.
const serverGrace = 30 * time.Second

// startTimeout bounds how long the server may take to answer after start.
const startTimeout = 2 * time.Minute

// Cluster is a running Temporal server and Web UI.
type Cluster struct {
	opts   Options
	server *Process
	ui     *Process
}

// Start sets up the databases and config, starts the server, waits until it
// serves, makes sure the namespace and search attributes exist, and starts
// the Web UI. A Cluster that is not detached must be stopped by the caller
// (or dies with this process).
func Start(ctx context.Context, o Options) (*Cluster, error) {
	if err := o.defaults(); err != nil {
		return nil, err
	}
	for _, bin := range []struct{ path, what string }{{o.Server, "server"}, {o.SQLTool, "SQL tool"}, {o.UI, "Web UI"}} {
		if bin.path == "" {
			return nil, fmt.Errorf("cluster: no path given for the Temporal %s binary", bin.what)
		}
		if _, err := os.Stat(bin.path); err != nil {
			return nil, fmt.Errorf("cluster: Temporal %s not found at %s (build it with scripts/build-temporal-server)", bin.what, bin.path)
		}
	}
	if err := portsFree(o.Ports); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(o.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("cluster: %w", err)
	}
	if err := setupDatabases(ctx, o); err != nil {
		return nil, err
	}
	if err := writeConfig(o); err != nil {
		return nil, err
	}
	c := &Cluster{opts: o}
	if err := c.startServer(ctx); err != nil {
		return nil, err
	}
	if err := ensureNamespace(ctx, o); err != nil {
		c.Stop()
		return nil, err
	}
	if err := c.startUI(ctx); err != nil {
		c.Stop()
		return nil, err
	}
	return c, nil
}

// Options returns the options the cluster runs with, defaults filled in.
func (c *Cluster) Options() Options { return c.opts }

// Address is the frontend's gRPC address.
func (c *Cluster) Address() string { return c.opts.Address() }

// UIURL is where the Web UI is served.
func (c *Cluster) UIURL() string { return c.opts.UIURL() }

func (c *Cluster) spec(name, path string, args []string) Spec {
	return Spec{Name: name, Path: path, Args: args, Dir: c.opts.Dir, Detached: c.opts.Detached}
}

// startServer starts the server process and waits until its frontend serves.
func (c *Cluster) startServer(ctx context.Context) error {
	p, err := StartProcess(c.spec(ServerName, c.opts.Server, serverArgs(c.opts)))
	if err != nil {
		return fmt.Errorf("cluster: %w", err)
	}
	c.server = p
	if err := waitServing(ctx, c.opts, p); err != nil {
		p.Kill()
		return fmt.Errorf("cluster: %w; see %s", err, LogPath(c.opts.Dir, ServerName))
	}
	return nil
}

func (c *Cluster) startUI(ctx context.Context) error {
	p, err := StartProcess(c.spec(UIName, c.opts.UI, uiArgs(c.opts)))
	if err != nil {
		return fmt.Errorf("cluster: %w", err)
	}
	c.ui = p
	hc := &http.Client{Timeout: 2 * time.Second}
	err = waitFor(ctx, time.Minute, p, func() bool {
		resp, err := hc.Get(c.opts.UIURL())
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode < 500
	})
	if err != nil {
		p.Kill()
		return fmt.Errorf("cluster: Web UI at %s: %w; see %s", c.opts.UIURL(), err, LogPath(c.opts.Dir, UIName))
	}
	return nil
}

// Stop ends the Web UI and then the server, letting the server shut down
// cleanly.
func (c *Cluster) Stop() {
	c.ui.Stop(5 * time.Second)
	c.ui = nil
	c.server.Stop(serverGrace)
	c.server = nil
}

// Kill ends the server at once, as a crash would; the Web UI stays up.
// Restart brings the server back on the same databases.
func (c *Cluster) Kill() {
	c.server.Kill()
	c.server = nil
}

// Restart stops the server cleanly if it runs, starts it again on the same
// databases and config, and waits until it serves the namespace again.
func (c *Cluster) Restart(ctx context.Context) error {
	if c.server != nil {
		c.server.Stop(serverGrace)
		c.server = nil
	}
	if err := c.startServer(ctx); err != nil {
		return err
	}
	return ensureNamespace(ctx, c.opts)
}

// waitServing waits until the cluster's frontend answers a health check.
func waitServing(ctx context.Context, o Options, p *Process) error {
	return waitFor(ctx, startTimeout, p, func() bool { return reachable(ctx, o) })
}

// waitFor polls ready until it holds, p exits, or timeout passes.
func waitFor(ctx context.Context, timeout time.Duration, p *Process, ready func() bool) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	for !ready() {
		select {
		case <-p.Exited():
			return errors.New("exited during start-up")
		case <-ctx.Done():
			return fmt.Errorf("not ready after %s", timeout)
		case <-time.After(250 * time.Millisecond):
		}
	}
	return nil
}

// portsFree fails, naming the port, when something already listens on one
// of the cluster's ports: most likely a dev server or another cluster.
func portsFree(p Ports) error {
	for name, port := range p.list() {
		l, err := net.Listen("tcp", addr(ip, port))
		if err != nil {
			return fmt.Errorf("cluster: port %d (%s) is taken; is a dev server (`vividly stop`) or another cluster (`vividly cluster down`) running? %w", port, name, err)
		}
		l.Close()
	}
	return nil
}

// Running is a detached cluster's process as recorded in dir.
func Running(dir string) ([]Recorded, error) {
	var out []Recorded
	for _, name := range []string{ServerName, UIName} {
		r, ok, err := Lookup(dir, name)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, r)
		}
	}
	return out, nil
}

// StopDetached ends a detached cluster recorded in dir: the Web UI, then the
// server. It reports the names of the processes that were running.
func StopDetached(dir string) ([]string, error) {
	var stopped []string
	for _, p := range []struct {
		name  string
		grace time.Duration
	}{{UIName, 5 * time.Second}, {ServerName, serverGrace}} {
		was, err := StopRecorded(dir, p.name, p.grace)
		if err != nil {
			return stopped, err
		}
		if was {
			stopped = append(stopped, p.name)
		}
	}
	return stopped, nil
}
