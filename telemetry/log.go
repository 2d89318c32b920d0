package telemetry

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"strings"
)

// Log attribute keys that name a request.
const (
	LogRequestID  = "request_id"
	LogWorkflowID = "workflow_id"
	// sdkWorkflowID is the key the Temporal SDK's workflow and activity loggers use.
	sdkWorkflowID = "WorkflowID"
)

// Redacted replaces student text in lines above debug.
const Redacted = "[redacted]"

// StudentTextKeys are the log attribute keys (compared without case) whose
// values may hold a student's words, or words made from them: they are shown
// at debug level only, and replaced by Redacted above it.
var StudentTextKeys = []string{
	"question", "questions", "interest", "answer", "answers", "student_query",
	"clarifying_questions", "clarification_answer", "script", "title",
}

// LogOptions configure NewLogger.
type LogOptions struct {
	// Level is the least level written; nil means info.
	Level slog.Leveler
	// WorkflowID gives a request's workflow id, so a line that has request_id
	// gets workflow_id too. Nil adds none.
	WorkflowID func(requestID string) string
	// RequestID gives the request a workflow id belongs to, false when it is
	// not a request's workflow, so that the SDK's lines (which carry
	// WorkflowID) get request_id and workflow_id too. Nil adds none.
	RequestID func(workflowID string) (string, bool)
}

// NewLogger is Vividly's logger: JSON lines on w, with request_id and
// workflow_id both present on a line that has either, and student text
// (StudentTextKeys) only at debug level.
func NewLogger(w io.Writer, opts LogOptions) *slog.Logger {
	return slog.New(NewLogHandler(w, opts))
}

// NewLogHandler is the slog.Handler of NewLogger.
func NewLogHandler(w io.Writer, opts LogOptions) slog.Handler {
	return &logHandler{inner: slog.NewJSONHandler(w, &slog.HandlerOptions{Level: opts.Level}), opts: &opts}
}

// logHandler wraps a JSON handler. Student text given to With is held back
// until a record's level is known; ids given to With are remembered so a
// record can be completed with the other one.
type logHandler struct {
	inner slog.Handler
	opts  *LogOptions

	held       []slog.Attr // attributes from With that hold student text
	requestID  string      // from With
	workflowID string      // from With, under either key
	ownWfKey   bool        // workflow_id itself was given
	grouped    bool        // WithGroup was called: attributes now land in a group
}

func (h *logHandler) Enabled(ctx context.Context, l slog.Level) bool { return h.inner.Enabled(ctx, l) }

func (h *logHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	nh := *h
	nh.held = slices.Clip(h.held)
	pass := make([]slog.Attr, 0, len(attrs))
	for _, a := range attrs {
		a.Value = a.Value.Resolve()
		if !holdsStudentText(a) {
			if !nh.grouped {
				nh.noteID(a)
			}
			pass = append(pass, a)
			continue
		}
		if nh.grouped {
			// Held attributes are added at the top level; inside a group the
			// level is not known yet either, so keep on the safe side.
			pass = append(pass, redact(a, false))
			continue
		}
		nh.held = append(nh.held, a)
	}
	nh.inner = h.inner.WithAttrs(pass)
	return &nh
}

func (h *logHandler) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	nh := *h
	// Attributes held so far belong outside the group: write them now, redacted,
	// since the level is not known.
	if len(h.held) > 0 {
		redacted := make([]slog.Attr, len(h.held))
		for i, a := range h.held {
			redacted[i] = redact(a, false)
		}
		nh.inner = h.inner.WithAttrs(redacted)
		nh.held = nil
	}
	nh.inner = nh.inner.WithGroup(name)
	nh.grouped = true
	return &nh
}

func (h *logHandler) Handle(ctx context.Context, r slog.Record) error {
	keep := r.Level <= slog.LevelDebug
	out := slog.NewRecord(r.Time, r.Level, r.Message, r.PC)
	ids := *h
	r.Attrs(func(a slog.Attr) bool {
		a.Value = a.Value.Resolve()
		if !h.grouped {
			ids.noteID(a)
		}
		out.AddAttrs(redact(a, keep))
		return true
	})
	for _, a := range h.held {
		out.AddAttrs(redact(a, keep))
	}
	if !h.grouped {
		ids.complete(&out)
	}
	return h.inner.Handle(ctx, out)
}

// noteID remembers a request or workflow id attribute.
func (h *logHandler) noteID(a slog.Attr) {
	switch a.Key {
	case LogRequestID:
		h.requestID = a.Value.String()
	case LogWorkflowID:
		h.workflowID, h.ownWfKey = a.Value.String(), true
	case sdkWorkflowID:
		if !h.ownWfKey {
			h.workflowID = a.Value.String()
		}
	}
}

// complete adds workflow_id and request_id where one is known and the other not.
func (h *logHandler) complete(r *slog.Record) {
	if h.workflowID == "" && h.requestID != "" && h.opts.WorkflowID != nil {
		h.workflowID = h.opts.WorkflowID(h.requestID)
		h.ownWfKey = true
		r.AddAttrs(slog.String(LogWorkflowID, h.workflowID))
	}
	if h.workflowID != "" && !h.ownWfKey {
		r.AddAttrs(slog.String(LogWorkflowID, h.workflowID))
	}
	if h.requestID == "" && h.workflowID != "" && h.opts.RequestID != nil {
		if id, ok := h.opts.RequestID(h.workflowID); ok {
			r.AddAttrs(slog.String(LogRequestID, id))
		}
	}
}

// isStudentKey reports whether key is one of StudentTextKeys.
func isStudentKey(key string) bool {
	for _, k := range StudentTextKeys {
		if strings.EqualFold(k, key) {
			return true
		}
	}
	return false
}

// holdsStudentText reports whether a, or a group inside it, has a student-text key.
func holdsStudentText(a slog.Attr) bool {
	if isStudentKey(a.Key) {
		return true
	}
	if a.Value.Kind() == slog.KindGroup {
		return slices.ContainsFunc(a.Value.Group(), holdsStudentText)
	}
	return false
}

// redact returns a, or with keep false a with its student text replaced.
func redact(a slog.Attr, keep bool) slog.Attr {
	switch {
	case keep:
		return a
	case isStudentKey(a.Key):
		return slog.String(a.Key, Redacted)
	case a.Value.Kind() == slog.KindGroup:
		in := a.Value.Group()
		out := make([]slog.Attr, len(in))
		for i, g := range in {
			g.Value = g.Value.Resolve()
			out[i] = redact(g, false)
		}
		return slog.Attr{Key: a.Key, Value: slog.GroupValue(out...)}
	}
	return a
}
