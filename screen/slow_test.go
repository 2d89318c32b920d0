package screen
import ("testing";"time";"strings";"os";"path/filepath")
func TestSlow(t *testing.T){
 ins := []string{strings.Repeat("how to ", 300), strings.Repeat("how to ", 600), strings.Repeat("a", 4000), strings.Repeat("i want to ", 400), strings.Repeat("kill ", 800), strings.Repeat("|", 4000), strings.Repeat(". ", 2000), strings.Repeat("hurt my ", 500), strings.Repeat("@", 4000), strings.Repeat("how 2 ", 600)}
 dir := os.Getenv("FUZZDIR")
 files, _ := filepath.Glob(filepath.Join(dir, "*"))
 for _, f := range files { b, _ := os.ReadFile(f); ins = append(ins, string(b)) }
 for i, in := range ins { s := time.Now(); Request(in, in); Output(in); Interest(in); if d := time.Since(s); d > 50*time.Millisecond { t.Logf("%d len %d took %v: %.60q", i, len(in), d, in) } }
}
