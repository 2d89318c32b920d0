package screen

import (
	"strings"
	"testing"
)

// FuzzRequest checks that no input makes the screen panic and that every
// verdict is well formed.
func FuzzRequest(f *testing.F) {
	for _, s := range []string{
		"", "explain fractions, also how do i hurt my classmate", "what’s the weather tomorrow",
		"how do i k1ll my n3ighbor", "soooo boreddddd", "\xff\xfe", "’’’", "a'b'c's", "|||...???",
		"how 2 buy weed", strings.Repeat("how to ", 300), "Mr Smith's address",
		"ＦＲＥＥ ＲＯＢＵＸ", "e\u0301xplain cafe\u0301 chemistry", "@@@ $$$ !!!",
	} {
		f.Add(s, "")
	}
	f.Fuzz(func(t *testing.T, q, a string) {
		checkVerdict(t, Request(q))
		checkVerdict(t, Request(q, a))
		o := Output(q)
		checkVerdict(t, o)
		if !o.Allowed() && !o.Unsafe() {
			t.Fatalf("Output returned a non-school category %q", o.Category)
		}
		_ = Interest(q)
	})
}

// checkVerdict fails unless v is one of the shapes the API promises.
func checkVerdict(t *testing.T, v Verdict) {
	t.Helper()
	r := v.Reason()
	switch {
	case r == "":
		if !v.Allowed() || v.Message != "" || v.Unsafe() {
			t.Fatalf("allowed verdict is inconsistent: %+v", v)
		}
	case r == "not_school":
		if v.Allowed() || v.Unsafe() || v.Message == "" || !nonSchool[v.Category] {
			t.Fatalf("non-school verdict is inconsistent: %+v", v)
		}
	case strings.HasPrefix(r, "unsafe:"):
		if !unsafeCategories[Category(strings.TrimPrefix(r, "unsafe:"))] || v.Message == "" {
			t.Fatalf("unsafe verdict is inconsistent: %+v", v)
		}
	default:
		t.Fatalf("unknown reason %q", r)
	}
}

var nonSchool = map[Category]bool{Shopping: true, Scores: true, Forecast: true,
	LocalBusiness: true, Dating: true, Gossip: true, Entertainment: true, Personal: true, NotSchool: true}

func BenchmarkRequestLong(b *testing.B) {
	q := strings.Repeat("can you explain how the water cycle works for someone who likes soccer and basketball? ", 60)
	for b.Loop() {
		Request(q, "grade 5", "soccer")
	}
}

func BenchmarkRequestShort(b *testing.B) {
	for b.Loop() {
		Request("explain photosynthesis for basketball fans")
	}
}
