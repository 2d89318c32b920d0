package postgres_test

import (
	"testing"
	"time"

	"github.com/vividly-edu/vividly"
)

// A kept lesson is found under its key while it is fresh, replaced by a
// newer one, and goes with the request it was made for.
func TestLessonCacheFollowsItsRequest(t *testing.T) {
	t.Parallel()
	db, _ := open(t)
	ctx := t.Context()
	r := newRequest()
	if err := db.CreateRequest(ctx, r); err != nil {
		t.Fatal(err)
	}
	made := time.Now().Add(-time.Hour)
	l := vividly.CachedLesson{Key: "k1", RequestID: r.ID, Modality: vividly.ModalityText, Files: []string{"script.md"},
		Title: "Fractions, explained through baking", CostUSD: 0.002, CreatedAt: made}
	if err := db.KeepLesson(ctx, l); err != nil {
		t.Fatal(err)
	}
	got, ok, err := db.FindLesson(ctx, "k1", made.Add(-time.Minute))
	if err != nil || !ok || got.Title != l.Title || got.RequestID != r.ID || got.CostUSD != 0.002 {
		t.Fatalf("FindLesson = %+v %v %v", got, ok, err)
	}
	if _, ok, _ := db.FindLesson(ctx, "k1", made.Add(time.Minute)); ok {
		t.Error("a lesson kept before notBefore was found")
	}
	if _, ok, _ := db.FindLesson(ctx, "other", made.Add(-time.Minute)); ok {
		t.Error("a lesson was found under another key")
	}
	if _, err := db.DeleteRequest(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := db.FindLesson(ctx, "k1", time.Time{}); ok {
		t.Error("the lesson of a deleted request is still kept")
	}
	// A lesson may be kept before its request's row is stored (the row
	// follows in the background); deleting the request by id still forgets it.
	later := newRequest()
	l.RequestID = later.ID
	if err := db.KeepLesson(ctx, l); err != nil {
		t.Fatal(err)
	}
	if deleted, err := db.DeleteRequest(ctx, later.ID); err != nil || !deleted {
		t.Fatalf("DeleteRequest of a request with only a kept lesson = %v, %v", deleted, err)
	}
	if _, ok, _ := db.FindLesson(ctx, "k1", time.Time{}); ok {
		t.Error("the lesson of a deleted request is still kept")
	}
}
