package screen

import ("fmt";"os";"path/filepath";"strconv";"strings";"testing";"time")

func TestZZFuzzCorpus(t *testing.T) {
	dir := "/root/.cache/go-build/fuzz/github.com/vividly-edu/vividly/screen/FuzzRequest"
	files, _ := filepath.Glob(dir + "/*")
	type r struct{ d time.Duration; f string; n int }
	var worst []r
	for _, f := range files {
		b, _ := os.ReadFile(f)
		lines := strings.Split(string(b), "\n")
		var args []string
		for _, l := range lines[1:] {
			l = strings.TrimSpace(l)
			if strings.HasPrefix(l, "string(") {
				s, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(l, "string("), ")"))
				if err != nil { s = l }
				args = append(args, s)
			}
		}
		if len(args) < 2 { continue }
		st := time.Now()
		Request(args[0]); Request(args[0], args[1]); Output(args[0]); Interest(args[0])
		worst = append(worst, r{time.Since(st), filepath.Base(f), len(args[0])+len(args[1])})
	}
	for _, w := range worst { if w.d > 15*time.Millisecond { fmt.Println(w.d, w.f, w.n) } }
}
