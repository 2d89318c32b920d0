package postgres_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/vividly-edu/vividly"
)

func TestTokensAreStoredAsHashesAndDieWithTheirStudent(t *testing.T) {
	t.Parallel()
	db, dbURL := open(t)
	ctx := t.Context()
	st, err := db.EnsureStudent(ctx, "local:ada", "Ada")
	if err != nil {
		t.Fatal(err)
	}
	again, err := db.EnsureStudent(ctx, "local:ada", "ADA")
	if err != nil || again.ID != st.ID {
		t.Fatalf("signing in again made student %s (%v), want %s", again.ID, err, st.ID)
	}
	token, err := db.CreateToken(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := db.StudentByToken(ctx, token); err != nil || got.ID != st.ID {
		t.Fatalf("StudentByToken = %+v, %v", got, err)
	}
	conn := connect(t, dbURL)
	if n := count(t, conn, `SELECT count(*) FROM student_tokens WHERE position($1::bytea in hash) > 0`, []byte(token)); n != 0 {
		t.Error("the token itself is stored")
	}
	sid, csrf, err := db.CreateSession(ctx, st.ID, time.Hour)
	if err != nil || csrf == "" {
		t.Fatal(err)
	}
	if se, err := db.SessionByID(ctx, sid); err != nil || se.CSRF != csrf || se.Student.ID != st.ID {
		t.Fatalf("SessionByID = %+v, %v", se, err)
	}
	if _, err := db.DeleteStudent(ctx, st.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.StudentByToken(ctx, token); !errors.Is(err, vividly.ErrNotFound) {
		t.Errorf("a deleted student's token: %v, want not found", err)
	}
	if _, err := db.SessionByID(ctx, sid); !errors.Is(err, vividly.ErrNotFound) {
		t.Errorf("a deleted student's session: %v, want not found", err)
	}
}

func TestClaimsAreIdempotentPrivateAndErasedWithTheRequest(t *testing.T) {
	t.Parallel()
	db, _ := open(t)
	ctx := t.Context()
	ada, _ := db.EnsureStudent(ctx, "local:ada", "Ada")
	ben, _ := db.EnsureStudent(ctx, "local:ben", "Ben")
	first := uuid.NewString()
	id, fresh, err := db.ClaimLesson(ctx, ada.ID, first, "What is rain?", "key-1")
	if err != nil || !fresh || id != first {
		t.Fatalf("first claim = %s, %v, %v", id, fresh, err)
	}
	id, fresh, err = db.ClaimLesson(ctx, ada.ID, uuid.NewString(), "What is rain?", "key-1")
	if err != nil || fresh || id != first {
		t.Fatalf("a retry with the same key = %s, %v, %v; want %s, not fresh", id, fresh, err, first)
	}
	if _, fresh, err := db.ClaimLesson(ctx, ben.ID, uuid.NewString(), "What is snow?", "key-1"); err != nil || !fresh {
		t.Errorf("another student's key-1: fresh %v, %v", fresh, err)
	}
	if owns, _ := db.OwnsLesson(ctx, ben.ID, first); owns {
		t.Error("Ben owns Ada's lesson")
	}
	lines, err := db.LessonsOf(ctx, ada.ID, nil, 10)
	if err != nil || len(lines) != 1 || lines[0].Question != "What is rain?" || lines[0].Status != vividly.StatusPending {
		t.Fatalf("Ada's lessons = %+v, %v", lines, err)
	}
	if deleted, err := db.DeleteRequest(ctx, first); err != nil || !deleted {
		t.Fatalf("DeleteRequest = %v, %v", deleted, err)
	}
	if q, err := db.ClaimedQuestion(ctx, first); !errors.Is(err, vividly.ErrNotFound) || strings.Contains(q, "rain") {
		t.Errorf("after erasing, the question is still kept: %q, %v", q, err)
	}
}

func TestRequestsOfIncludesLessonsNotStoredYet(t *testing.T) {
	t.Parallel()
	db, _ := open(t)
	ctx := t.Context()
	ada, _ := db.EnsureStudent(ctx, "local:ada", "Ada")
	stored := newRequest()
	stored.StudentID = ada.ID
	if err := db.CreateRequest(ctx, stored); err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.ClaimLesson(ctx, ada.ID, stored.ID, stored.Question, ""); err != nil {
		t.Fatal(err)
	}
	pending := uuid.NewString()
	if _, _, err := db.ClaimLesson(ctx, ada.ID, pending, "What is hail?", ""); err != nil {
		t.Fatal(err)
	}
	ids, err := db.RequestsOf(ctx, ada.ID)
	if err != nil || len(ids) != 2 || ids[0] != stored.ID || ids[1] != pending {
		t.Errorf("RequestsOf = %v, %v; want %s then %s", ids, err, stored.ID, pending)
	}
}
