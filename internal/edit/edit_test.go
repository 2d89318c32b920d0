package edit

import "testing"

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b  string
		limit int
		want  int
	}{
		{"interest", "interest", 3, 0},
		{"intrest", "interest", 3, 1},
		{"modalty", "modality", 3, 1},
		{"volcanoe", "volcano", 3, 1},
		{"priority", "interest", 3, 3}, // at the limit: said as the limit
		{"a", "abcdefgh", 3, 3},        // lengths alone settle it
		{"kitten", "sitting", 4, 3},
	} {
		if got := Distance(c.a, c.b, c.limit); got != c.want {
			t.Errorf("Distance(%q, %q, %d) = %d, want %d", c.a, c.b, c.limit, got, c.want)
		}
	}
}
