package workflows

import (
	"errors"
	"fmt"
	"strings"

	vividly "github.com/vividly-edu/vividly"
	"go.temporal.io/sdk/temporal"
)

// describeFailure turns a stage's error into a reason a person can act on:
// which stage, what kind of trouble, and what to do. It is shown to students
// and stored, so it never carries the error's own text unless the activity
// typed it as permanent (a reason written for people, such as what in the
// request is invalid): an infrastructure error may name hosts, users or
// databases, and belongs in the worker's log.
func describeFailure(err error) string {
	var f *failure
	stage := vividly.Status("")
	if errors.As(err, &f) {
		stage = f.stage
		err = f.err
	}
	var appErr *temporal.ApplicationError
	if errors.As(err, &appErr) && appErr.NonRetryable() {
		return fmt.Sprintf("%s failed: %s. Fix the request and submit it again.", stage, appErr.Message())
	}
	trouble := "a service it needs kept failing"
	var timeout *temporal.TimeoutError
	if errors.As(err, &timeout) {
		trouble = "it ran out of time (" + timeout.TimeoutType().String() + ")"
	}
	return fmt.Sprintf("%s could not be finished: %s. Nothing is wrong with the request: "+
		"submit it again with the same request id, or run `vividly retry <request id>`, "+
		"and it starts over.", stage, trouble)
}

// parseAnswer reads a clarification payload: {"answer": "...", "round": n} as
// documented (round optional), or a bare JSON string, which people type too.
func parseAnswer(raw any) (string, int, error) {
	var answer string
	round := 0
	switch v := raw.(type) {
	case string:
		answer = v
	case map[string]any:
		s, ok := v["answer"].(string)
		if !ok {
			return "", 0, errors.New(`payload has no string field "answer"`)
		}
		answer = s
		if r, ok := v["round"].(float64); ok && r >= 1 && r == float64(int(r)) {
			round = int(r)
		}
	default:
		return "", 0, fmt.Errorf("a payload of type %T is not {\"answer\": \"...\"}", v)
	}
	answer = strings.TrimSpace(answer)
	if err := vividly.ValidateAnswer(answer); err != nil {
		return "", 0, err
	}
	return answer, round, nil
}
