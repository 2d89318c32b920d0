package starter

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestClipKeepsAttributesWithinLimit(t *testing.T) {
	for _, s := range []string{strings.Repeat("a", 5000), strings.Repeat("é", 700), strings.Repeat("😀", 300), "short"} {
		got := clip(s)
		if len(got) > maxAttrValue || !utf8.ValidString(got) {
			t.Errorf("clip(%d bytes) = %d bytes, valid UTF-8 %v", len(s), len(got), utf8.ValidString(got))
		}
		if len(s) <= maxAttrValue && got != s {
			t.Errorf("clip changed a short value")
		}
	}
}

func TestDeadLetterAttributes(t *testing.T) {
	attempt := 4
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("x", 3600))
	a := deadLetterAttributes(&Rejection{Reason: ReasonNotJSON, Detail: "d"}, "m1", &attempt, at)
	want := map[string]string{AttrReason: "not_json", AttrDetail: "d", AttrOriginalMessageID: "m1",
		AttrDeliveryAttempt: "4", AttrRejectedAt: "2026-01-02T02:04:05Z"}
	if len(a) != len(want) {
		t.Fatalf("attributes %v; want %v", a, want)
	}
	for k, v := range want {
		if a[k] != v {
			t.Errorf("%s = %q; want %q", k, a[k], v)
		}
	}
}
