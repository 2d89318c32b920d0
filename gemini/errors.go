package gemini

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"unicode/utf8"

	"google.golang.org/genai"

	vividly "github.com/vividly-edu/vividly"
)

// StatusError is an HTTP error answer from Vertex AI. Whether retrying can
// help is told by vividly.IsPermanent on the error returned, not by this type.
type StatusError struct {
	Op      string // "understand" or "write script"
	Model   string
	Code    int    // HTTP status, e.g. 404
	Status  string // Google's status name, e.g. "NOT_FOUND"
	Message string // the service's message, shortened
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("gemini %s: model %s: HTTP %d %s: %s", e.Op, e.Model, e.Code, e.Status, e.Message)
}

// maxMessageRunes bounds how much of a service message an error repeats.
const maxMessageRunes = 300

// classify turns a GenerateContent error into one the lifecycle can act on.
// ctx is the caller's context and cctx the per-call one, so a call that ran
// out of its own time is told apart from a caller that gave up.
func (c *Client) classify(ctx, cctx context.Context, op string, err error) error {
	var api genai.APIError
	if errors.As(err, &api) {
		se := &StatusError{Op: op, Model: c.model, Code: api.Code, Status: api.Status, Message: shorten(api.Message)}
		if permanentStatus(api.Code) {
			return vividly.Permanent(se)
		}
		return se
	}
	if ctx.Err() != nil {
		return fmt.Errorf("gemini %s: %w", op, ctx.Err())
	}
	if errors.Is(cctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("gemini %s: model %s did not answer within %s: %w", op, c.model, c.timeout, context.DeadlineExceeded)
	}
	// A transport failure (connection refused, reset, TLS, token fetch):
	// worth another try. The error names the endpoint, never the request.
	return fmt.Errorf("gemini %s: model %s: %w", op, c.model, err)
}

// permanentStatus reports whether an HTTP status means the same request will
// fail again: a bad request, no permission, no such model. 408, 409 and 429
// are the 4xx answers that may pass on a later try; 5xx are all transient.
func permanentStatus(code int) bool {
	switch code {
	case http.StatusRequestTimeout, http.StatusConflict, http.StatusTooManyRequests:
		return false
	}
	return code >= 400 && code < 500
}

// shorten keeps a service message short and on one line.
func shorten(s string) string {
	s = vividly.Printable(s)
	if utf8.RuneCountInString(s) <= maxMessageRunes {
		return s
	}
	return string([]rune(s)[:maxMessageRunes]) + "…"
}
