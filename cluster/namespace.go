package cluster

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/vividly-edu/vividly/devserver"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/log"
	"google.golang.org/protobuf/types/known/durationpb"
)

// setupTimeout bounds the namespace and search attribute set-up: a server
// that just started can refuse work for a while ("Not enough hosts").
const setupTimeout = time.Minute

// reachable reports whether the cluster's frontend answers a health check.
func reachable(ctx context.Context, o Options) bool {
	opts, err := o.ClientOptions()
	return err == nil && devserver.ReachableWith(ctx, opts)
}

// ensureNamespace creates the namespace when missing and registers the
// search attributes it lacks. With SQL visibility, custom search attributes
// belong to one namespace (each is mapped onto one of the visibility
// table's fixed columns), so they are added only after the namespace exists.
func ensureNamespace(ctx context.Context, o Options) error {
	ctx, cancel := context.WithTimeout(ctx, setupTimeout)
	defer cancel()
	opts, err := o.ClientOptions()
	if err != nil {
		return err
	}
	opts.Namespace, opts.Logger = o.Namespace, quiet()
	c, err := client.DialContext(ctx, opts)
	if err != nil {
		return fmt.Errorf("cluster: connect to %s: %w", o.Address(), err)
	}
	defer c.Close()
	return retry(ctx, func() error {
		if err := registerNamespace(ctx, c, o); err != nil {
			return err
		}
		return devserver.EnsureSearchAttributes(ctx, c, o.Namespace, o.SearchAttributes)
	})
}

func registerNamespace(ctx context.Context, c client.Client, o Options) error {
	ws := c.WorkflowService()
	_, err := ws.DescribeNamespace(ctx, &workflowservice.DescribeNamespaceRequest{Namespace: o.Namespace})
	var notFound *serviceerror.NamespaceNotFound
	if !errors.As(err, &notFound) {
		return err // nil when it exists
	}
	_, err = ws.RegisterNamespace(ctx, &workflowservice.RegisterNamespaceRequest{
		Namespace:                        o.Namespace,
		WorkflowExecutionRetentionPeriod: durationpb.New(o.Retention),
	})
	var exists *serviceerror.NamespaceAlreadyExists
	if err != nil && !errors.As(err, &exists) {
		return fmt.Errorf("register namespace %s: %w", o.Namespace, err)
	}
	// Registered, but the frontend's namespace cache learns of it on its next
	// refresh: describe it again until it is served.
	_, err = ws.DescribeNamespace(ctx, &workflowservice.DescribeNamespaceRequest{Namespace: o.Namespace})
	return err
}

// retry runs f until it succeeds or ctx ends, and returns its last error.
func retry(ctx context.Context, f func() error) error {
	for {
		err := f()
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("cluster: %w", err)
		case <-time.After(500 * time.Millisecond):
		}
	}
}

// quiet is a logger for a client whose early failures are expected.
func quiet() log.Logger {
	return log.NewStructuredLogger(slog.New(slog.DiscardHandler))
}
