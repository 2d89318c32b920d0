package child

import (
	"context"
	"testing"
)

// Only work that asked for priorities and is at the normal one now is first.
func TestFirst(t *testing.T) {
	nice := 10
	ctx := WithNice(context.Background(), func() int { return nice })
	if First(context.Background()) || First(ctx) {
		t.Error("work with no priority, or in the background, was taken for the first lesson's")
	}
	nice = 0
	if !First(ctx) {
		t.Error("the oldest lesson's work is not first")
	}
}
