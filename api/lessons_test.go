package api_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/vividly-edu/vividly/api"
	"github.com/vividly-edu/vividly/workflows"
)

// call is do, with the answer checked against the served OpenAPI document.
func (e *env) call(c *contract, method, path, token string, body any, header ...string) reply {
	e.t.Helper()
	r := e.do(method, path, token, body, header...)
	c.check(e.t, method, path, r)
	return r
}

func (e *env) ask(c *contract, token, question string) api.Lesson {
	e.t.Helper()
	r := e.call(c, http.MethodPost, "/v1/lessons", token, api.NewLesson{Question: question, Grade: 6, Modality: "text"})
	if r.status != http.StatusAccepted {
		e.t.Fatalf("POST /v1/lessons: %d %s", r.status, r.body)
	}
	var l api.Lesson
	r.json(e.t, &l)
	if r.header.Get("Location") != "/v1/lessons/"+l.ID {
		e.t.Errorf("Location = %q, want /v1/lessons/%s", r.header.Get("Location"), l.ID)
	}
	return l
}

// newAPI is a server, its contract and a token for a student, Ada.
func newAPI(t *testing.T, opts api.Options) (*env, *contract, string) {
	e := newEnv(t, opts)
	_, token := e.student("Ada")
	return e, e.contract(), token
}

// list is the first page of the caller's lessons.
func (e *env) list(c *contract, token string) []api.LessonLine {
	e.t.Helper()
	var list struct{ Lessons []api.LessonLine }
	e.call(c, http.MethodGet, "/v1/lessons", token, nil).json(e.t, &list)
	return list.Lessons
}

// A student sees and acts on their own lessons only: another's lesson is
// 404, as an unknown one is, so ids cannot be probed; without a valid token,
// 401.
func TestAuthorisation(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Options{})
	c := e.contract()
	_, tokenA := e.student("Ada")
	b, tokenB := e.student("Ben")
	l := e.ask(c, tokenA, "How do volcanoes erupt?")
	own := "/v1/lessons/" + l.ID
	unknown := "/v1/lessons/00000000-0000-4000-8000-000000000000"
	answer := map[string]string{"answer": "geology"}

	if r := e.call(c, http.MethodGet, own, tokenA, nil); r.status != http.StatusOK {
		t.Fatalf("the owner reading their lesson: %d %s", r.status, r.body)
	}
	_, tokenGone := e.student("Gone")
	gone, err := e.db.StudentByToken(t.Context(), tokenGone)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.DeleteStudent(t.Context(), gone.ID); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, method, path, token string
		body                      any
		want                      int
	}{
		{"B reads A's lesson", http.MethodGet, own, tokenB, nil, http.StatusNotFound},
		{"B answers A's lesson", http.MethodPost, own + "/clarification", tokenB, answer, http.StatusNotFound},
		{"B cancels A's lesson", http.MethodDelete, own, tokenB, nil, http.StatusNotFound},
		{"B follows A's lesson", http.MethodGet, own + "/events", tokenB, nil, http.StatusNotFound},
		{"B reads A's video", http.MethodGet, own + "/media/video", tokenB, nil, http.StatusNotFound},
		{"B reads an unknown lesson", http.MethodGet, unknown, tokenB, nil, http.StatusNotFound},
		{"no token reads A's lesson", http.MethodGet, own, "", nil, http.StatusUnauthorized},
		{"no token lists", http.MethodGet, "/v1/lessons", "", nil, http.StatusUnauthorized},
		{"no token asks", http.MethodPost, "/v1/lessons", "", api.NewLesson{Question: "What is rain?", Grade: 3}, http.StatusUnauthorized},
		{"no token answers", http.MethodPost, own + "/clarification", "", answer, http.StatusUnauthorized},
		{"a made-up token", http.MethodGet, own, "vvd_madeup", nil, http.StatusUnauthorized},
		{"a deleted student's token", http.MethodGet, "/v1/lessons", tokenGone, nil, http.StatusUnauthorized},
	}
	for _, tc := range cases {
		var r reply
		if strings.Contains(tc.path, "/media/") {
			r = e.do(tc.method, tc.path, tc.token, tc.body)
		} else {
			r = e.call(c, tc.method, tc.path, tc.token, tc.body)
		}
		if r.status != tc.want {
			t.Errorf("%s: %d %s, want %d", tc.name, r.status, r.body, tc.want)
		}
	}
	if n := len(e.list(c, tokenB)); n != 0 {
		t.Errorf("B's list shows %d lessons, want none of A's", n)
	}
	if _, err := workflows.LatestRun(t.Context(), temporal, l.ID); err != nil {
		t.Errorf("A's lesson: %v", err)
	}
	_ = b
	for _, want := range []string{"GET /v1/lessons/{id} 200", "GET /v1/lessons/{id} 404", "POST /v1/lessons 202", "GET /v1/lessons 401", "DELETE /v1/lessons/{id} 404"} {
		if !c.checked[want] {
			t.Errorf("no answer %q was validated against the document (validated: %v)", want, c.checked)
		}
	}
}

// The API refuses what the Pub/Sub contract refuses, with the same words.
func TestValidationMatchesTheContract(t *testing.T) {
	t.Parallel()
	e, c, token := newAPI(t, api.Options{})
	cases := []struct {
		body api.NewLesson
		want string
	}{
		{api.NewLesson{Question: "   ", Grade: 5}, "invalid question: empty"},
		{api.NewLesson{Question: strings.Repeat("a", 1001), Grade: 5}, "invalid question: 1001 characters, more than the limit of 1000"},
		{api.NewLesson{Question: "Why is the sky blue?", Grade: 13}, "invalid grade: 13 is outside K–12"},
		{api.NewLesson{Question: "Why is the sky blue?", Grade: 5, Modality: "podcast"}, `invalid modality: "podcast" is not one of text, video`},
		{api.NewLesson{Question: "Why is the sky blue?", Grade: 5, Interest: strings.Repeat("b", 81)}, "invalid interest: 81 characters"},
	}
	for _, tc := range cases {
		r := e.call(c, http.MethodPost, "/v1/lessons", token, tc.body)
		var problem struct{ Detail string }
		r.json(t, &problem)
		if r.status != http.StatusUnprocessableEntity || !strings.HasPrefix(problem.Detail, tc.want) {
			t.Errorf("%+v: %d %s, want 422 saying %q", tc.body, r.status, r.body, tc.want)
		}
	}
	if r := e.call(c, http.MethodPost, "/v1/lessons", token, api.NewLesson{Question: strings.Repeat("é", 20000)}); r.status != http.StatusRequestEntityTooLarge {
		t.Errorf("a 40 KB body: %d, want 413", r.status)
	}
	if n := len(e.list(c, token)); n != 0 {
		t.Errorf("refused requests left %d lessons", n)
	}
}

// A retried POST with the same Idempotency-Key starts nothing new.
func TestIdempotencyKey(t *testing.T) {
	t.Parallel()
	e, c, token := newAPI(t, api.Options{})
	body := api.NewLesson{Question: "What is erosion?", Grade: 4}
	var first, again, other api.Lesson
	e.call(c, http.MethodPost, "/v1/lessons", token, body, "Idempotency-Key", "k-1").json(t, &first)
	e.call(c, http.MethodPost, "/v1/lessons", token, body, "Idempotency-Key", "k-1").json(t, &again)
	e.call(c, http.MethodPost, "/v1/lessons", token, body, "Idempotency-Key", "k-2").json(t, &other)
	if first.ID == "" || again.ID != first.ID {
		t.Errorf("a retry with the same key gave lesson %s, the first %s", again.ID, first.ID)
	}
	if other.ID == first.ID {
		t.Error("another key gave the same lesson")
	}
	if n := len(e.list(c, token)); n != 2 {
		t.Errorf("%d lessons listed, want 2", n)
	}
}

// Lessons are listed newest first, a page at a time.
func TestListPages(t *testing.T) {
	t.Parallel()
	e, c, token := newAPI(t, api.Options{})
	var ids []string
	for i := range 5 {
		ids = append(ids, e.ask(c, token, "Question number "+strconv.Itoa(i)).ID)
	}
	var got []string
	cursor := ""
	for pages := 0; pages < 5; pages++ {
		var page struct {
			Lessons    []api.LessonLine
			NextCursor string `json:"next_cursor"`
		}
		e.call(c, http.MethodGet, "/v1/lessons?limit=2&cursor="+url.QueryEscape(cursor), token, nil).json(t, &page)
		for _, l := range page.Lessons {
			got = append(got, l.ID)
		}
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	if len(got) != 5 {
		t.Fatalf("listed %d lessons over the pages, want 5", len(got))
	}
	for i := range got {
		if got[i] != ids[4-i] {
			t.Fatalf("order %v, want newest first %v", got, ids)
		}
	}
	if r := e.call(c, http.MethodGet, "/v1/lessons?cursor=bogus", token, nil); r.status != http.StatusUnprocessableEntity {
		t.Errorf("a made-up cursor: %d, want 422", r.status)
	}
}

// A student over the limit is told when to come back.
func TestRateLimit(t *testing.T) {
	t.Parallel()
	e, c, token := newAPI(t, api.Options{LessonsPerHour: 2})
	_, other := e.student("Ben")
	e.ask(c, token, "What is a cell?")
	e.ask(c, token, "What is a tissue?")
	r := e.call(c, http.MethodPost, "/v1/lessons", token, api.NewLesson{Question: "What is an organ?", Grade: 6})
	if r.status != http.StatusTooManyRequests {
		t.Fatalf("third lesson in an hour: %d %s, want 429", r.status, r.body)
	}
	if s, err := strconv.Atoi(r.header.Get("Retry-After")); err != nil || s < 3000 || s > 3600 {
		t.Errorf("Retry-After = %q, want about an hour in seconds", r.header.Get("Retry-After"))
	}
	e.ask(c, other, "What is an organ?") // another student is not held back
}

// Cancelling a running lesson is accepted once; a lesson that has ended
// cannot be cancelled.
func TestCancel(t *testing.T) {
	t.Parallel()
	e, c, token := newAPI(t, api.Options{})
	l := e.ask(c, token, "What is a comet?")
	if r := e.call(c, http.MethodDelete, "/v1/lessons/"+l.ID, token, nil); r.status != http.StatusAccepted {
		t.Fatalf("cancel: %d %s", r.status, r.body)
	}
}
