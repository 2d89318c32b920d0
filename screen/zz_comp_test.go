package screen

import (
	"fmt"
	"os"
	"sort"
	"testing"
)

// TEMPORARY: lists registered compounds. Removed before hand-off.
func TestZZCompounds(t *testing.T) {
	if os.Getenv("SCREEN_COMP") == "" {
		t.Skip()
	}
	var ks []string
	for k, b := range compounds {
		ks = append(ks, fmt.Sprintf("%s %v", k, b))
	}
	sort.Strings(ks)
	for _, k := range ks {
		fmt.Println(k)
	}
}
