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
// and stored, so it never carries the error's own text — an infrastructure
// error may name hosts, users or databases, a tool's error its output — except
// for an invalid request, whose reason names the field to fix. The full cause
// stays with the workflow's failure (the Web UI) and the worker's log.
func describeFailure(err error) string {
	var f *failure
	stage := vividly.Status("")
	if errors.As(err, &f) {
		stage = f.stage
		err = f.err
	}
	var appErr *temporal.ApplicationError
	if errors.As(err, &appErr) && appErr.NonRetryable() {
		if stage == vividly.StatusValidating {
			return fmt.Sprintf("%s failed: %s. Fix the request and submit it again.", stage, appErr.Message())
		}
		return fmt.Sprintf("%s failed: %s. Trying again will not help as it is; "+
			"asking about the topic in other words may.", stage, stageTrouble(stage))
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

// stageTrouble says, for a student, what could not be done at a stage.
func stageTrouble(stage vividly.Status) string {
	switch stage {
	case vividly.StatusUnderstanding:
		return "the question's topic could not be worked out"
	case vividly.StatusRetrieving:
		return "no material could be gathered for the lesson"
	case vividly.StatusGeneratingScript:
		return "the lesson's script could not be written"
	case vividly.StatusGeneratingAudio:
		return "the narration could not be recorded"
	case vividly.StatusGeneratingVideo:
		return "the video could not be made"
	case vividly.StatusUploading:
		return "the lesson could not be stored"
	case vividly.StatusNotifying:
		return "the lesson was made, but its delivery could not be recorded"
	}
	return "the lesson could not be made"
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
