package cluster

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"text/template"
)

// dynamicConfig is shared with the compose cluster, which mounts the same file.
//
//go:embed dynamicconfig/development-sql.yaml
var dynamicConfig []byte

//go:embed server.yaml.tmpl
var serverTemplate string

var serverConfig = template.Must(template.New("server").Funcs(template.FuncMap{
	"q":    quote,
	"addr": addr,
}).Parse(serverTemplate))

// quote writes s as a YAML scalar that stays a string whatever it holds: a
// JSON string is valid YAML.
func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// Where the generated files go inside Options.Dir. The server reads
// <configDir>/<configEnv>.yaml, the Web UI <uiConfigDir>/<configEnv>.yaml.
const (
	configDir   = "config"
	uiConfigDir = "ui-config"
	configEnv   = "vividly"
	dynamicFile = "dynamicconfig.yaml"
)

// writeConfig writes the server's and the Web UI's config files into o.Dir.
func writeConfig(o Options) error {
	pg, err := o.postgres()
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	err = serverConfig.Execute(&buf, map[string]any{
		"LogLevel": o.LogLevel, "HistoryShards": o.HistoryShards,
		"Database": o.Database, "VisibilityDatabase": o.VisibilityDatabase,
		"DBAddr": net.JoinHostPort(pg.host, pg.port), "DBUser": pg.user, "DBPassword": pg.password,
		"IP": ip, "Ports": o.Ports,
		"DynamicConfigFile": filepath.Join(o.Dir, dynamicFile),
		"TLS":               tlsFiles(o.TLS),
	})
	if err != nil {
		return fmt.Errorf("cluster: server config: %w", err)
	}
	uiConfig := map[string]any{ // JSON is YAML too
		"temporalGrpcAddress": o.Address(),
		"host":                ip,
		"port":                o.Ports.UI,
		"enableUi":            true,
		"defaultNamespace":    o.Namespace,
		"refreshInterval":     "1m",
		"cors":                map[string]any{"cookieInsecure": true},
		"hideLogs":            true,
	}
	if o.UICodecEndpoint != "" {
		uiConfig["codec"] = map[string]any{"endpoint": o.UICodecEndpoint}
	}
	if t := tlsFiles(o.TLS); t != nil {
		uiConfig["tls"] = map[string]any{"caFile": t.CA, "certFile": t.ClientCert, "keyFile": t.ClientKey,
			"serverName": t.ServerName, "enableHostVerification": true}
	}
	ui, err := json.Marshal(uiConfig)
	if err != nil {
		return err
	}
	files := map[string][]byte{
		filepath.Join(configDir, configEnv+".yaml"): buf.Bytes(),
		dynamicFile: dynamicConfig,
		filepath.Join(uiConfigDir, configEnv+".yaml"): ui,
	}
	for name, data := range files {
		path := filepath.Join(o.Dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return fmt.Errorf("cluster: %w", err)
		}
		// The server config holds the database password.
		if err := os.WriteFile(path, data, 0o600); err != nil {
			return fmt.Errorf("cluster: %w", err)
		}
	}
	return nil
}

// serverArgs run the server on the config writeConfig wrote.
func serverArgs(o Options) []string {
	return []string{"--root", o.Dir, "--config", configDir, "--env", configEnv, "--allow-no-auth", "start"}
}

// uiArgs run the Web UI on its config.
func uiArgs(o Options) []string {
	return []string{"--root", o.Dir, "--config", uiConfigDir, "--env", configEnv, "start"}
}

// tlsFiles is the TLS config with every file absolute and the server name
// set, as the server and the Web UI read it; nil without TLS.
func tlsFiles(t *TLS) *TLS {
	if t == nil {
		return nil
	}
	abs := func(p string) string {
		if a, err := filepath.Abs(p); err == nil {
			return a
		}
		return p
	}
	return &TLS{CA: abs(t.CA), Cert: abs(t.Cert), Key: abs(t.Key), ClientCert: abs(t.ClientCert),
		ClientKey: abs(t.ClientKey), ServerName: t.serverName()}
}
