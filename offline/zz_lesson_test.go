package offline

import (
	"context"
	"os"
	"strconv"
	"testing"

	vividly "github.com/vividly-edu/vividly"
)

func TestZZLesson(t *testing.T) {
	q := os.Getenv("Q")
	if q == "" {
		t.Skip()
	}
	g, _ := strconv.Atoi(os.Getenv("G"))
	ctx := context.Background()
	u, err := NewUnderstander(testStore).Understand(ctx, vividly.UnderstandInput{Question: q, Grade: g, Interest: os.Getenv("I")})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", u)
	ps, _ := NewRetriever(testStore).Retrieve(ctx, u, g, 4)
	s, err := NewScriptWriter().WriteScript(ctx, vividly.ScriptInput{Question: q, Grade: g, Interest: os.Getenv("I"), Understanding: u, Passages: ps})
	if err != nil {
		t.Fatal(err)
	}
	for i, seg := range s.Segments {
		t.Logf("SEG %d [%s]: %s", i, seg.Heading, seg.Narration)
	}
}
