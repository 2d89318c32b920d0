package temporaldocker_test

// Static checks of compose.yaml and the Dockerfile it builds, against each other
// and against the code (see source_test.go for what is read from the code).
// There is no Docker engine where these run: nothing is built or started.

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// builtImage is what a service with a build section runs.
type builtImage struct {
	df       *dockerfile
	dfPath   string // relative to the repository root, for messages
	stage    *stage
	chain    []*stage
	env      map[string]string // Dockerfile ENV, then compose environment
	argv     []string          // ENTRYPOINT+CMD after compose's entrypoint/command
	argvNote string            // why argv is unknown
}

// vividly reports whether the service runs the vividly binary, and which subcommand.
func (b *builtImage) vividly(binary string) (string, bool) {
	if b == nil || len(b.argv) == 0 || path.Base(b.argv[0]) != binary {
		return "", false
	}
	if len(b.argv) < 2 {
		return "", true
	}
	return b.argv[1], true
}

// images reads the Dockerfile of every service with a build section.
func images(t *testing.T, c *composeFile) map[string]*builtImage {
	t.Helper()
	out := map[string]*builtImage{}
	for _, name := range c.names() {
		s := c.services[name]
		if s.build == nil {
			continue
		}
		file := filepath.Join(c.dir, s.build.context, s.build.dockerfile)
		shown, _ := filepath.Rel(filepath.Join(c.dir, ".."), file)
		df, err := parseDockerfile(file, filepath.ToSlash(shown))
		if err != nil {
			t.Errorf("service %s: build: %v", name, err)
			continue
		}
		st := df.stage(s.build.target)
		if st == nil {
			t.Errorf("service %s: build target %q is not a stage of %s (stages: %s)", name, s.build.target, shown, stageNames(df))
			continue
		}
		b := &builtImage{df: df, dfPath: df.path, stage: st, chain: df.chain(st), env: map[string]string{}}
		for k, v := range env(b.chain) {
			b.env[k] = v
		}
		for k, v := range s.env {
			b.env[k] = v
		}
		var entry, cmd []string
		if in, ok := last(b.chain, "ENTRYPOINT"); ok {
			if words, ok := execForm(in.args); ok {
				entry = words
			} else {
				b.argvNote = fmt.Sprintf("%s:%d: ENTRYPOINT is in shell form", df.path, in.line)
			}
		}
		if in, ok := last(b.chain, "CMD"); ok {
			if words, ok := execForm(in.args); ok {
				cmd = words
			} else {
				b.argvNote = fmt.Sprintf("%s:%d: CMD is in shell form", df.path, in.line)
			}
		}
		if s.hasEntrypoint {
			entry, cmd, b.argvNote = s.entrypoint, nil, ""
		}
		if s.hasCommand {
			cmd = s.command
		}
		b.argv = append(append([]string{}, entry...), cmd...)
		out[name] = b
	}
	return out
}

func stageNames(df *dockerfile) string {
	var names []string
	for _, s := range df.stages {
		n := s.name
		if n == "" {
			n = strconv.Itoa(s.index)
		}
		names = append(names, n)
	}
	return strings.Join(names, ", ")
}

// ---- the file as a whole -----------------------------------------------------

func TestComposeKeys(t *testing.T) {
	c := loadCompose(t)
	for _, k := range c.topKeys {
		if !contains(composeTopKeys, k) && !strings.HasPrefix(k, "x-") {
			t.Errorf("%s: unknown top-level key %q (compose knows %s)", composeFileName, k, strings.Join(composeTopKeys, ", "))
		}
	}
	for _, name := range c.names() {
		for _, k := range c.services[name].keys {
			if !contains(composeServiceKeys, k) && !strings.HasPrefix(k, "x-") {
				t.Errorf("service %s: unknown key %q (a typo? compose would reject it)", name, k)
			}
		}
	}
}

// Every service has an image with a pinned tag, or a build whose Dockerfile and
// target exist.
func TestComposeImagesAndBuilds(t *testing.T) {
	c := loadCompose(t)
	for _, name := range c.names() {
		s := c.services[name]
		if s.image == "" && s.build == nil {
			t.Errorf("service %s has neither image nor build", name)
			continue
		}
		if s.image != "" && s.build == nil {
			if problem := unpinned(s.image); problem != "" {
				t.Errorf("service %s: image %s %s", name, s.image, problem)
			}
		}
		if s.build != nil {
			ctx := filepath.Join(c.dir, s.build.context)
			if st, err := os.Stat(ctx); err != nil || !st.IsDir() {
				t.Errorf("service %s: build context %s (relative to %s) is not a directory", name, s.build.context, composeFileName)
				continue
			}
			file := filepath.Join(ctx, s.build.dockerfile)
			if _, err := os.Stat(file); err != nil {
				t.Errorf("service %s: Dockerfile %s not found relative to the build context %s", name, s.build.dockerfile, s.build.context)
			}
		}
	}
	imgs := images(t, c)
	seen := map[string]bool{}
	for _, name := range sortedKeys(imgs) {
		img := imgs[name]
		for _, st := range img.df.stages {
			key := fmt.Sprintf("%s:%d", img.dfPath, st.line)
			if seen[key] || st.base == "scratch" {
				continue
			}
			seen[key] = true
			if parent := img.df.stage(st.base); parent != nil && parent.index < st.index {
				continue // FROM an earlier stage
			}
			if problem := unpinned(st.base); problem != "" {
				t.Errorf("%s (service %s): FROM %s %s", key, name, st.base, problem)
			}
		}
	}
}

// unpinned says what is wrong with an image reference's tag, or "".
func unpinned(image string) string {
	if strings.Contains(image, "@sha256:") {
		return ""
	}
	if strings.Contains(image, "${") {
		return "uses interpolation; pin the tag in the file"
	}
	slash := strings.LastIndex(image, "/")
	colon := strings.LastIndex(image, ":")
	if colon < slash+1 {
		return "has no tag (means latest); pin a version"
	}
	switch tag := image[colon+1:]; tag {
	case "latest", "stable", "edge", "main", "master", "nightly":
		return fmt.Sprintf("uses the moving tag %q; pin a version", tag)
	}
	return ""
}

func TestComposeDependsOn(t *testing.T) {
	c := loadCompose(t)
	imgs := images(t, c)
	for _, name := range c.names() {
		s := c.services[name]
		for _, dep := range sortedKeys(s.dependsOn) {
			cond := s.dependsOn[dep]
			target, ok := c.services[dep]
			if !ok {
				t.Errorf("service %s depends_on %s, which is not a service (services: %s)", name, dep, strings.Join(c.names(), ", "))
				continue
			}
			switch cond {
			case "service_started":
			case "service_healthy":
				if !hasHealthcheck(target, imgs[dep]) {
					t.Errorf("service %s waits for %s to be service_healthy, but %s has no healthcheck", name, dep, dep)
				}
			case "service_completed_successfully":
				if target.restart == "always" || target.restart == "unless-stopped" {
					t.Errorf("service %s waits for %s to complete, but %s has restart: %s and never completes", name, dep, dep, target.restart)
				}
			default:
				t.Errorf("service %s depends_on %s with unknown condition %q", name, dep, cond)
			}
		}
	}
	// No cycles.
	state := map[string]int{}
	var visit func(string, []string)
	visit = func(n string, trail []string) {
		switch state[n] {
		case 1:
			t.Errorf("depends_on cycle: %s", strings.Join(append(trail, n), " -> "))
			return
		case 2:
			return
		}
		state[n] = 1
		if s, ok := c.services[n]; ok {
			for _, dep := range sortedKeys(s.dependsOn) {
				visit(dep, append(trail, n))
			}
		}
		state[n] = 2
	}
	for _, n := range c.names() {
		visit(n, nil)
	}
}

func hasHealthcheck(s *service, img *builtImage) bool {
	if len(s.health) > 0 {
		return s.health[0] != "NONE"
	}
	if img != nil {
		in, ok := last(img.chain, "HEALTHCHECK")
		return ok && !strings.EqualFold(strings.TrimSpace(in.args), "NONE")
	}
	return false
}

// Published host ports do not collide, and the workers, which the README
// scales, publish none.
func TestComposePorts(t *testing.T) {
	c := loadCompose(t)
	imgs := images(t, c)
	f := loadFacts(t)
	type binding struct{ service, raw, ip string }
	used := map[string][]binding{} // "port/proto" -> bindings
	for _, name := range c.names() {
		for _, p := range c.services[name].ports {
			if p.published == "" {
				continue
			}
			key := p.published + "/" + p.protocol
			for _, other := range used[key] {
				if other.ip == p.hostIP || wildcard(other.ip) || wildcard(p.hostIP) {
					t.Errorf("host port %s is published twice: by %s (%q) and by %s (%q)", key, other.service, other.raw, name, p.raw)
				}
			}
			used[key] = append(used[key], binding{name, p.raw, p.hostIP})
		}
	}
	for _, name := range sortedKeys(imgs) {
		if sub, ok := imgs[name].vividly(f.binary); ok && sub == "worker" {
			for _, p := range c.services[name].ports {
				if p.published != "" {
					t.Errorf("service %s publishes host port %s (%q): `--scale %s=3` would start three containers on the same host port; use expose", name, p.published, p.raw, name)
				}
			}
		}
	}
}

func wildcard(ip string) bool { return ip == "" || ip == "0.0.0.0" || ip == "::" }

func TestComposeVolumes(t *testing.T) {
	c := loadCompose(t)
	for _, name := range c.names() {
		for _, m := range c.services[name].volumes {
			switch {
			case m.kind == "bind" && (strings.HasPrefix(m.source, ".") || !filepath.IsAbs(m.source)) && !strings.HasPrefix(m.source, "~") && !strings.HasPrefix(m.source, "$"):
				if _, err := os.Stat(filepath.Join(c.dir, m.source)); err != nil {
					t.Errorf("service %s mounts %s, which does not exist relative to %s", name, m.source, composeFileName)
				}
			case m.kind == "volume" && m.source != "" && !c.volumes[m.source]:
				t.Errorf("service %s mounts the volume %s, which the top-level volumes section does not declare", name, m.source)
			}
		}
	}
}

// ---- addresses -----------------------------------------------------------------

// The hosts in the address variables are services of this file, listening on
// the port named, and the service using one waits for it.
func TestComposeAddresses(t *testing.T) {
	c := loadCompose(t)
	f := loadFacts(t)
	imgs := images(t, c)
	hostPortVars := append(append([]string{}, f.flagEnv["temporal-address"]...), f.flagEnv["pubsub-emulator"]...)
	for _, name := range c.names() {
		s := c.services[name]
		vars := s.env
		if img := imgs[name]; img != nil {
			vars = img.env
		}
		for _, v := range sortedKeys(vars) {
			value := vars[v]
			switch {
			case contains(hostPortVars, v):
				host, port, err := net.SplitHostPort(value)
				if err != nil {
					t.Errorf("service %s: %s=%q is not host:port: %v", name, v, value, err)
					continue
				}
				checkTarget(t, c, name, v, value, host, port)
			case contains(f.flagEnv["database-url"], v):
				u, err := url.Parse(value)
				if err != nil || u.Host == "" {
					t.Errorf("service %s: %s=%q is not a postgres:// URL", name, v, value)
					continue
				}
				port := u.Port()
				if port == "" {
					port = "5432"
				}
				if target := checkTarget(t, c, name, v, value, u.Hostname(), port); target != nil {
					wantUser := target.env["POSTGRES_USER"]
					if wantUser == "" {
						wantUser = "postgres"
					}
					if got := u.User.Username(); got != wantUser {
						t.Errorf("service %s: %s logs in as %q, but service %s's POSTGRES_USER is %q", name, v, got, target.name, wantUser)
					}
					if pw, _ := u.User.Password(); target.env["POSTGRES_PASSWORD"] != "" && pw != target.env["POSTGRES_PASSWORD"] {
						t.Errorf("service %s: the password in %s is not service %s's POSTGRES_PASSWORD", name, v, target.name)
					}
				}
			case v == "POSTGRES_SEEDS": // the Temporal server's database
				port := vars["DB_PORT"]
				if port == "" {
					port = "5432"
				}
				for _, host := range strings.Split(value, ",") {
					checkTarget(t, c, name, v, value, strings.TrimSpace(host), port)
				}
			}
		}
		// An emulator started with --host-port listens where its port says.
		for _, w := range append(append([]string{}, s.entrypoint...), s.command...) {
			if hp, ok := strings.CutPrefix(w, "--host-port="); ok {
				host, port, err := net.SplitHostPort(hp)
				n, _ := strconv.Atoi(port)
				switch {
				case err != nil:
					t.Errorf("service %s: %s is not host:port", name, w)
				case host != "0.0.0.0" && host != "" && host != "::":
					t.Errorf("service %s: %s listens on %s only; other containers cannot reach it (use 0.0.0.0)", name, w, host)
				case !s.listens(n):
					t.Errorf("service %s listens on port %s (%s) but declares it in neither ports nor expose (declared: %v)", name, port, w, s.containerPorts())
				}
			}
		}
		// The Temporal server binds to loopback unless told otherwise.
		if strings.HasPrefix(s.image, "temporalio/server:") && s.env["BIND_ON_IP"] != "0.0.0.0" {
			t.Errorf("service %s: temporalio/server binds 127.0.0.1 unless BIND_ON_IP=0.0.0.0; nothing else could reach it", name)
		}
	}
}

// checkTarget checks one address; it returns the service it names.
func checkTarget(t *testing.T, c *composeFile, from, variable, value, host, port string) *service {
	t.Helper()
	target, ok := c.services[host]
	if !ok {
		t.Errorf("service %s: %s=%s names host %q, which is not a service of %s (services: %s)", from, variable, value, host, composeFileName, strings.Join(c.names(), ", "))
		return nil
	}
	n, err := strconv.Atoi(port)
	if err != nil {
		t.Errorf("service %s: %s=%s: port %q is not a number", from, variable, value, port)
		return target
	}
	if !target.listens(n) {
		t.Errorf("service %s: %s=%s names port %d, but service %s declares no such container port in ports or expose (declared: %v)", from, variable, value, n, host, target.containerPorts())
	}
	if host != from {
		if _, waits := c.services[from].dependsOn[host]; !waits {
			t.Errorf("service %s uses %s (%s=%s) but does not list it in depends_on", from, host, variable, value)
		}
	}
	return target
}

// ---- the vividly services ------------------------------------------------------

// needs says which connections each subcommand makes at start, by the flag
// whose environment variable must then point at a service of this file: the
// code's defaults are loopback addresses, which in a container are the
// container itself.
var needs = map[string][]string{
	"worker":            {"temporal-address", "database-url"},
	"starter":           {"temporal-address", "database-url", "pubsub-emulator"},
	"search-attributes": {"temporal-address"},
}

// longRunning subcommands serve /health/ready and get a healthcheck.
var longRunning = map[string]bool{"worker": true, "starter": true}

// Every variable the vividly services set is one the code reads, and the ones
// they need are set.
func TestVividlyEnvironment(t *testing.T) {
	c := loadCompose(t)
	f := loadFacts(t)
	imgs := images(t, c)
	unresolvedNote := ""
	if len(f.unresolved) > 0 {
		unresolvedNote = fmt.Sprintf(" (reads this test could not name: %s)", strings.Join(f.unresolved, "; "))
	}
	namespaces := map[string][]string{}
	addresses := map[string][]string{}
	for _, name := range sortedKeys(imgs) {
		img := imgs[name]
		sub, ok := img.vividly(f.binary)
		if !ok {
			continue
		}
		s := c.services[name]
		for _, v := range sortedKeys(s.env) {
			if _, read := f.envReads[v]; !read {
				t.Errorf("service %s sets %s, which %s never reads (it reads: %s)%s", name, v, f.binary, strings.Join(sortedKeys(f.envReads), ", "), unresolvedNote)
			}
		}
		for _, v := range sortedKeys(env(img.chain)) {
			if _, read := f.envReads[v]; strings.HasPrefix(v, "VIVIDLY_") && !read {
				t.Errorf("%s: stage %s sets ENV %s, which %s never reads%s", img.dfPath, img.stage.name, v, f.binary, unresolvedNote)
			}
		}
		for _, flag := range needs[sub] {
			set := false
			for _, v := range f.flagEnv[flag] {
				if img.env[v] != "" {
					set = true
				}
			}
			if !set {
				t.Errorf("service %s runs `%s %s` but sets none of %s (flag --%s), so it would use the loopback default", name, f.binary, sub, strings.Join(f.flagEnv[flag], "/"), flag)
			}
		}
		ns := "default"
		for _, v := range f.flagEnv["namespace"] {
			if img.env[v] != "" {
				ns = img.env[v]
			}
		}
		namespaces[ns] = append(namespaces[ns], name)
		for _, v := range f.flagEnv["temporal-address"] {
			if a := img.env[v]; a != "" {
				addresses[a] = append(addresses[a], name)
			}
		}
	}
	if len(namespaces) > 1 {
		t.Errorf("the vividly services use different Temporal namespaces: %v; search attributes registered in one are not in the others", namespaces)
	}
	if len(addresses) > 1 {
		t.Errorf("the vividly services reach different Temporal servers: %v", addresses)
	}
	// Whatever namespace they use, some service creates it.
	for ns := range namespaces {
		if !createsNamespace(c, ns) {
			t.Errorf("the vividly services use the Temporal namespace %q, but no service runs `temporal operator namespace create --namespace %s` (temporalio/server creates none)", ns, ns)
		}
	}
}

var namespaceCreate = regexp.MustCompile(`namespace\s+create\b[^\n|&;]*?(?:--namespace|-n)[ =]+["']?([A-Za-z0-9_.-]+)`)

func createsNamespace(c *composeFile, ns string) bool {
	for _, name := range c.names() {
		s := c.services[name]
		script := strings.Join(append(append([]string{}, s.entrypoint...), s.command...), " ")
		for _, m := range namespaceCreate.FindAllStringSubmatch(script, -1) {
			if m[1] == ns {
				return true
			}
		}
	}
	return false
}

// The vividly images: built from ./cmd/vividly by a golang stage on go.mod's Go
// version, CGO off, run as a real subcommand by a non-root user; the worker has
// ffmpeg and espeak-ng; the long-running ones answer a healthcheck on
// /health/ready at their --http-addr.
func TestVividlyImages(t *testing.T) {
	c := loadCompose(t)
	f := loadFacts(t)
	imgs := images(t, c)
	running := map[string][]string{} // subcommand -> services
	// Several services share one Dockerfile; say each problem once.
	said := map[string]bool{}
	report := func(format string, args ...any) {
		t.Helper()
		if msg := fmt.Sprintf(format, args...); !said[msg] {
			said[msg] = true
			t.Error(msg)
		}
	}
	for _, name := range sortedKeys(imgs) {
		img := imgs[name]
		if img.argvNote != "" {
			t.Errorf("service %s: %s; use the exec form [\"%s\", \"…\"] so the binary is PID 1 and gets SIGTERM for a graceful stop", name, img.argvNote, f.binary)
			continue
		}
		sub, ok := img.vividly(f.binary)
		if !ok {
			t.Errorf("service %s is built from %s but runs %q, not %s", name, img.dfPath, img.argv, f.binary)
			continue
		}
		if _, real := f.subcommands[sub]; !real {
			t.Errorf("service %s runs `%s`, but %q is not a subcommand of %s (%s has: %s)", name, strings.Join(img.argv, " "), sub, f.binary, cmdDir, strings.Join(sortedKeys(f.subcommands), ", "))
			continue
		}
		running[sub] = append(running[sub], name)
		checkBuild(report, f, name, img)
		checkUser(report, name, img)
		if sub == "worker" {
			checkWorkerImage(report, c, f, name, img)
		}
		if longRunning[sub] {
			checkHealth(report, c, f, name, sub, img)
		}
	}
	for _, sub := range sortedKeys(needs) {
		if len(running[sub]) == 0 {
			t.Errorf("no service runs `%s %s`", f.binary, sub)
		}
	}
}

// checkBuild: a golang stage on go.mod's Go version builds ./cmd/vividly with
// CGO_ENABLED=0, and the target copies that binary to where its ENTRYPOINT finds it.
func checkBuild(report func(string, ...any), f *sourceFacts, name string, img *builtImage) {
	want := majorMinor(f.goVersion)
	golangStages := 0
	for _, st := range img.df.stages {
		repo, tag, _ := strings.Cut(st.base, ":")
		if path.Base(repo) != "golang" {
			continue
		}
		golangStages++
		tag, _, _ = strings.Cut(tag, "@")
		version, _, _ := strings.Cut(tag, "-")
		if majorMinor(version) != want {
			report("%s:%d: FROM %s is Go %s, but go.mod says go %s (want golang:%s.x)", img.dfPath, st.line, st.base, majorMinor(version), f.goVersion, want)
		}
	}
	if golangStages == 0 {
		report("%s (service %s): no FROM golang stage builds the binary", img.dfPath, name)
		return
	}
	// Which stage builds the binary, and where it puts it.
	mainPkg := "./" + cmdDir
	built := map[string]string{} // stage name -> output path
	for _, st := range img.df.stages {
		for _, b := range goBuilds(img.df.chain(st)) {
			for _, p := range b.packages {
				if path.Clean(p) != path.Clean(mainPkg) && p != f.modulePath+"/"+cmdDir {
					continue
				}
				if b.cgo != "0" {
					report("%s:%d: go build %s runs with CGO_ENABLED=%q; set CGO_ENABLED=0 for a static binary", img.dfPath, b.line, p, b.cgo)
				}
				if b.output == "" {
					report("%s:%d: go build %s has no -o; name the output", img.dfPath, b.line, p)
				}
				built[st.name] = b.output
			}
		}
	}
	if len(built) == 0 {
		report("%s: no RUN go build %s", img.dfPath, mainPkg)
		return
	}
	// The binary in the target, found the way the ENTRYPOINT names it.
	exe := img.argv[0]
	candidates := []string{exe}
	if !strings.Contains(exe, "/") {
		candidates = nil
		pathVar := env(img.chain)["PATH"]
		if pathVar == "" {
			pathVar = defaultPath
		}
		for _, dir := range strings.Split(pathVar, ":") {
			candidates = append(candidates, path.Join(dir, exe))
		}
	}
	for _, st := range img.chain {
		for _, cp := range copies(st) {
			out, fromBuild := built[cp.from]
			if !fromBuild || !contains(cp.sources, out) {
				continue
			}
			for _, dest := range cp.destFiles() {
				if contains(candidates, dest) {
					return
				}
			}
		}
	}
	report("%s (service %s, target %s): the ENTRYPOINT runs %q, but no COPY --from a build stage puts the built %s at %s", img.dfPath, name, img.stage.name, exe, mainPkg, strings.Join(candidates, " or "))
}

func checkUser(report func(string, ...any), name string, img *builtImage) {
	in, ok := last(img.chain, "USER")
	if !ok {
		report("%s (service %s, target %s): no USER, so it runs as root; add a non-root USER", img.dfPath, name, img.stage.name)
		return
	}
	user, _, _ := strings.Cut(strings.TrimSpace(in.args), ":")
	if user == "root" || user == "0" {
		report("%s:%d (service %s): USER %s is root", img.dfPath, in.line, name, in.args)
	}
}

// checkWorkerImage: Debian with ffmpeg and espeak-ng, and the data directory on
// a named volume shared by every worker.
func checkWorkerImage(report func(string, ...any), c *composeFile, f *sourceFacts, name string, img *builtImage) {
	root := rootImage(img.chain)
	if repo, _, _ := strings.Cut(root, ":"); path.Base(repo) != "debian" {
		report("%s (service %s): the worker image is built FROM %s; want a Debian image (apt-get install ffmpeg espeak-ng)", img.dfPath, name, root)
	}
	installed := aptInstalls(img.chain)
	for _, pkg := range []string{"ffmpeg", "espeak-ng"} {
		if _, ok := installed[pkg]; !ok {
			report("%s (service %s, target %s): the worker renders with ffmpeg and narrates with espeak-ng, but no RUN apt-get install installs %s (installed: %s)", img.dfPath, name, img.stage.name, pkg, strings.Join(sortedKeys(installed), " "))
		}
	}
	checkStopGrace(report, c, f, name, img)
	dataDir := ""
	for _, v := range f.flagEnv["data-dir"] {
		if img.env[v] != "" {
			dataDir = img.env[v]
		}
	}
	if !strings.HasPrefix(dataDir, "/") {
		report("service %s: the worker's data directory (%s) is %q; set an absolute path and mount a volume there", name, strings.Join(f.flagEnv["data-dir"], "/"), dataDir)
		return
	}
	for _, m := range c.services[name].volumes {
		if path.Clean(m.target) == path.Clean(dataDir) {
			if m.kind != "volume" || m.source == "" {
				report("service %s mounts %q at its data directory %s; use a named volume so scaled workers share lessons", name, m.raw, dataDir)
			}
			return
		}
	}
	report("service %s: nothing is mounted at the data directory %s; lessons would stay inside one container (mount a named volume shared by the workers)", name, dataDir)
}

// checkStopGrace: Docker waits stop_grace_period (10s unless set) after SIGTERM
// before it kills; the worker's --shutdown-grace for activities in flight must
// fit inside it, or a scale-down kills renders the worker meant to finish.
func checkStopGrace(report func(string, ...any), c *composeFile, f *sourceFacts, name string, img *builtImage) {
	vars := f.flagEnv["shutdown-grace"]
	shown := strings.Join(vars, "/")
	if len(vars) == 0 {
		return // no such flag (yet): nothing to line up
	}
	value := ""
	for _, v := range vars {
		if img.env[v] != "" {
			value = img.env[v]
		}
	}
	stop := c.services[name].stopGrace
	if stop == 0 {
		stop = 10 * time.Second
	}
	if value == "" {
		report("service %s: %s is not set, so the worker's grace for activities in flight is the code's default, which this test cannot compare with stop_grace_period (%s); set both", name, shown, stop)
		return
	}
	grace, err := time.ParseDuration(value)
	if err != nil {
		report("service %s: %s=%q is not a duration", name, shown, value)
		return
	}
	if grace >= stop {
		report("service %s: %s=%s, but Docker kills the container %s after SIGTERM (stop_grace_period); make stop_grace_period longer than the grace", name, shown, grace, stop)
	}
}

// checkHealth: the healthcheck asks /health/ready on the port of --http-addr,
// which listens beyond loopback, with a program the image has.
func checkHealth(report func(string, ...any), c *composeFile, f *sourceFacts, name, sub string, img *builtImage) {
	s := c.services[name]
	httpVars := strings.Join(f.flagEnv["http-addr"], "/")
	if httpVars == "" {
		report("service %s: %s has no --http-addr flag with an environment default (%s), so nothing serves the /health/ready its healthcheck asks for", name, cmdDir, "e.g. env(\"VIVIDLY_HTTP_ADDR\", …)")
		return
	}
	addr := ""
	for _, v := range f.flagEnv["http-addr"] {
		if img.env[v] != "" {
			addr = img.env[v]
		}
	}
	if addr == "" {
		report("service %s: %s is not set; the default listens on loopback only, out of reach of Prometheus in other containers (set 0.0.0.0:<port>)", name, httpVars)
		return
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		report("service %s: %s=%q is not host:port", name, httpVars, addr)
		return
	}
	if host != "" && host != "0.0.0.0" && host != "::" {
		report("service %s: %s=%s listens on %s only; Prometheus in other containers cannot scrape it (use 0.0.0.0:%s)", name, httpVars, addr, host, port)
	}
	if n, _ := strconv.Atoi(port); !s.listens(n) {
		report("service %s: /metrics and /health are on port %s (%s=%s), which neither ports nor expose declares (declared: %v)", name, port, httpVars, addr, s.containerPorts())
	}
	test := s.health
	if len(test) == 0 {
		if in, ok := last(img.chain, "HEALTHCHECK"); ok {
			_, rest, _ := strings.Cut(in.args, "CMD")
			if words, ok := execForm(rest); ok {
				test = append([]string{"CMD"}, words...)
			} else {
				test = []string{"CMD-SHELL", strings.TrimSpace(rest)}
			}
		}
	}
	if len(test) < 2 || test[0] == "NONE" {
		report("service %s runs `%s %s` but has no healthcheck; ask /health/ready", name, f.binary, sub)
		return
	}
	readyURL := ""
	for _, w := range test[1:] {
		for _, m := range regexp.MustCompile(`https?://[^\s"']+`).FindAllString(w, -1) {
			readyURL = m
		}
	}
	u, err := url.Parse(readyURL)
	if readyURL == "" || err != nil {
		report("service %s: the healthcheck %q requests no http:// URL; ask /health/ready", name, test)
		return
	}
	if u.Path != "/health/ready" {
		report("service %s: the healthcheck requests %s; readiness (Temporal and PostgreSQL reachable) is /health/ready", name, readyURL)
	}
	if u.Port() != port {
		report("service %s: the healthcheck requests port %s but %s=%s listens on %s", name, u.Port(), httpVars, addr, port)
	}
	root := rootImage(img.chain)
	if test[0] == "CMD-SHELL" && root == "scratch" {
		report("service %s: the healthcheck is CMD-SHELL, but the image (FROM scratch) has no shell", name)
	}
	if test[0] == "CMD" {
		exe := test[1]
		for _, st := range img.chain {
			for _, cp := range copies(st) {
				if contains(cp.destFiles(), exe) {
					return
				}
			}
		}
		if root == "scratch" || !strings.HasPrefix(exe, "/") {
			report("service %s: the healthcheck runs %s, which no COPY puts into the image (%s, FROM %s)", name, exe, img.dfPath, root)
		}
	}
}

// ---- the build context -----------------------------------------------------------

// The ignore file of the Dockerfile (or of the context) keeps everything the
// build compiles or embeds.
func TestDockerignoreKeepsSources(t *testing.T) {
	c := loadCompose(t)
	f := loadFacts(t)
	imgs := images(t, c)
	checked := map[string]bool{}
	for _, name := range sortedKeys(imgs) {
		s := c.services[name]
		ctx := filepath.Join(c.dir, s.build.context)
		ignore := filepath.Join(ctx, s.build.dockerfile) + ".dockerignore"
		if _, err := os.Stat(ignore); err != nil {
			ignore = filepath.Join(ctx, ".dockerignore")
		}
		if checked[ignore] {
			continue
		}
		checked[ignore] = true
		data, err := os.ReadFile(ignore)
		if err != nil {
			continue // no ignore file: everything is sent
		}
		patterns := parseIgnore(string(data))
		if !samePath(ctx, f.root) {
			t.Errorf("service %s: build context %s is not the module root %s", name, ctx, f.root)
			continue
		}
		needed := []string{"go.mod", "go.sum"}
		needed = append(needed, f.embeds...)
		dirs := map[string]bool{}
		for _, dir := range f.packages {
			dirs[dir] = true
		}
		// Plus what the Dockerfile builds besides cmd/vividly (e.g. the health probe).
		for _, st := range imgs[name].df.stages {
			for _, b := range goBuilds([]*stage{st}) {
				for _, p := range b.packages {
					dirs[path.Clean(strings.TrimPrefix(p, "./"))] = true
				}
			}
		}
		for dir := range dirs {
			entries, _ := os.ReadDir(filepath.Join(f.root, dir))
			for _, e := range entries {
				if !e.IsDir() && strings.HasSuffix(e.Name(), ".go") && !strings.HasSuffix(e.Name(), "_test.go") {
					needed = append(needed, path.Join(dir, e.Name()))
				}
			}
		}
		sort.Strings(needed)
		rel, _ := filepath.Rel(f.root, ignore)
		for _, p := range needed {
			if pattern, excluded := ignored(patterns, p); excluded {
				t.Errorf("%s: the pattern %q leaves %s out of the build context, but the build needs it", filepath.ToSlash(rel), pattern, p)
			}
		}
	}
}

func samePath(a, b string) bool {
	ea, _ := filepath.EvalSymlinks(a)
	eb, _ := filepath.EvalSymlinks(b)
	return filepath.Clean(ea) == filepath.Clean(eb)
}

type ignorePattern struct {
	raw    string
	negate bool
	re     *regexp.Regexp
}

func parseIgnore(text string) []ignorePattern {
	var out []ignorePattern
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		p := ignorePattern{raw: line}
		if strings.HasPrefix(line, "!") {
			p.negate, line = true, line[1:]
		}
		line = strings.TrimPrefix(path.Clean("/"+line), "/")
		var re strings.Builder
		re.WriteString("^")
		for i := 0; i < len(line); i++ {
			switch ch := line[i]; {
			case strings.HasPrefix(line[i:], "**/"):
				re.WriteString("(.*/)?")
				i += 2
			case strings.HasPrefix(line[i:], "**"):
				re.WriteString(".*")
				i++
			case ch == '*':
				re.WriteString("[^/]*")
			case ch == '?':
				re.WriteString("[^/]")
			default:
				re.WriteString(regexp.QuoteMeta(string(ch)))
			}
		}
		re.WriteString("(/.*)?$") // a directory takes its contents with it
		p.re = regexp.MustCompile(re.String())
		out = append(out, p)
	}
	return out
}

// ignored applies the patterns in order, the last match deciding.
func ignored(patterns []ignorePattern, p string) (string, bool) {
	excluded, by := false, ""
	for _, pat := range patterns {
		if pat.re.MatchString(p) {
			excluded, by = !pat.negate, pat.raw
		}
	}
	return by, excluded
}

// ---- the native cluster ---------------------------------------------------------

// nativeClusterDir is the package that runs the same topology without
// containers; its dynamic config is the one the server here mounts.
const nativeClusterDir = "cluster"

// The compose cluster runs the Temporal versions the native cluster is built
// from (scripts/build-temporal-server): the server, the admin-tools of that
// server release (tagged <server>-tctl-<x>-cli-<y>) and the Web UI.
func TestComposeVersionsMatchNativeCluster(t *testing.T) {
	c := loadCompose(t)
	f := loadFacts(t)
	scriptPath := filepath.Join(f.root, "scripts", "build-temporal-server")
	script, err := os.ReadFile(scriptPath)
	if err != nil {
		t.Fatal(err)
	}
	pinned := func(name string) string {
		m := regexp.MustCompile(`(?m)^` + name + `=v?([0-9][^\s]*)$`).FindSubmatch(script)
		if m == nil {
			t.Fatalf("%s sets no %s=vX.Y.Z", scriptPath, name)
		}
		return string(m[1])
	}
	server, ui := pinned("TEMPORAL_SERVER_VERSION"), pinned("TEMPORAL_UI_VERSION")
	want := map[string]func(tag string) bool{
		"temporalio/server":      func(tag string) bool { return tag == server },
		"temporalio/admin-tools": func(tag string) bool { return tag == server || strings.HasPrefix(tag, server+"-") },
		"temporalio/ui":          func(tag string) bool { return tag == ui },
	}
	seen := map[string]bool{}
	for _, name := range c.names() {
		repo, tag, _ := strings.Cut(c.services[name].image, ":")
		tag, _, _ = strings.Cut(tag, "@")
		ok, checked := want[repo]
		if !checked {
			continue
		}
		seen[repo] = true
		if !ok(tag) {
			t.Errorf("service %s runs %s:%s, but the native cluster builds server %s and UI %s (%s); use the same release", name, repo, tag, server, ui, scriptPath)
		}
	}
	for _, repo := range sortedKeys(want) {
		if !seen[repo] {
			t.Errorf("no service runs %s", repo)
		}
	}
}

// The server's dynamic config is the native cluster's file, mounted from the
// package that embeds it, so the two clusters cannot drift apart.
func TestComposeDynamicConfigIsNativeClusters(t *testing.T) {
	c := loadCompose(t)
	f := loadFacts(t)
	want := filepath.Join(f.root, nativeClusterDir, "dynamicconfig")
	for _, name := range c.names() {
		s := c.services[name]
		if !strings.HasPrefix(s.image, "temporalio/server:") {
			continue
		}
		file := s.env["DYNAMIC_CONFIG_FILE_PATH"]
		if file == "" {
			t.Errorf("service %s sets no DYNAMIC_CONFIG_FILE_PATH", name)
			continue
		}
		for _, m := range s.volumes {
			if m.kind == "bind" && path.Clean(m.target) == path.Dir(file) {
				if got := filepath.Join(c.dir, m.source); !samePath(got, want) {
					t.Errorf("service %s mounts %s at %s; want the native cluster's %s", name, m.source, m.target, want)
				}
				if _, err := os.Stat(filepath.Join(want, path.Base(file))); err != nil {
					t.Errorf("service %s reads %s, which %s does not hold: %v", name, path.Base(file), want, err)
				}
				return
			}
		}
		t.Errorf("service %s: nothing is mounted at %s, where DYNAMIC_CONFIG_FILE_PATH=%s points", name, path.Dir(file), file)
	}
}

// ---- documentation -------------------------------------------------------------

// The Web UI is published where the project README sends people.
func TestUIPortMatchesReadme(t *testing.T) {
	c := loadCompose(t)
	f := loadFacts(t)
	readme, err := os.ReadFile(filepath.Join(f.root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`Open <?http://localhost:(\d+)`).FindSubmatch(readme)
	if m == nil {
		t.Skip("README.md no longer says where the Web UI is (\"Open <http://localhost:PORT>\")")
	}
	want := string(m[1])
	for _, name := range c.names() {
		s := c.services[name]
		if !strings.HasPrefix(s.image, "temporalio/ui:") {
			continue
		}
		for _, p := range s.ports {
			if p.published == want && p.container == 8080 {
				return
			}
		}
		t.Errorf("service %s (the Web UI, port 8080 in the container) does not publish it on host port %s, where README.md sends people (ports: %v)", name, want, s.ports)
		return
	}
	t.Errorf("no service runs temporalio/ui")
}

func TestReadmeDescribesServices(t *testing.T) {
	c := loadCompose(t)
	data, err := os.ReadFile(filepath.Join(c.dir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range c.names() {
		if !strings.Contains(string(data), "`"+name+"`") {
			t.Errorf("temporal-docker/README.md does not describe the service `%s`", name)
		}
	}
}
