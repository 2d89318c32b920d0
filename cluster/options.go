package cluster

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"go.temporal.io/sdk/client"
)

// Options say where the cluster keeps its state, which PostgreSQL it uses and
// which ports it listens on. The zero value of a field means its default.
type Options struct {
	// Dir holds the generated config, the logs and, when detached, the pid files.
	Dir string
	// PostgresURL is the server Temporal's databases live on; any database in
	// it is ignored. Default DefaultPostgresURL.
	PostgresURL string
	// Database and VisibilityDatabase are created when missing; default
	// "temporal" and "temporal_visibility".
	Database           string
	VisibilityDatabase string
	// Ports of the server and the Web UI; see Ports.
	Ports Ports
	// Namespace is created when missing; default "default".
	Namespace string
	// Retention is how long the namespace keeps closed workflows; default 72h.
	Retention time.Duration
	// SearchAttributes maps names to type names (Keyword, Int, Bool, …); they
	// are registered in the namespace when missing.
	SearchAttributes map[string]string
	// HistoryShards is fixed when the databases are first set up and must
	// never change afterwards; default 4.
	HistoryShards int
	// LogLevel of the server; default "warn".
	LogLevel string
	// The binaries scripts/build-temporal-server builds.
	Server  string // temporal-server
	SQLTool string // temporal-sql-tool
	UI      string // temporal-ui-server
	// Detached leaves the processes running when this one exits, each recorded
	// in a pid file so StopDetached ends them; otherwise they die with it.
	Detached bool
	// TLS, when set, makes the frontend speak mutual TLS only.
	TLS *TLS
	// UICodecEndpoint is the codec server the Web UI decodes payloads with.
	UICodecEndpoint string
}

// TLS is the frontend's mutual TLS: PEM files of the CA that signs every
// certificate, the server's certificate and key, and a client certificate
// and key for the cluster's own clients (its system worker, the Web UI and
// the set-up). Clients must present a certificate the CA signed.
type TLS struct {
	CA, Cert, Key         string
	ClientCert, ClientKey string
	// ServerName is the name clients check the server's certificate for;
	// default "localhost".
	ServerName string
}

func (t *TLS) serverName() string {
	if t.ServerName == "" {
		return "localhost"
	}
	return t.ServerName
}

// ClientOptions reach the cluster's frontend as its own clients do: over
// TLS with the client certificate when TLS is set.
func (o Options) ClientOptions() (client.Options, error) {
	opts := client.Options{HostPort: o.Address()}
	if o.TLS == nil {
		return opts, nil
	}
	cfg, err := ClientTLS(o.TLS.CA, o.TLS.ClientCert, o.TLS.ClientKey, o.TLS.serverName())
	if err != nil {
		return opts, err
	}
	opts.ConnectionOptions.TLS = cfg
	return opts, nil
}

// ClientTLS is a client's TLS configuration: the server is checked against
// the CA in caFile under serverName, and the client shows the certificate in
// certFile with its key (both empty: no client certificate).
func ClientTLS(caFile, certFile, keyFile, serverName string) (*tls.Config, error) {
	cfg := &tls.Config{ServerName: serverName, MinVersion: tls.VersionTLS12}
	if caFile != "" {
		pem, err := os.ReadFile(caFile)
		if err != nil {
			return nil, fmt.Errorf("tls: server CA: %w", err)
		}
		cfg.RootCAs = x509.NewCertPool()
		if !cfg.RootCAs.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("tls: server CA %s holds no PEM certificate", caFile)
		}
	}
	if (certFile == "") != (keyFile == "") {
		return nil, errors.New("tls: a client certificate needs its key, and a key its certificate")
	}
	if certFile != "" {
		pair, err := tls.LoadX509KeyPair(certFile, keyFile)
		if err != nil {
			return nil, fmt.Errorf("tls: client certificate: %w", err)
		}
		cfg.Certificates = []tls.Certificate{pair}
	}
	return cfg, nil
}

// Defaults of Options.
const (
	DefaultPostgresURL        = "postgres://postgres@127.0.0.1:5432"
	DefaultDatabase           = "temporal"
	DefaultVisibilityDatabase = "temporal_visibility"
	DefaultNamespace          = "default"
	DefaultFrontendPort       = 7233
	// ip is where every service listens: this machine only.
	ip = "127.0.0.1"
)

// Ports of the server's services and of the Web UI. Left zero, each follows
// from Frontend the way Temporal lays out its own defaults (7233 gRPC,
// 7234 history, 7235 matching, 7239 worker, 7243 frontend HTTP, membership
// 300 below each, Web UI 1000 above the frontend), so with Frontend 7233
// they are Temporal's. Tests that must not collide use FreePorts.
type Ports struct {
	Frontend, FrontendHTTP, FrontendMembership int
	History, HistoryMembership                 int
	Matching, MatchingMembership               int
	Worker, WorkerMembership                   int
	UI                                         int
	// Metrics serves the server's Prometheus metrics when set.
	Metrics int
}

func (p *Ports) defaults() {
	set := func(port *int, v int) {
		if *port == 0 {
			*port = v
		}
	}
	set(&p.Frontend, DefaultFrontendPort)
	f := p.Frontend
	set(&p.History, f+1)
	set(&p.Matching, f+2)
	set(&p.Worker, f+6)
	set(&p.FrontendHTTP, f+10)
	set(&p.FrontendMembership, f-300)
	set(&p.HistoryMembership, p.History-300)
	set(&p.MatchingMembership, p.Matching-300)
	set(&p.WorkerMembership, p.Worker-300)
	set(&p.UI, f+1000)
}

// list names every port the cluster listens on.
func (p Ports) list() map[string]int {
	m := map[string]int{
		"frontend": p.Frontend, "frontend HTTP": p.FrontendHTTP, "frontend membership": p.FrontendMembership,
		"history": p.History, "history membership": p.HistoryMembership,
		"matching": p.Matching, "matching membership": p.MatchingMembership,
		"worker": p.Worker, "worker membership": p.WorkerMembership, "Web UI": p.UI,
	}
	if p.Metrics != 0 {
		m["metrics"] = p.Metrics
	}
	return m
}

// maxMembershipPort: the server records membership ports in a smallint column.
const maxMembershipPort = 32767

// FreePorts picks a free port for each service, so a test cluster runs next
// to anything else on the machine. They are drawn from below Linux's
// ephemeral range (which starts at 32768), both because membership ports
// must fit there and so that no outgoing connection takes one before the
// server binds it.
func FreePorts() (Ports, error) {
	var p Ports
	var held []net.Listener
	defer func() {
		for _, l := range held {
			l.Close()
		}
	}()
	for _, port := range []*int{
		&p.Frontend, &p.FrontendHTTP, &p.FrontendMembership, &p.History, &p.HistoryMembership,
		&p.Matching, &p.MatchingMembership, &p.Worker, &p.WorkerMembership, &p.UI,
	} {
		// Held until all are picked, so no two are the same.
		for tries := 0; ; tries++ {
			candidate := 20000 + rand.IntN(maxMembershipPort-20000)
			l, err := net.Listen("tcp", addr(ip, candidate))
			if err == nil {
				held = append(held, l)
				*port = candidate
				break
			}
			if tries == 100 {
				return Ports{}, fmt.Errorf("cluster: no free port found: %w", err)
			}
		}
	}
	return p, nil
}

func (o *Options) defaults() error {
	if o.Dir == "" {
		return errors.New("cluster: no state directory given")
	}
	dir, err := filepath.Abs(o.Dir)
	if err != nil {
		return fmt.Errorf("cluster: %w", err)
	}
	o.Dir = dir
	if o.PostgresURL == "" {
		o.PostgresURL = DefaultPostgresURL
	}
	if o.Database == "" {
		o.Database = DefaultDatabase
	}
	if o.VisibilityDatabase == "" {
		o.VisibilityDatabase = DefaultVisibilityDatabase
	}
	if o.Namespace == "" {
		o.Namespace = DefaultNamespace
	}
	if o.Retention == 0 {
		o.Retention = 72 * time.Hour
	}
	if o.HistoryShards == 0 {
		o.HistoryShards = 4
	}
	if o.LogLevel == "" {
		o.LogLevel = "warn"
	}
	o.Ports.defaults()
	for _, port := range []int{o.Ports.FrontendMembership, o.Ports.HistoryMembership, o.Ports.MatchingMembership, o.Ports.WorkerMembership} {
		if port <= 0 || port > maxMembershipPort {
			return fmt.Errorf("cluster: membership port %d is out of range: Temporal keeps them in a smallint, so they must be 1–%d (lower the frontend port, or set them)", port, maxMembershipPort)
		}
	}
	return nil
}

// Address is the frontend's gRPC address, what clients dial.
func (o Options) Address() string { return addr(ip, o.Ports.Frontend) }

// UIURL is where the Web UI is served.
func (o Options) UIURL() string { return "http://" + addr("localhost", o.Ports.UI) }

func addr(host string, port int) string { return net.JoinHostPort(host, strconv.Itoa(port)) }

// pgServer is the parsed PostgresURL.
type pgServer struct {
	host, port, user, password string
}

func (o Options) postgres() (pgServer, error) {
	u, err := url.Parse(o.PostgresURL)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") || u.Hostname() == "" {
		return pgServer{}, fmt.Errorf("cluster: PostgreSQL URL %q: want postgres://user[:password]@host[:port]", redact(o.PostgresURL))
	}
	p := pgServer{host: u.Hostname(), port: u.Port(), user: u.User.Username()}
	p.password, _ = u.User.Password()
	if p.port == "" {
		p.port = "5432"
	}
	if p.user == "" {
		p.user = "postgres"
	}
	return p, nil
}

// databaseURL is the URL of database name on the same server.
func (o Options) databaseURL(name string) string {
	u, _ := url.Parse(o.PostgresURL)
	u.Path, u.RawPath = "/"+name, ""
	q := u.Query()
	if q.Get("sslmode") == "" {
		q.Set("sslmode", "disable")
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// redact hides a password in a URL for messages.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted()
}
