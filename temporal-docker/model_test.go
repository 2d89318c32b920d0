package temporaldocker_test

// compose.yaml read into a normalised form: the compose specification allows
// several spellings of most keys (lists or maps, strings or numbers, short or
// long syntax), and the checks want one.

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

const composeFileName = "compose.yaml"

type composeFile struct {
	dir      string // absolute directory of compose.yaml
	topKeys  []string
	services map[string]*service
	volumes  map[string]bool // declared at the top level
}

type service struct {
	name string
	keys []string

	image string
	build *buildSpec

	entrypoint, command       []string
	hasEntrypoint, hasCommand bool

	env map[string]string // a variable listed without a value maps to ""

	ports      []portMapping
	expose     []int
	dependsOn  map[string]string // service -> condition
	health     []string          // healthcheck test; nil when there is none
	volumes    []mount
	restart    string
	stopGrace  time.Duration // stop_grace_period; 0 when unset (Docker's default is 10s)
	problemsAt []string      // what could not be read
}

type buildSpec struct{ context, dockerfile, target string }

type portMapping struct {
	raw       string
	hostIP    string
	published string // "" when only the container port is given
	container int
	protocol  string
}

type mount struct {
	raw, kind, source, target string // kind: volume or bind
}

func (s *service) problem(format string, args ...any) {
	s.problemsAt = append(s.problemsAt, fmt.Sprintf(format, args...))
}

// loadCompose reads compose.yaml; unreadable parts fail the test.
func loadCompose(t *testing.T) *composeFile {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, composeFileName))
	if err != nil {
		t.Fatalf("%s: %v", composeFileName, err)
	}
	var top map[string]any
	if err := yaml.Unmarshal(data, &top); err != nil {
		t.Fatalf("%s is not valid YAML: %v", composeFileName, err)
	}
	c := &composeFile{dir: dir, services: map[string]*service{}, volumes: map[string]bool{}}
	for k := range top {
		c.topKeys = append(c.topKeys, k)
	}
	sort.Strings(c.topKeys)
	services, ok := top["services"].(map[string]any)
	if !ok || len(services) == 0 {
		t.Fatalf("%s: no services", composeFileName)
	}
	if vols, ok := top["volumes"].(map[string]any); ok {
		for name := range vols {
			c.volumes[name] = true
		}
	}
	var problems []string
	for name, raw := range services {
		m, ok := raw.(map[string]any)
		if !ok {
			problems = append(problems, fmt.Sprintf("service %s is not a mapping", name))
			continue
		}
		s := parseService(name, m)
		c.services[name] = s
		for _, p := range s.problemsAt {
			problems = append(problems, fmt.Sprintf("service %s: %s", name, p))
		}
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		t.Fatalf("%s cannot be read:\n  %s", composeFileName, strings.Join(problems, "\n  "))
	}
	return c
}

func (c *composeFile) names() []string { return sortedKeys(c.services) }

func parseService(name string, m map[string]any) *service {
	s := &service{name: name, env: map[string]string{}, dependsOn: map[string]string{}}
	for k := range m {
		s.keys = append(s.keys, k)
	}
	sort.Strings(s.keys)
	if v, ok := m["image"]; ok {
		s.image = scalar(v)
	}
	if v, ok := m["restart"]; ok {
		s.restart = scalar(v)
	}
	if v, ok := m["stop_grace_period"]; ok {
		d, err := time.ParseDuration(scalar(v))
		if err != nil {
			s.problem("stop_grace_period %q: %v", scalar(v), err)
		}
		s.stopGrace = d
	}
	switch b := m["build"].(type) {
	case nil:
	case string:
		s.build = &buildSpec{context: b, dockerfile: "Dockerfile"}
	case map[string]any:
		s.build = &buildSpec{context: scalar(b["context"]), dockerfile: scalar(b["dockerfile"]), target: scalar(b["target"])}
		if s.build.context == "" {
			s.build.context = "."
		}
		if s.build.dockerfile == "" {
			s.build.dockerfile = "Dockerfile"
		}
	default:
		s.problem("build is neither a path nor a mapping")
	}
	if v, ok := m["entrypoint"]; ok {
		s.entrypoint, s.hasEntrypoint = commandWords(v), true
	}
	if v, ok := m["command"]; ok {
		s.command, s.hasCommand = commandWords(v), true
	}
	switch e := m["environment"].(type) {
	case nil:
	case map[string]any:
		for k, v := range e {
			s.env[k] = scalar(v)
		}
	case []any:
		for _, item := range e {
			k, v, _ := strings.Cut(scalar(item), "=")
			s.env[k] = v
		}
	default:
		s.problem("environment is neither a list nor a mapping")
	}
	if ps, ok := m["ports"].([]any); ok {
		for _, p := range ps {
			pm, err := parsePort(p)
			if err != nil {
				s.problem("ports: %v", err)
				continue
			}
			s.ports = append(s.ports, pm)
		}
	} else if m["ports"] != nil {
		s.problem("ports is not a list")
	}
	if es, ok := m["expose"].([]any); ok {
		for _, e := range es {
			port, _, _ := strings.Cut(scalar(e), "/")
			n, err := strconv.Atoi(port)
			if err != nil {
				s.problem("expose: %q is not a port", scalar(e))
				continue
			}
			s.expose = append(s.expose, n)
		}
	} else if m["expose"] != nil {
		s.problem("expose is not a list")
	}
	switch d := m["depends_on"].(type) {
	case nil:
	case []any:
		for _, item := range d {
			s.dependsOn[scalar(item)] = "service_started"
		}
	case map[string]any:
		for dep, v := range d {
			cond := "service_started"
			if vm, ok := v.(map[string]any); ok && vm["condition"] != nil {
				cond = scalar(vm["condition"])
			}
			s.dependsOn[dep] = cond
		}
	default:
		s.problem("depends_on is neither a list nor a mapping")
	}
	if hc, ok := m["healthcheck"].(map[string]any); ok {
		if disabled, _ := hc["disable"].(bool); disabled {
			s.health = []string{"NONE"}
		} else {
			switch test := hc["test"].(type) {
			case string:
				s.health = []string{"CMD-SHELL", test}
			case []any:
				for _, w := range test {
					s.health = append(s.health, scalar(w))
				}
			}
		}
	}
	if vs, ok := m["volumes"].([]any); ok {
		for _, v := range vs {
			mt, err := parseMount(v)
			if err != nil {
				s.problem("volumes: %v", err)
				continue
			}
			s.volumes = append(s.volumes, mt)
		}
	}
	return s
}

func scalar(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	default:
		return fmt.Sprint(v)
	}
}

// commandWords reads entrypoint/command: a list as is, a string split like a shell.
func commandWords(v any) []string {
	switch v := v.(type) {
	case string:
		return shellWords(v)
	case []any:
		out := make([]string, 0, len(v))
		for _, w := range v {
			out = append(out, scalar(w))
		}
		return out
	}
	return nil
}

// parsePort reads "[[ip:]published:]container[/proto]" or the long syntax.
func parsePort(v any) (portMapping, error) {
	if m, ok := v.(map[string]any); ok {
		pm := portMapping{raw: fmt.Sprint(m), hostIP: scalar(m["host_ip"]), published: scalar(m["published"]), protocol: scalar(m["protocol"])}
		n, err := strconv.Atoi(scalar(m["target"]))
		if err != nil {
			return pm, fmt.Errorf("%v: target %q is not a port", m, scalar(m["target"]))
		}
		pm.container = n
		if pm.protocol == "" {
			pm.protocol = "tcp"
		}
		return pm, nil
	}
	raw := scalar(v)
	pm := portMapping{raw: raw, protocol: "tcp"}
	spec := raw
	if s, proto, ok := strings.Cut(raw, "/"); ok {
		spec, pm.protocol = s, proto
	}
	parts := strings.Split(spec, ":")
	switch len(parts) {
	case 1:
	case 2:
		pm.published = parts[0]
	case 3:
		pm.hostIP, pm.published = parts[0], parts[1]
	default:
		return pm, fmt.Errorf("%q: cannot read (IPv6 host addresses are not supported by this test)", raw)
	}
	n, err := strconv.Atoi(parts[len(parts)-1])
	if err != nil {
		return pm, fmt.Errorf("%q: container port %q is not a single port", raw, parts[len(parts)-1])
	}
	pm.container = n
	if pm.published != "" {
		if _, err := strconv.Atoi(pm.published); err != nil {
			return pm, fmt.Errorf("%q: published port %q is not a single port", raw, pm.published)
		}
	}
	return pm, nil
}

// parseMount reads "source:target[:mode]", "target" or the long syntax.
func parseMount(v any) (mount, error) {
	if m, ok := v.(map[string]any); ok {
		mt := mount{raw: fmt.Sprint(m), kind: scalar(m["type"]), source: scalar(m["source"]), target: scalar(m["target"])}
		if mt.target == "" {
			return mt, fmt.Errorf("%v: no target", m)
		}
		return mt, nil
	}
	raw := scalar(v)
	parts := strings.Split(raw, ":")
	mt := mount{raw: raw}
	switch len(parts) {
	case 1:
		mt.kind, mt.target = "volume", parts[0] // anonymous volume
	case 2, 3:
		mt.source, mt.target = parts[0], parts[1]
		mt.kind = "volume"
		if strings.HasPrefix(mt.source, ".") || strings.HasPrefix(mt.source, "/") || strings.HasPrefix(mt.source, "~") || strings.HasPrefix(mt.source, "$") {
			mt.kind = "bind"
		}
	default:
		return mt, fmt.Errorf("%q: cannot read", raw)
	}
	return mt, nil
}

// containerPorts are the ports a service declares it listens on (ports, expose).
func (s *service) containerPorts() []int {
	var out []int
	for _, p := range s.ports {
		out = append(out, p.container)
	}
	out = append(out, s.expose...)
	return out
}

func (s *service) listens(port int) bool {
	for _, p := range s.containerPorts() {
		if p == port {
			return true
		}
	}
	return false
}

// composeServiceKeys are the service keys of the compose specification.
var composeServiceKeys = strings.Fields(`annotations attach blkio_config build cap_add cap_drop cgroup
	cgroup_parent command configs container_name cpu_count cpu_percent cpu_period cpu_quota
	cpu_rt_period cpu_rt_runtime cpu_shares cpus cpuset credential_spec depends_on deploy develop
	device_cgroup_rules devices dns dns_opt dns_search domainname driver_opts entrypoint env_file
	environment expose extends external_links extra_hosts gpus group_add healthcheck hostname image
	init ipc isolation label_file labels links logging mac_address mem_limit mem_reservation
	mem_swappiness memswap_limit models network_mode networks oom_kill_disable oom_score_adj pid
	pids_limit platform ports post_start pre_stop privileged profiles provider pull_policy read_only
	restart runtime scale secrets security_opt shm_size stdin_open stop_grace_period stop_signal
	storage_opt sysctls tmpfs tty ulimits use_api_socket user userns_mode uts volumes volumes_from
	working_dir`)

var composeTopKeys = strings.Fields(`name services networks volumes configs secrets include models version`)
