package api

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/google/uuid"
	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/postgres"
	"github.com/vividly-edu/vividly/workflows"
	"go.temporal.io/sdk/temporal"
)

var jsonMarshal = json.Marshal

// maxBodyBytes bounds a request's body: a valid one is well under it (1000
// characters of question at up to 4 bytes each, with JSON escapes).
const maxBodyBytes = 16 << 10

// progressWithin bounds the wait for a lesson's progress query, which a
// worker answers.
const progressWithin = 2 * time.Second

// NewLesson is what a student asks for.
type NewLesson struct {
	Question string `json:"question" doc:"The student's question, up to 1000 characters."`
	Grade    int    `json:"grade" doc:"Grade level: 0 for kindergarten, up to 12."`
	Interest string `json:"interest,omitempty" doc:"Something the student loves, woven into the lesson (up to 80 characters)."`
	Modality string `json:"modality,omitempty" doc:"text (the script only) or video (the default)."`
}

// Clarifying is a question the lesson asks the student, with the answers
// it offers (empty when any answer in a few words will do).
type Clarifying struct {
	Question string   `json:"question"`
	Choices  []string `json:"choices"`
}

// Media are links to a finished lesson's files on this server.
type Media struct {
	Video    string `json:"video,omitempty" doc:"The video (MP4; range requests allowed). For a lesson in Cloud Storage, a redirect to a fresh signed URL, as for every medium."`
	Captions string `json:"captions,omitempty" doc:"The captions (WebVTT)."`
	Script   string `json:"script,omitempty" doc:"The script (Markdown)."`
	// ScriptJSON is the script with its segments and credits, as data.
	ScriptJSON string `json:"script_json,omitempty" doc:"The script as JSON: title, segments (heading, narration, key points) and credits."`
}

// LessonResult is what a lesson ended with.
type LessonResult struct {
	Title           string           `json:"title,omitempty"`
	Topic           string           `json:"topic,omitempty"`
	Subject         string           `json:"subject,omitempty"`
	Message         string           `json:"message,omitempty"`
	DurationSeconds float64          `json:"duration_seconds,omitempty"`
	Media           Media            `json:"media"`
	ExternalVideo   string           `json:"external_video_url,omitempty" doc:"A link to the video in the object store, when it gives one."`
	Sources         []vividly.Source `json:"sources"`
	Grounded        bool             `json:"grounded"`
	Degraded        bool             `json:"degraded"`
}

// Lesson is where a lesson stands.
type Lesson struct {
	ID         string         `json:"id" format:"uuid"`
	Status     vividly.Status `json:"status"`
	Stage      vividly.Status `json:"stage"`
	StageLabel string         `json:"stage_label" doc:"The stage in words, for people."`
	Progress   int            `json:"progress" minimum:"0" maximum:"100"`
	Terminal   bool           `json:"terminal"`
	Clarifying []Clarifying   `json:"clarifying_questions"`
	Round      int            `json:"clarification_round,omitempty"`
	Result     *LessonResult  `json:"result,omitempty"`
	Error      string         `json:"error,omitempty" doc:"Why the lesson did not finish, for the student."`
	Degraded   bool           `json:"degraded"`
	Question   string         `json:"question,omitempty"`
	AskedAt    *time.Time     `json:"asked_at,omitempty"`
	EventsURL  string         `json:"events_url"`
}

type lessonIDInput struct {
	ID string `path:"id" doc:"The lesson's id." format:"uuid"`
}

type lessonOutput struct {
	Body Lesson
}

type createInput struct {
	IdempotencyKey string `header:"Idempotency-Key" maxLength:"255" doc:"Retrying with the same key starts nothing new and answers with the same lesson."`
	Body           NewLesson
}

type createOutput struct {
	Location string `header:"Location"`
	Body     Lesson
}

type listInput struct {
	Limit  int    `query:"limit" minimum:"1" maximum:"100" default:"20"`
	Cursor string `query:"cursor" maxLength:"200" doc:"The next_cursor of the previous page."`
}

// LessonLine is a line of the list of lessons.
type LessonLine struct {
	ID       string         `json:"id" format:"uuid"`
	Question string         `json:"question"`
	Status   vividly.Status `json:"status"`
	Progress int            `json:"progress"`
	AskedAt  time.Time      `json:"asked_at"`
}

type listOutput struct {
	Body struct {
		Lessons    []LessonLine `json:"lessons"`
		NextCursor string       `json:"next_cursor,omitempty"`
	}
}

type clarifyInput struct {
	ID   string `path:"id" format:"uuid"`
	Body struct {
		Answer string `json:"answer" doc:"The answer: one of the offered choices, or a few words (up to 500 characters)."`
	}
}

func (s *Server) registerLessons() {
	huma.Register(s.api, huma.Operation{
		OperationID: "create-lesson", Method: http.MethodPost, Path: "/v1/lessons", DefaultStatus: http.StatusAccepted,
		MaxBodyBytes: maxBodyBytes,
		Summary:      "Ask for a lesson", Tags: []string{"lessons"},
		Errors: []int{http.StatusUnauthorized, http.StatusRequestEntityTooLarge, http.StatusUnprocessableEntity, http.StatusTooManyRequests, http.StatusServiceUnavailable},
	}, s.createLesson)
	huma.Register(s.api, huma.Operation{
		OperationID: "list-lessons", Method: http.MethodGet, Path: "/v1/lessons",
		Summary: "The caller's lessons, newest first", Tags: []string{"lessons"},
		Errors: []int{http.StatusUnauthorized, http.StatusUnprocessableEntity},
	}, s.listLessons)
	huma.Register(s.api, huma.Operation{
		OperationID: "get-lesson", Method: http.MethodGet, Path: "/v1/lessons/{id}",
		Summary: "Where a lesson stands, and its result", Tags: []string{"lessons"},
		Errors: []int{http.StatusUnauthorized, http.StatusNotFound},
	}, s.getLesson)
	huma.Register(s.api, huma.Operation{
		OperationID: "cancel-lesson", Method: http.MethodDelete, Path: "/v1/lessons/{id}",
		Summary: "Cancel a lesson", Tags: []string{"lessons"}, DefaultStatus: http.StatusAccepted,
		Errors: []int{http.StatusUnauthorized, http.StatusNotFound, http.StatusConflict},
	}, s.cancelLesson)
	huma.Register(s.api, huma.Operation{
		OperationID: "answer-clarification", Method: http.MethodPost, Path: "/v1/lessons/{id}/clarification",
		MaxBodyBytes: maxBodyBytes,
		Summary:      "Answer the lesson's clarifying question", Tags: []string{"lessons"},
		Description: "Sent as a Temporal Workflow Update: an answer the lesson refuses leaves no trace in its history. " +
			"Answers with the lesson's status once it has taken the answer.",
		Errors: []int{http.StatusUnauthorized, http.StatusNotFound, http.StatusConflict, http.StatusRequestEntityTooLarge, http.StatusUnprocessableEntity},
	}, s.answer)
}

// fieldNames maps the request's field names to the API's.
var fieldNames = map[string]string{"grade_level": "grade"}

func (s *Server) createLesson(ctx context.Context, in *createInput) (*createOutput, error) {
	st, err := student(ctx)
	if err != nil {
		return nil, err
	}
	r := vividly.Request{ID: uuid.NewString(), StudentID: st.ID, Question: in.Body.Question, Grade: in.Body.Grade,
		Interest: in.Body.Interest, Modality: vividly.Modality(strings.ToLower(in.Body.Modality))}
	r.Normalize()
	// One set of rules for every way in: the Pub/Sub contract's.
	if err := r.Validate(); err != nil {
		var ve *vividly.ValidationError
		if errors.As(err, &ve) {
			field := ve.Field
			if n, ok := fieldNames[field]; ok {
				field = n
			}
			return nil, huma.Error422UnprocessableEntity(fmt.Sprintf("invalid %s: %s", field, ve.Reason),
				&huma.ErrorDetail{Location: "body." + field, Message: ve.Reason})
		}
		return nil, err
	}
	wait, ok := s.limits.take(st.ID)
	if !ok {
		secs := int(wait/time.Second) + 1
		return nil, huma.ErrorWithHeaders(
			huma.NewError(http.StatusTooManyRequests, fmt.Sprintf("You have asked for %d lessons in the last hour; try again in %d minutes.", s.opts.LessonsPerHour, (secs+59)/60)),
			http.Header{"Retry-After": {strconv.Itoa(secs)}})
	}
	id, fresh, err := s.db.ClaimLesson(ctx, st.ID, r.ID, r.Question, in.IdempotencyKey)
	if err != nil {
		s.limits.give(st.ID)
		return nil, s.internal(ctx, "claim a lesson", err)
	}
	if !fresh {
		// A retry: the lesson it asked for was started the first time.
		s.limits.give(st.ID)
		l, err := s.lesson(ctx, id)
		if err != nil {
			return nil, err
		}
		return &createOutput{Location: "/v1/lessons/" + id, Body: l}, nil
	}
	if err := workflows.Start(ctx, s.temporal, workflows.Input{Request: r}); err != nil {
		s.limits.give(st.ID)
		_, _ = s.db.ForgetClaim(context.WithoutCancel(ctx), st.ID, r.ID)
		s.log.ErrorContext(ctx, "start a lesson", "request_id", r.ID, "error", err)
		return nil, huma.Error503ServiceUnavailable("Lessons cannot be started just now; try again in a minute.")
	}
	s.log.InfoContext(ctx, "lesson asked", "request_id", r.ID, "student_id", st.ID, "modality", string(r.Modality), "grade", r.Grade)
	s.log.DebugContext(ctx, "lesson question", "request_id", r.ID, "question", r.Question)
	now := time.Now()
	l := s.lessonOf(vividly.Snapshot{RequestID: r.ID, Status: vividly.StatusPending, Stage: vividly.StatusPending})
	l.Question, l.AskedAt = r.Question, &now
	return &createOutput{Location: "/v1/lessons/" + r.ID, Body: l}, nil
}

// own returns the 404 an operation on someone else's lesson, or one that
// does not exist, answers: the two are not told apart.
func (s *Server) own(ctx context.Context, id string) (postgres.Student, error) {
	st, err := student(ctx)
	if err != nil {
		return st, err
	}
	owns, err := s.db.OwnsLesson(ctx, st.ID, id)
	if err != nil {
		return st, s.internal(ctx, "check a lesson's owner", err)
	}
	if !owns {
		return st, huma.Error404NotFound("No lesson of yours has this id.")
	}
	return st, nil
}

func (s *Server) getLesson(ctx context.Context, in *lessonIDInput) (*lessonOutput, error) {
	if _, err := s.own(ctx, in.ID); err != nil {
		return nil, err
	}
	l, err := s.lesson(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	return &lessonOutput{Body: l}, nil
}

// lesson reads where a lesson stands: from the database, as `vividly status`
// does, or, before the workflow has stored it, from the workflow itself.
func (s *Server) lesson(ctx context.Context, id string) (Lesson, error) {
	rec, err := s.db.GetRequest(ctx, id)
	if err == nil {
		l := s.lessonOf(rec.Snapshot)
		l.Question = rec.Question
		at := rec.CreatedAt
		l.AskedAt = &at
		return l, nil
	}
	if !errors.Is(err, vividly.ErrNotFound) {
		s.log.WarnContext(ctx, "read a lesson from the database; asking the workflow", "request_id", id, "error", err)
	}
	// The query needs a worker; while none answers, the lesson has not
	// begun, which is what pending says.
	qctx, cancel := context.WithTimeout(ctx, progressWithin)
	defer cancel()
	snap, err := workflows.Progress(qctx, s.temporal, id)
	if err != nil {
		if !errors.Is(err, workflows.ErrNoLesson) {
			s.log.WarnContext(ctx, "the lesson did not say where it is; showing it as pending", "request_id", id, "error", err)
		}
		snap = vividly.Snapshot{RequestID: id, Status: vividly.StatusPending, Stage: vividly.StatusPending}
	}
	l := s.lessonOf(snap)
	if q, err := s.db.ClaimedQuestion(ctx, id); err == nil {
		l.Question = q
	}
	return l, nil
}

// lessonOf turns a snapshot into the API's view of it.
func (s *Server) lessonOf(p vividly.Snapshot) Lesson {
	l := Lesson{ID: p.RequestID, Status: p.Status, Stage: p.Stage, StageLabel: StageLabel(p.Status), Progress: p.Status.Progress(),
		Terminal: p.Status.Terminal(), Clarifying: []Clarifying{}, Round: p.ClarificationRound, Error: p.Error, Degraded: p.Degraded,
		EventsURL: "/v1/lessons/" + p.RequestID + "/events"}
	if p.Status == vividly.StatusClarificationNeeded {
		for _, q := range p.ClarifyingQuestions {
			l.Clarifying = append(l.Clarifying, Clarifying{Question: q, Choices: Choices(q)})
		}
	}
	if r := p.Result; r != nil {
		res := &LessonResult{Title: r.Title, Topic: r.Topic, Subject: r.Subject, Message: r.Message, DurationSeconds: r.DurationS,
			ExternalVideo: r.VideoURL, Sources: r.Sources, Grounded: r.Grounded, Degraded: r.Degraded}
		if res.Sources == nil {
			res.Sources = []vividly.Source{}
		}
		base := "/v1/lessons/" + p.RequestID + "/media/"
		if s.served(r.Video) {
			res.Media.Video = base + mediaVideo
		}
		if s.served(r.Captions) {
			res.Media.Captions = base + mediaCaptions
		}
		if s.served(r.Script) {
			res.Media.Script, res.Media.ScriptJSON = base+mediaScript, base+mediaScriptJSON
		}
		l.Result = res
	}
	return l
}

func (s *Server) listLessons(ctx context.Context, in *listInput) (*listOutput, error) {
	st, err := student(ctx)
	if err != nil {
		return nil, err
	}
	after, err := decodeCursor(in.Cursor)
	if err != nil {
		return nil, huma.Error422UnprocessableEntity("cursor: not a cursor this server gave")
	}
	limit := in.Limit
	if limit == 0 {
		limit = 20
	}
	lines, err := s.db.LessonsOf(ctx, st.ID, after, limit+1)
	if err != nil {
		return nil, s.internal(ctx, "list lessons", err)
	}
	out := &listOutput{}
	out.Body.Lessons = []LessonLine{}
	for i, l := range lines {
		if i == limit {
			out.Body.NextCursor = encodeCursor(lines[i-1])
			break
		}
		out.Body.Lessons = append(out.Body.Lessons, LessonLine{ID: l.RequestID, Question: l.Question, Status: l.Status, Progress: l.Progress, AskedAt: l.AskedAt})
	}
	return out, nil
}

// A cursor is the position of a page's last line: when it was asked and its id.
func encodeCursor(l postgres.LessonSummary) string {
	return base64.RawURLEncoding.EncodeToString([]byte(l.AskedAt.UTC().Format(time.RFC3339Nano) + "|" + l.RequestID))
}

func decodeCursor(c string) (*postgres.LessonSummary, error) {
	if c == "" {
		return nil, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return nil, err
	}
	at, id, ok := strings.Cut(string(b), "|")
	t, err := time.Parse(time.RFC3339Nano, at)
	if !ok || err != nil || uuid.Validate(id) != nil {
		return nil, errors.New("bad cursor")
	}
	return &postgres.LessonSummary{AskedAt: t, RequestID: id}, nil
}

func (s *Server) cancelLesson(ctx context.Context, in *lessonIDInput) (*lessonOutput, error) {
	if _, err := s.own(ctx, in.ID); err != nil {
		return nil, err
	}
	run, err := workflows.LatestRun(ctx, s.temporal, in.ID)
	if err != nil && !errors.Is(err, workflows.ErrNoLesson) {
		return nil, s.internal(ctx, "describe a lesson", err)
	}
	if err != nil || !run.Running {
		return nil, huma.Error409Conflict("The lesson has already ended.")
	}
	if err := workflows.Cancel(ctx, s.temporal, in.ID); err != nil {
		return nil, s.internal(ctx, "cancel a lesson", err)
	}
	l, err := s.lesson(ctx, in.ID)
	if err != nil {
		return nil, err
	}
	return &lessonOutput{Body: l}, nil
}

func (s *Server) answer(ctx context.Context, in *clarifyInput) (*lessonOutput, error) {
	if _, err := s.own(ctx, in.ID); err != nil {
		return nil, err
	}
	var ve *vividly.ValidationError
	if err := vividly.ValidateAnswer(in.Body.Answer); errors.As(err, &ve) {
		return nil, huma.Error422UnprocessableEntity(ve.Error(), &huma.ErrorDetail{Location: "body.answer", Message: ve.Reason})
	}
	snap, err := workflows.ClarifyUpdate(ctx, s.temporal, in.ID, strings.TrimSpace(in.Body.Answer))
	var appErr *temporal.ApplicationError
	switch {
	case err == nil:
	case errors.Is(err, workflows.ErrAnswerRejected) && errors.As(err, &appErr) && appErr.Type() == workflows.ErrTypeInvalidAnswer:
		return nil, huma.Error422UnprocessableEntity(appErr.Message())
	case errors.Is(err, workflows.ErrAnswerRejected) && errors.As(err, &appErr):
		return nil, huma.Error409Conflict(appErr.Message())
	default:
		// A lesson that has ended takes no update either.
		if run, rerr := workflows.LatestRun(ctx, s.temporal, in.ID); rerr == nil && !run.Running || errors.Is(rerr, workflows.ErrNoLesson) {
			return nil, huma.Error409Conflict("The lesson is not waiting for an answer: it has ended.")
		}
		return nil, s.internal(ctx, "answer a lesson", err)
	}
	s.log.InfoContext(ctx, "clarification answered", "request_id", in.ID, "status", string(snap.Status))
	return &lessonOutput{Body: s.lessonOf(snap)}, nil
}

// internal logs the cause and answers with a message for people only.
func (s *Server) internal(ctx context.Context, what string, err error) error {
	s.log.ErrorContext(ctx, what, "error", err)
	return huma.Error500InternalServerError("Internal error.")
}
