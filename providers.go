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
