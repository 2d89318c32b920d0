package temporaldocker_test

// What the compose file and Dockerfile are checked against, read from the Go
// sources rather than written down here: the module's go version, the
// environment variables the vividly binary reads, which flag each one sets, and
// the top-level cobra subcommands.

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// cmdDir is the vividly command, relative to the module root.
const cmdDir = "cmd/vividly"

// sourceFacts are the facts about the code the deployment files must agree with.
type sourceFacts struct {
	root       string // module root (absolute)
	modulePath string
	goVersion  string // go.mod's go line, e.g. 1.26.8

	// envReads maps each environment variable the binary reads (cmd/vividly and
	// every package of this module it imports) to where it is read.
	envReads map[string][]string
	// unresolved lists reads whose variable name is not a constant this test
	// can evaluate; cmdUnresolved are those in cmd/vividly itself.
	unresolved, cmdUnresolved []string
	// flagEnv maps a flag name to the environment variables that default it,
	// e.g. "temporal-address" -> TEMPORAL_ADDRESS.
	flagEnv map[string][]string
	// binary is the root command's Use ("vividly"); subcommands are the first
	// words of the Use of the commands added to it.
	binary      string
	subcommands map[string]string // name -> file:line of its Use
	// packages is every package of this module the binary is built from
	// (import path -> directory relative to root), and embeds the files they
	// embed with //go:embed (relative to root).
	packages map[string]string
	embeds   []string
}

var (
	factsOnce sync.Once
	facts     *sourceFacts
	factsErr  error
)

// loadFacts reads the source once per test binary.
func loadFacts(t *testing.T) *sourceFacts {
	t.Helper()
	factsOnce.Do(func() { facts, factsErr = readSourceFacts() })
	if factsErr != nil {
		t.Fatalf("reading the Go sources: %v", factsErr)
	}
	return facts
}

func readSourceFacts() (*sourceFacts, error) {
	root, err := moduleRoot()
	if err != nil {
		return nil, err
	}
	f := &sourceFacts{root: root, envReads: map[string][]string{}, flagEnv: map[string][]string{}, subcommands: map[string]string{}}
	if f.modulePath, f.goVersion, err = readGoMod(filepath.Join(root, "go.mod")); err != nil {
		return nil, err
	}
	l := &loader{root: root, modulePath: f.modulePath, fset: token.NewFileSet(), pkgs: map[string]*goPackage{}}
	cmd, err := l.load(f.modulePath + "/" + cmdDir)
	if err != nil {
		return nil, err
	}
	closure, err := l.closure(cmd.importPath)
	if err != nil {
		return nil, err
	}
	f.packages = map[string]string{}
	for _, p := range closure {
		f.packages[p.importPath] = p.dir
		for _, e := range p.embeds {
			f.embeds = append(f.embeds, e)
		}
	}
	if err := l.scanEnv(f, closure); err != nil {
		return nil, err
	}
	if err := l.scanCommands(f, cmd); err != nil {
		return nil, err
	}
	return f, nil
}

// moduleRoot walks up from the test's directory to go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the test directory")
		}
		dir = parent
	}
}

func readGoMod(file string) (module, goVersion string, err error) {
	fh, err := os.Open(file)
	if err != nil {
		return "", "", err
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 2 && fields[0] == "module" {
			module = strings.Trim(fields[1], `"`)
		}
		if len(fields) == 2 && fields[0] == "go" {
			goVersion = fields[1]
		}
	}
	if err := sc.Err(); err != nil {
		return "", "", err
	}
	if module == "" || goVersion == "" {
		return "", "", fmt.Errorf("%s: no module or go line", file)
	}
	return module, goVersion, nil
}

// majorMinor turns 1.26.8 (or 1.26, 1.26rc1) into 1.26.
func majorMinor(v string) string {
	parts := strings.SplitN(v, ".", 3)
	if len(parts) < 2 {
		return v
	}
	minor := parts[1]
	for i, r := range minor {
		if r < '0' || r > '9' {
			minor = minor[:i]
			break
		}
	}
	return parts[0] + "." + minor
}

// ---- loading this module's packages -----------------------------------------

type goPackage struct {
	importPath, dir, name string
	files                 []*ast.File
	consts                map[string]constDef
	embeds                []string
}

type constDef struct {
	expr ast.Expr
	file *ast.File
}

type loader struct {
	root, modulePath string
	fset             *token.FileSet
	pkgs             map[string]*goPackage
}

func (l *loader) internal(importPath string) bool {
	return importPath == l.modulePath || strings.HasPrefix(importPath, l.modulePath+"/")
}

// load parses the non-test files of one package of this module.
func (l *loader) load(importPath string) (*goPackage, error) {
	if p, ok := l.pkgs[importPath]; ok {
		return p, nil
	}
	rel := strings.TrimPrefix(strings.TrimPrefix(importPath, l.modulePath), "/")
	if rel == "" {
		rel = "."
	}
	p := &goPackage{importPath: importPath, dir: rel, consts: map[string]constDef{}}
	entries, err := os.ReadDir(filepath.Join(l.root, rel))
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(l.fset, filepath.Join(l.root, rel, name), nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		p.files = append(p.files, file)
		p.name = file.Name.Name
		for _, decl := range file.Decls {
			if gd, ok := decl.(*ast.GenDecl); ok && gd.Tok == token.CONST {
				for _, spec := range gd.Specs {
					vs := spec.(*ast.ValueSpec)
					for i, n := range vs.Names {
						if i < len(vs.Values) {
							p.consts[n.Name] = constDef{vs.Values[i], file}
						}
					}
				}
			}
		}
		for _, cg := range file.Comments {
			for _, c := range cg.List {
				if rest, ok := strings.CutPrefix(c.Text, "//go:embed "); ok {
					for _, pattern := range strings.Fields(rest) {
						matches, _ := filepath.Glob(filepath.Join(l.root, rel, strings.Trim(pattern, "`\"")))
						for _, m := range matches {
							r, _ := filepath.Rel(l.root, m)
							p.embeds = append(p.embeds, filepath.ToSlash(r))
						}
					}
				}
			}
		}
	}
	if len(p.files) == 0 {
		return nil, fmt.Errorf("package %s (%s): no Go files", importPath, rel)
	}
	l.pkgs[importPath] = p
	return p, nil
}

// closure is the package and every package of this module it imports, transitively.
func (l *loader) closure(importPath string) ([]*goPackage, error) {
	var out []*goPackage
	seen := map[string]bool{}
	queue := []string{importPath}
	for len(queue) > 0 {
		ip := queue[0]
		queue = queue[1:]
		if seen[ip] {
			continue
		}
		seen[ip] = true
		p, err := l.load(ip)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
		for _, f := range p.files {
			for _, imp := range f.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				if l.internal(path) && !seen[path] {
					queue = append(queue, path)
				}
			}
		}
	}
	return out, nil
}

// importedPackage says which package an identifier names in a file: its import
// path, and whether that is one of this module's packages.
func (l *loader) importedPackage(file *ast.File, name string) (string, bool) {
	for _, imp := range file.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		local := ""
		switch {
		case imp.Name != nil:
			local = imp.Name.Name
		case l.internal(p):
			if pkg, err := l.load(p); err == nil {
				local = pkg.name
			}
		default:
			local = path.Base(p)
			if strings.HasPrefix(local, "v") && len(local) > 1 && strings.Trim(local[1:], "0123456789") == "" {
				local = path.Base(path.Dir(p))
			}
			local = strings.TrimPrefix(strings.TrimSuffix(local, ".go"), "go-")
		}
		if local == name {
			return p, l.internal(p)
		}
	}
	return "", false
}

// stringConst evaluates a constant string expression: literals, constants of
// this package or another package of the module, and + of those.
func (l *loader) stringConst(p *goPackage, file *ast.File, e ast.Expr, depth int) (string, error) {
	if depth > 20 {
		return "", fmt.Errorf("constant chain too deep")
	}
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind == token.STRING {
			return strconv.Unquote(e.Value)
		}
	case *ast.ParenExpr:
		return l.stringConst(p, file, e.X, depth+1)
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			a, err := l.stringConst(p, file, e.X, depth+1)
			if err != nil {
				return "", err
			}
			b, err := l.stringConst(p, file, e.Y, depth+1)
			return a + b, err
		}
	case *ast.Ident:
		if c, ok := p.consts[e.Name]; ok {
			return l.stringConst(p, c.file, c.expr, depth+1)
		}
		return "", fmt.Errorf("%s is not a constant of package %s", e.Name, p.importPath)
	case *ast.SelectorExpr:
		if x, ok := e.X.(*ast.Ident); ok {
			ip, internal := l.importedPackage(file, x.Name)
			if !internal {
				return "", fmt.Errorf("%s.%s is outside this module", x.Name, e.Sel.Name)
			}
			q, err := l.load(ip)
			if err != nil {
				return "", err
			}
			if c, ok := q.consts[e.Sel.Name]; ok {
				return l.stringConst(q, c.file, c.expr, depth+1)
			}
			return "", fmt.Errorf("%s.%s is not a constant", x.Name, e.Sel.Name)
		}
	}
	return "", fmt.Errorf("%s is not a constant string expression", exprString(l.fset, e))
}

func exprString(fset *token.FileSet, e ast.Expr) string {
	var b strings.Builder
	ast.Fprint(&b, fset, e, nil)
	s := b.String()
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return strings.Join(strings.Fields(s), " ")
}

func (l *loader) pos(p token.Pos) string {
	position := l.fset.Position(p)
	rel, err := filepath.Rel(l.root, position.Filename)
	if err != nil {
		rel = position.Filename
	}
	return fmt.Sprintf("%s:%d", filepath.ToSlash(rel), position.Line)
}

// ---- environment variables ---------------------------------------------------

// envFunc is a function that reads the environment variable named by its
// argument number arg: os.Getenv, os.LookupEnv, and every function of the
// module that passes one of its string parameters on to one of those (env,
// envInt, envDuration in cmd/vividly, and any added later).
type envFunc struct {
	pkg, name string // import path ("os" for the standard ones) and function name
	arg       int
}

func (l *loader) scanEnv(f *sourceFacts, pkgs []*goPackage) error {
	readers := map[[2]string]int{{"os", "Getenv"}: 0, {"os", "LookupEnv"}: 0}

	// callee says which reader a call is, and with which argument.
	callee := func(p *goPackage, file *ast.File, call *ast.CallExpr) (int, bool) {
		switch fn := call.Fun.(type) {
		case *ast.Ident:
			i, ok := readers[[2]string{p.importPath, fn.Name}]
			return i, ok
		case *ast.SelectorExpr:
			x, ok := fn.X.(*ast.Ident)
			if !ok {
				return 0, false
			}
			ip, _ := l.importedPackage(file, x.Name)
			i, ok := readers[[2]string{ip, fn.Sel.Name}]
			return i, ok
		}
		return 0, false
	}

	// Find the helper functions, to a fixed point (a helper may call a helper).
	for changed := true; changed; {
		changed = false
		for _, p := range pkgs {
			for _, file := range p.files {
				for _, decl := range file.Decls {
					fd, ok := decl.(*ast.FuncDecl)
					if !ok || fd.Recv != nil || fd.Body == nil {
						continue
					}
					key := [2]string{p.importPath, fd.Name.Name}
					if _, known := readers[key]; known {
						continue
					}
					params := stringParams(fd)
					ast.Inspect(fd.Body, func(n ast.Node) bool {
						call, ok := n.(*ast.CallExpr)
						if !ok {
							return true
						}
						if i, ok := callee(p, file, call); ok && i < len(call.Args) {
							if id, ok := call.Args[i].(*ast.Ident); ok {
								if idx, ok := params[id.Name]; ok {
									readers[key] = idx
									changed = true
									return false
								}
							}
						}
						return true
					})
				}
			}
		}
	}

	// Every call of a reader with a name this test can evaluate is a read.
	for _, p := range pkgs {
		isCmd := p.dir == cmdDir
		for _, file := range p.files {
			for _, decl := range file.Decls {
				var params map[string]int
				if fd, ok := decl.(*ast.FuncDecl); ok {
					params = stringParams(fd)
				}
				ast.Inspect(decl, func(n ast.Node) bool {
					call, ok := n.(*ast.CallExpr)
					if !ok {
						return true
					}
					i, ok := callee(p, file, call)
					if !ok || i >= len(call.Args) {
						if isCmd {
							l.flagEnvs(f, p, file, call, callee)
						}
						return true
					}
					arg := call.Args[i]
					if id, ok := arg.(*ast.Ident); ok {
						if _, isParam := params[id.Name]; isParam {
							return true // inside a helper: its callers name the variable
						}
					}
					name, err := l.stringConst(p, file, arg, 0)
					where := l.pos(call.Pos())
					if err != nil {
						msg := fmt.Sprintf("%s: %v", where, err)
						f.unresolved = append(f.unresolved, msg)
						if isCmd {
							f.cmdUnresolved = append(f.cmdUnresolved, msg)
						}
						return true
					}
					f.envReads[name] = append(f.envReads[name], where)
					return true
				})
			}
		}
	}
	if len(f.envReads) == 0 {
		return fmt.Errorf("found no environment variable read in %s and the packages it imports", cmdDir)
	}
	return nil
}

// flagEnvs records, for a flag definition such as
// fs.StringVar(&x, "temporal-address", env("TEMPORAL_ADDRESS", …), …), that the
// flag's default comes from that variable.
func (l *loader) flagEnvs(f *sourceFacts, p *goPackage, file *ast.File, call *ast.CallExpr, callee func(*goPackage, *ast.File, *ast.CallExpr) (int, bool)) {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || !strings.Contains(sel.Sel.Name, "Var") && !isFlagType(sel.Sel.Name) {
		return
	}
	flag := ""
	for _, a := range call.Args {
		if flag == "" {
			if name, err := l.stringConst(p, file, a, 0); err == nil {
				flag = name // the first constant string argument is the flag's name
				continue
			}
		}
		inner, ok := a.(*ast.CallExpr)
		if !ok || flag == "" {
			continue
		}
		if i, ok := callee(p, file, inner); ok && i < len(inner.Args) {
			if name, err := l.stringConst(p, file, inner.Args[i], 0); err == nil {
				if !contains(f.flagEnv[flag], name) {
					f.flagEnv[flag] = append(f.flagEnv[flag], name)
				}
			}
		}
	}
}

func isFlagType(name string) bool {
	switch name {
	case "String", "Int", "Bool", "Duration", "StringP", "IntP", "BoolP", "DurationP", "StringSlice", "Int64", "Float64":
		return true
	}
	return false
}

// stringParams maps a function's string parameters to their positions.
func stringParams(fd *ast.FuncDecl) map[string]int {
	out := map[string]int{}
	i := 0
	for _, field := range fd.Type.Params.List {
		id, isString := field.Type.(*ast.Ident)
		names := field.Names
		if len(names) == 0 {
			i++
			continue
		}
		for _, n := range names {
			if isString && id.Name == "string" {
				out[n.Name] = i
			}
			i++
		}
	}
	return out
}

// ---- cobra commands ----------------------------------------------------------

// scanCommands finds the root command (the cobra.Command whose Use is the
// command directory's name) and the commands added to it with AddCommand.
func (l *loader) scanCommands(f *sourceFacts, cmd *goPackage) error {
	type useAt struct{ use, pos string }
	uses := map[string]useAt{} // constructor function -> the first cobra.Command Use in it
	var rootFunc *ast.FuncDecl
	want := path.Base(cmdDir)
	for _, file := range cmd.files {
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				lit, ok := n.(*ast.CompositeLit)
				if !ok || !isCobraCommand(lit.Type) {
					return true
				}
				for _, elt := range lit.Elts {
					kv, ok := elt.(*ast.KeyValueExpr)
					if !ok {
						continue
					}
					if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "Use" {
						use, err := l.stringConst(cmd, file, kv.Value, 0)
						if err != nil {
							continue
						}
						if _, seen := uses[fd.Name.Name]; !seen {
							uses[fd.Name.Name] = useAt{use, l.pos(kv.Pos())}
						}
					}
				}
				return true
			})
			if u, ok := uses[fd.Name.Name]; ok && firstWord(u.use) == want && rootFunc == nil {
				rootFunc = fd
				f.binary = want
			}
		}
	}
	if rootFunc == nil {
		return fmt.Errorf("%s: no cobra.Command with Use %q", cmdDir, want)
	}
	var problems []string
	ast.Inspect(rootFunc.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "AddCommand" {
			return true
		}
		for _, a := range call.Args {
			inner, ok := a.(*ast.CallExpr)
			var fn *ast.Ident
			if ok {
				fn, _ = inner.Fun.(*ast.Ident)
			}
			if fn == nil {
				problems = append(problems, fmt.Sprintf("%s: cannot tell which command AddCommand adds", l.pos(a.Pos())))
				continue
			}
			u, ok := uses[fn.Name]
			if !ok {
				problems = append(problems, fmt.Sprintf("%s: %s makes no cobra.Command with a constant Use", l.pos(a.Pos()), fn.Name))
				continue
			}
			f.subcommands[firstWord(u.use)] = u.pos
		}
		return true
	})
	if len(problems) > 0 {
		return fmt.Errorf("%s", strings.Join(problems, "; "))
	}
	if len(f.subcommands) == 0 {
		return fmt.Errorf("%s: the root command adds no subcommands", cmdDir)
	}
	return nil
}

func isCobraCommand(e ast.Expr) bool {
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	x, ok := sel.X.(*ast.Ident)
	return ok && x.Name == "cobra" && sel.Sel.Name == "Command"
}

func firstWord(s string) string {
	if fields := strings.Fields(s); len(fields) > 0 {
		return fields[0]
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestSourceFacts shows what the other tests compare against, so a failure
// elsewhere can be read next to it.
func TestSourceFacts(t *testing.T) {
	f := loadFacts(t)
	t.Logf("module %s, go %s", f.modulePath, f.goVersion)
	t.Logf("%s subcommands: %s", f.binary, strings.Join(sortedKeys(f.subcommands), " "))
	for _, name := range sortedKeys(f.envReads) {
		t.Logf("env %s read at %s", name, strings.Join(f.envReads[name], ", "))
	}
	for _, flag := range sortedKeys(f.flagEnv) {
		t.Logf("--%s defaults from %s", flag, strings.Join(f.flagEnv[flag], ", "))
	}
	for _, u := range f.unresolved {
		t.Logf("unresolved read: %s", u)
	}
	for _, u := range f.cmdUnresolved {
		t.Errorf("%s reads an environment variable whose name this test cannot work out: %s", cmdDir, u)
	}
	for _, want := range []string{"temporal-address", "namespace", "database-url", "data-dir", "pubsub-emulator"} {
		if len(f.flagEnv[want]) == 0 {
			t.Errorf("%s: found no environment variable behind the flag --%s; the checks of the compose file's addresses rely on it", cmdDir, want)
		}
	}
}
