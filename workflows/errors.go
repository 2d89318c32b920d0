package workflows

import (
	"errors"
	"fmt"
	"strings"

	vividly "github.com/vividly-edu/vividly"
	"go.temporal.io/sdk/temporal"
)

// describeFailure turns a stage's error into a reason a person can act on: which
// stage, what went wrong, and whether retrying the request may help.
func describeFailure(err error) string {
	var f *failure
	stage := vividly.Status("")
	if errors.As(err, &f) {
		stage = f.stage
		err = f.err
	}
	cause := err.Error()
	var appErr *temporal.ApplicationError
	if errors.As(err, &appErr) {
		cause = appErr.Error()
		if appErr.NonRetryable() {
			return fmt.Sprintf("%s failed: %s. Fix the request and submit it again.", stage, cause)
		}
	}
	var timeout *temporal.TimeoutError
	if errors.As(err, &timeout) {
		cause = "timed out (" + timeout.TimeoutType().String() + ")"
	}
	return fmt.Sprintf("%s failed after retries: %s. Submitting the request again may work; if it keeps failing, check the worker's logs for this request id.", stage, cause)
}

// parseAnswer reads a clarification payload: {"answer": "..."} as documented, or a
// bare JSON string, which people type too.
func parseAnswer(raw any) (string, error) {
	var answer string
	switch v := raw.(type) {
	case string:
		answer = v
	case map[string]any:
		s, ok := v["answer"].(string)
		if !ok {
			return "", errors.New(`payload has no string field "answer"`)
		}
		answer = s
	default:
		return "", fmt.Errorf("a payload of type %T is not {\"answer\": \"...\"}", v)
	}
	answer = strings.TrimSpace(answer)
	if err := vividly.ValidateAnswer(answer); err != nil {
		return "", err
	}
	return answer, nil
}
