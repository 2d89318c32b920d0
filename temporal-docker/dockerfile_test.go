package temporaldocker_test

// A small Dockerfile reader: stages, instructions with their line numbers, and
// what a stage inherits from the stages it is built FROM. Enough for static
// checks, not a full implementation of the Dockerfile syntax (no heredocs).

import (
	"encoding/json"
	"fmt"
	"os"
	"path"
	"regexp"
	"strings"
)

type instruction struct {
	line int
	cmd  string // upper case: FROM, RUN, COPY, ENV, …
	args string // the rest, continuation lines joined
}

type stage struct {
	index int
	name  string // lower case; "" when unnamed
	base  string // image or earlier stage, ARGs substituted
	line  int
	instr []instruction
}

type dockerfile struct {
	path   string // as shown in messages
	stages []*stage
}

// defaultPath is what Docker sets when an image defines no PATH.
const defaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

func parseDockerfile(file, shown string) (*dockerfile, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	d := &dockerfile{path: shown}
	globalArgs := map[string]string{}
	var cur *stage
	lines := strings.Split(string(data), "\n")
	for i := 0; i < len(lines); i++ {
		start := i + 1
		text := strings.TrimSpace(lines[i])
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		for strings.HasSuffix(text, `\`) && i+1 < len(lines) {
			text = strings.TrimSuffix(text, `\`)
			i++
			next := strings.TrimSpace(lines[i])
			if strings.HasPrefix(next, "#") {
				next = `\` // a comment inside a continued instruction is dropped
			}
			text += " " + next
		}
		text = strings.TrimSpace(strings.TrimSuffix(text, `\`))
		cmd, args, _ := strings.Cut(text, " ")
		in := instruction{line: start, cmd: strings.ToUpper(cmd), args: strings.TrimSpace(args)}
		switch {
		case in.cmd == "ARG" && cur == nil:
			name, val, _ := strings.Cut(in.args, "=")
			globalArgs[strings.TrimSpace(name)] = strings.Trim(strings.TrimSpace(val), `"'`)
		case in.cmd == "FROM":
			fields := strings.Fields(in.args)
			for len(fields) > 0 && strings.HasPrefix(fields[0], "--") {
				fields = fields[1:]
			}
			if len(fields) == 0 {
				return nil, fmt.Errorf("%s:%d: FROM without an image", shown, start)
			}
			cur = &stage{index: len(d.stages), base: substituteArgs(fields[0], globalArgs), line: start}
			if len(fields) >= 3 && strings.EqualFold(fields[1], "AS") {
				cur.name = strings.ToLower(fields[2])
			}
			d.stages = append(d.stages, cur)
		case cur == nil:
			return nil, fmt.Errorf("%s:%d: %s before the first FROM", shown, start, in.cmd)
		default:
			cur.instr = append(cur.instr, in)
		}
	}
	if len(d.stages) == 0 {
		return nil, fmt.Errorf("%s: no FROM", shown)
	}
	return d, nil
}

var argRef = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)`)

func substituteArgs(s string, args map[string]string) string {
	return argRef.ReplaceAllStringFunc(s, func(m string) string {
		sub := argRef.FindStringSubmatch(m)
		name := sub[1] + sub[3]
		if v, ok := args[name]; ok && v != "" {
			return v
		}
		return sub[2]
	})
}

// stage finds a stage by name or number; "" is the last one.
func (d *dockerfile) stage(target string) *stage {
	if target == "" {
		return d.stages[len(d.stages)-1]
	}
	for _, s := range d.stages {
		if s.name == strings.ToLower(target) || fmt.Sprint(s.index) == target {
			return s
		}
	}
	return nil
}

// chain is the stage and the stages it is built FROM, the first one first.
func (d *dockerfile) chain(s *stage) []*stage {
	out := []*stage{s}
	for seen := map[int]bool{s.index: true}; ; {
		parent := d.stage(out[0].base)
		if parent == nil || parent.index >= out[0].index || seen[parent.index] || out[0].base == "" {
			return out
		}
		seen[parent.index] = true
		out = append([]*stage{parent}, out...)
	}
}

// rootImage is the image at the bottom of a chain ("scratch", "debian:13.5-slim").
func rootImage(chain []*stage) string { return chain[0].base }

// last returns the last instruction cmd in the chain (later stages override).
func last(chain []*stage, cmd string) (instruction, bool) {
	for i := len(chain) - 1; i >= 0; i-- {
		for j := len(chain[i].instr) - 1; j >= 0; j-- {
			if chain[i].instr[j].cmd == cmd {
				return chain[i].instr[j], true
			}
		}
	}
	return instruction{}, false
}

// env is the chain's ENV, later values winning.
func env(chain []*stage) map[string]string {
	out := map[string]string{}
	for _, s := range chain {
		for _, in := range s.instr {
			if in.cmd != "ENV" {
				continue
			}
			for k, v := range parseEnvInstruction(in.args) {
				out[k] = v
			}
		}
	}
	return out
}

// parseEnvInstruction reads ENV K=V K2="V 2" and the old ENV K V.
func parseEnvInstruction(args string) map[string]string {
	out := map[string]string{}
	words := shellWords(args)
	if len(words) > 0 && !strings.Contains(words[0], "=") {
		out[words[0]] = strings.TrimSpace(strings.TrimPrefix(args, words[0]))
		return out
	}
	for _, w := range words {
		if k, v, ok := strings.Cut(w, "="); ok {
			out[k] = v
		}
	}
	return out
}

// execForm parses ENTRYPOINT/CMD/HEALTHCHECK CMD arguments in JSON (exec) form;
// ok is false for the shell form.
func execForm(args string) ([]string, bool) {
	args = strings.TrimSpace(args)
	if !strings.HasPrefix(args, "[") {
		return nil, false
	}
	var out []string
	if err := json.Unmarshal([]byte(args), &out); err != nil {
		return nil, false
	}
	return out, true
}

// copyInstr is one COPY or ADD.
type copyInstr struct {
	line    int
	from    string // --from, lower case
	sources []string
	dest    string
}

func copies(s *stage) []copyInstr {
	var out []copyInstr
	workdir := "/"
	for _, in := range s.instr {
		if in.cmd == "WORKDIR" {
			workdir = joinDir(workdir, in.args)
		}
		if in.cmd != "COPY" && in.cmd != "ADD" {
			continue
		}
		c := copyInstr{line: in.line}
		words, ok := execForm(in.args)
		if !ok {
			words = shellWords(in.args)
		}
		for len(words) > 0 && strings.HasPrefix(words[0], "--") {
			if v, ok := strings.CutPrefix(words[0], "--from="); ok {
				c.from = strings.ToLower(v)
			}
			words = words[1:]
		}
		if len(words) < 2 {
			continue
		}
		c.sources, c.dest = words[:len(words)-1], joinDir(workdir, words[len(words)-1])
		out = append(out, c)
	}
	return out
}

// destFiles are the files a COPY writes, as far as the paths tell.
func (c copyInstr) destFiles() []string {
	if len(c.sources) == 1 && !strings.HasSuffix(c.dest, "/") {
		return []string{path.Clean(c.dest)}
	}
	var out []string
	for _, s := range c.sources {
		out = append(out, path.Join(c.dest, path.Base(s)))
	}
	return out
}

// runSegments splits every RUN of a stage into simple commands (split on &&, ||,
// ; and |), each as words, with the leading RUN flags (--mount=…) dropped.
func runSegments(s *stage) []runSegment {
	var out []runSegment
	for _, in := range s.instr {
		out = append(out, segmentsOf(in)...)
	}
	return out
}

var shellSeparators = regexp.MustCompile(`&&|\|\||;|\|`)

func segmentsOf(in instruction) []runSegment {
	if in.cmd != "RUN" {
		return nil
	}
	if words, ok := execForm(in.args); ok {
		return []runSegment{{in.line, words}}
	}
	var out []runSegment
	for _, part := range shellSeparators.Split(in.args, -1) {
		words := shellWords(part)
		for len(words) > 0 && strings.HasPrefix(words[0], "--") {
			words = words[1:]
		}
		if len(words) > 0 {
			out = append(out, runSegment{in.line, words})
		}
	}
	return out
}

type runSegment struct {
	line  int
	words []string
}

// command returns the segment's command words after any VAR=value prefixes,
// and those assignments.
func (r runSegment) command() ([]string, map[string]string) {
	assigns := map[string]string{}
	words := r.words
	for len(words) > 0 {
		k, v, ok := strings.Cut(words[0], "=")
		if !ok || k == "" || strings.ContainsAny(k, "-/.$") {
			break
		}
		assigns[k] = v
		words = words[1:]
	}
	if len(words) > 0 && words[0] == "export" {
		for _, w := range words[1:] {
			if k, v, ok := strings.Cut(w, "="); ok {
				assigns[k] = v
			}
		}
		return nil, assigns
	}
	return words, assigns
}

// aptInstalls lists the packages a chain installs with apt-get/apt install.
func aptInstalls(chain []*stage) map[string]int {
	out := map[string]int{}
	for _, s := range chain {
		for _, seg := range runSegments(s) {
			words, _ := seg.command()
			if len(words) < 2 || (words[0] != "apt-get" && words[0] != "apt") {
				continue
			}
			installing := false
			for _, w := range words[1:] {
				switch {
				case w == "install":
					installing = true
				case strings.HasPrefix(w, "-"):
				case installing:
					name, _, _ := strings.Cut(w, "=")
					out[name] = seg.line
				}
			}
		}
	}
	return out
}

// goBuild is one `go build` in a RUN.
type goBuild struct {
	line     int
	output   string // -o, made absolute
	packages []string
	cgo      string // CGO_ENABLED in force: from ENV, export or the command's prefix
}

func goBuilds(chain []*stage) []goBuild {
	var out []goBuild
	cgo := ""
	for _, s := range chain {
		workdir := "/"
		for _, in := range s.instr {
			switch in.cmd {
			case "ENV":
				if v, ok := parseEnvInstruction(in.args)["CGO_ENABLED"]; ok {
					cgo = v
				}
			case "WORKDIR":
				workdir = joinDir(workdir, in.args)
			}
			for _, seg := range segmentsOf(in) {
				words, assigns := seg.command()
				if v, ok := assigns["CGO_ENABLED"]; ok && words == nil {
					cgo = v // export CGO_ENABLED=…
				}
				if len(words) < 2 || words[0] != "go" || words[1] != "build" {
					continue
				}
				b := goBuild{line: seg.line, cgo: cgo}
				if v, ok := assigns["CGO_ENABLED"]; ok {
					b.cgo = v
				}
				args := words[2:]
				for i := 0; i < len(args); i++ {
					a := args[i]
					switch {
					case a == "-o" && i+1 < len(args):
						b.output = args[i+1]
						i++
					case strings.HasPrefix(a, "-o="):
						b.output = strings.TrimPrefix(a, "-o=")
					case strings.HasPrefix(a, "-") && !strings.Contains(a, "=") && takesValue(a) && i+1 < len(args):
						i++
					case strings.HasPrefix(a, "-"):
					default:
						b.packages = append(b.packages, a)
					}
				}
				if b.output != "" {
					b.output = joinDir(workdir, b.output)
				}
				out = append(out, b)
			}
		}
	}
	return out
}

// joinDir resolves p against dir as WORKDIR and relative COPY destinations do,
// keeping a trailing slash.
func joinDir(dir, p string) string {
	joined := p
	if !strings.HasPrefix(p, "/") {
		joined = path.Join(dir, p)
	}
	if strings.HasSuffix(p, "/") && !strings.HasSuffix(joined, "/") {
		joined += "/"
	}
	return joined
}

func takesValue(flag string) bool {
	switch strings.TrimLeft(flag, "-") {
	case "ldflags", "gcflags", "asmflags", "tags", "mod", "modfile", "p", "pkgdir", "buildmode", "compiler", "installsuffix", "overlay", "pgo", "toolexec", "C":
		return true
	}
	return false
}

// shellWords splits like a POSIX shell would, for quotes and backslashes only.
func shellWords(s string) []string {
	var out []string
	var cur strings.Builder
	inWord := false
	var quote rune
	for _, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case r == '\'' || r == '"':
			quote = r
			inWord = true
		case r == ' ' || r == '\t' || r == '\n':
			if inWord {
				out = append(out, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		out = append(out, cur.String())
	}
	return out
}
