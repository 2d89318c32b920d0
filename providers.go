package vividly

import (
	"context"
	"time"
)

// UnderstandInput is what an Understander reads: the question, and the student's
// answers to any clarifying questions asked so far.
type UnderstandInput struct {
	Question string   `json:"question"`
	Answers  []string `json:"answers,omitempty"`
	Grade    int      `json:"grade_level"`
	Interest string   `json:"interest,omitempty"`
	// Candidates are library topics retrieval found for the request, best
	// first, for a model to choose from; optional.
	Candidates []TopicCandidate `json:"candidates,omitempty"`
}

// TopicCandidate is a library topic a request may be about.
type TopicCandidate struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Subject string `json:"subject"`
}

// CandidateFinder finds the library topics a request may be about.
type CandidateFinder interface {
	Candidates(ctx context.Context, in UnderstandInput, limit int) ([]TopicCandidate, error)
}

// Understander works out which school topic a question is about.
type Understander interface {
	Understand(ctx context.Context, in UnderstandInput) (Understanding, error)
}

// Retriever finds open educational material on a topic.
type Retriever interface {
	Retrieve(ctx context.Context, u Understanding, grade int, limit int) ([]Passage, error)
}

// ScriptInput is everything a ScriptWriter may use.
type ScriptInput struct {
	Question       string        `json:"question"`
	Answers        []string      `json:"answers,omitempty"`
	Grade          int           `json:"grade_level"`
	Interest       string        `json:"interest,omitempty"`
	Understanding  Understanding `json:"understanding"`
	Passages       []Passage     `json:"passages"`
	TargetDuration time.Duration `json:"target_duration"`
	// Plan, when set, is what Vividly worked out about the lesson before
	// the writer ran; a model writer follows it and is checked against it.
	Plan *LessonPlan `json:"plan,omitempty"`
}

// LessonPlan is what a lesson must do for this student: the grade band's
// reading level and depth, the thing asked to be answered first, and a true
// scene from the interest that is an example of the topic's kind of idea.
type LessonPlan struct {
	Band         string   `json:"band"`          // "K-2", "3-5", "6-8", "9-10" or "11-12"
	ReadingLevel string   `json:"reading_level"` // how the text should read, for a writer
	Depth        string   `json:"depth"`         // what the band adds
	AskTerm      string   `json:"ask_term,omitempty"`
	AskMeaning   string   `json:"ask_meaning,omitempty"`
	HowTo        bool     `json:"how_to,omitempty"`
	Steps        []string `json:"steps,omitempty"`
	Example      string   `json:"example,omitempty"` // a worked example
	Frame        string   `json:"frame,omitempty"`   // the interest scene
	Link         string   `json:"link,omitempty"`    // the topic's core idea, to follow the scene
	KeyTerms     []string `json:"key_terms,omitempty"`
}

// LessonPlanner works out a lesson's plan.
type LessonPlanner interface {
	Plan(in ScriptInput) (LessonPlan, bool)
}

// ScriptWriter writes a lesson script pitched at a grade and woven around an interest.
type ScriptWriter interface {
	WriteScript(ctx context.Context, in ScriptInput) (Script, error)
}

// Narrator speaks a script into an audio file in dir.
type Narrator interface {
	Narrate(ctx context.Context, s Script, dir string) (Narration, error)
}

// RenderInput is what a Renderer turns into a video.
type RenderInput struct {
	Script    Script    `json:"script"`
	Narration Narration `json:"narration"`
	Dir       string    `json:"dir"` // where to write the video and captions
	// Cores is how many CPUs the render may keep busy (0: all of them): a
	// worker running several at once shares its CPUs among them.
	Cores int `json:"cores,omitempty"`
}

// Renderer turns a narrated script into a captioned video. progress is called now
// and then with the fraction done, so long renders can report liveness.
type Renderer interface {
	Render(ctx context.Context, in RenderInput, progress func(done float64)) (Video, error)
}

// ObjectStore keeps a lesson's files under a key and says where they are.
type ObjectStore interface {
	// Put stores the local file at key, replacing what is there, and returns a
	// URI for it. Storing the same key twice leaves one object.
	Put(ctx context.Context, key, localPath, contentType string) (uri string, err error)
}

// ContentPutter is an ObjectStore that can also store content held in
// memory, as Put stores a file: a text lesson's script is a few kilobytes
// the worker has in hand, and writing it to a work file only to copy that
// file was most of what storing it cost.
type ContentPutter interface {
	PutContent(ctx context.Context, key string, content []byte, contentType string) (uri string, err error)
}

// Remover is an ObjectStore that can also remove what it holds: every
// object whose key starts with prefix (a folder such as
// "content/<request_id>/"), for deletion on request. Removing what is not
// there is not an error.
type Remover interface {
	Remove(ctx context.Context, prefix string) (removed int, err error)
}

// Linker is an ObjectStore that can also give a link a student can open (a
// signed or public URL) for a stored key.
type Linker interface {
	URL(ctx context.Context, key string) (string, error)
}

// Notification tells a student their lesson has ended.
type Notification struct {
	RequestID string `json:"request_id"`
	StudentID string `json:"student_id"`
	Status    Status `json:"status"`
	Message   string `json:"message"`
}

// Notifier delivers a Notification. Delivering the same one twice must be harmless.
type Notifier interface {
	Notify(ctx context.Context, n Notification) error
}
