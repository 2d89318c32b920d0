package pubsub

import (
	"context"
	"fmt"
	"os"

	ps "cloud.google.com/go/pubsub/v2"
	"google.golang.org/api/option"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

// DefaultProject is the project used against an emulator when none is set;
// an emulator accepts any project id.
const DefaultProject = "vividly-dev"

// DefaultEmulatorAddr is the official emulator's usual address, where `dev`
// runs the in-process server too.
const DefaultEmulatorAddr = "127.0.0.1:8085"

// EmulatorHostEnv is the standard variable that points clients at an emulator.
const EmulatorHostEnv = "PUBSUB_EMULATOR_HOST"

// Options say which Pub/Sub to reach.
type Options struct {
	// Project is the Google Cloud project; empty means PUBSUB_PROJECT_ID, then
	// GOOGLE_CLOUD_PROJECT, then DefaultProject against an emulator or the
	// project of the application default credentials.
	Project string
	// EmulatorHost, when set, is an emulator's host:port and wins over
	// PUBSUB_EMULATOR_HOST. Empty means the environment decides: the emulator
	// in PUBSUB_EMULATOR_HOST, else real Pub/Sub with application default credentials.
	EmulatorHost string
}

// Emulated reports whether o reaches an emulator (or the in-process server)
// rather than real Pub/Sub.
func (o Options) Emulated() bool { return o.emulatorHost() != "" }

func (o Options) emulatorHost() string {
	if o.EmulatorHost != "" {
		return o.EmulatorHost
	}
	return os.Getenv(EmulatorHostEnv)
}

// ProjectID is the project o resolves to; it is ps.DetectProjectID when only
// the credentials can tell.
func (o Options) ProjectID() string {
	for _, p := range []string{o.Project, os.Getenv("PUBSUB_PROJECT_ID"), os.Getenv("GOOGLE_CLOUD_PROJECT")} {
		if p != "" {
			return p
		}
	}
	if o.Emulated() {
		return DefaultProject
	}
	return ps.DetectProjectID
}

// Connect makes a client. Against an emulator it connects without TLS or
// credentials; otherwise it uses application default credentials.
func Connect(ctx context.Context, o Options) (*ps.Client, error) {
	var opts []option.ClientOption
	if o.EmulatorHost != "" {
		// The library reads PUBSUB_EMULATOR_HOST by itself; an explicit host
		// needs the same settings spelled out (they come after, so they win).
		opts = append(opts,
			option.WithEndpoint(o.EmulatorHost),
			option.WithGRPCDialOption(grpc.WithTransportCredentials(insecure.NewCredentials())),
			option.WithoutAuthentication(),
			option.WithTelemetryDisabled(),
		)
	}
	c, err := ps.NewClient(ctx, o.ProjectID(), opts...)
	if err != nil {
		where := "Pub/Sub"
		if h := o.emulatorHost(); h != "" {
			where = "the Pub/Sub emulator at " + h
		}
		return nil, fmt.Errorf("connect to %s: %w", where, err)
	}
	return c, nil
}
