package gemini

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/gemini/fakevertex"
)

const secretQuestion = "Explain photosynthesis, my name is Zed Quixote-Secret"

// bothCalls runs understanding and script writing, each against one
// answer of b, and returns their errors.
func bothCalls(t *testing.T, cfg Config, b fakevertex.Behaviour) map[string]error {
	t.Helper()
	srv, c := newFake(t, cfg)
	srv.Enqueue(b, b)
	ctx := context.Background()
	_, uerr := c.Understand(ctx, vividly.UnderstandInput{Question: secretQuestion, Grade: 6})
	_, serr := c.WriteScript(ctx, scriptInput(secretQuestion, 0))
	if srv.Calls() != 2 {
		t.Errorf("%d calls, want exactly one per provider call (no retries inside the client)", srv.Calls())
	}
	return map[string]error{"understand": uerr, "write script": serr}
}

func TestHTTPErrorsAreClassified(t *testing.T) {
	cases := []struct {
		name      string
		b         fakevertex.Behaviour
		code      int
		permanent bool
	}{
		{"429 rate limited", fakevertex.RateLimited(), http.StatusTooManyRequests, false},
		{"503 unavailable", fakevertex.Unavailable(), http.StatusServiceUnavailable, false},
		{"500 internal", fakevertex.Error(500, "INTERNAL", "Internal error encountered."), 500, false},
		{"408 timeout", fakevertex.Error(408, "DEADLINE_EXCEEDED", "Deadline exceeded."), 408, false},
		{"404 model not found", fakevertex.ModelNotFound(), http.StatusNotFound, true},
		{"400 bad request", fakevertex.Error(400, "INVALID_ARGUMENT", "Request contains an invalid argument."), 400, true},
		{"401 unauthenticated", fakevertex.Error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials."), 401, true},
		{"403 permission denied", fakevertex.PermissionDenied(), http.StatusForbidden, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for op, err := range bothCalls(t, Config{Model: "gemini-9-imaginary"}, tc.b) {
				if err == nil {
					t.Fatalf("%s: no error", op)
				}
				if got := vividly.IsPermanent(err); got != tc.permanent {
					t.Errorf("%s: IsPermanent = %v, want %v (%v)", op, got, tc.permanent, err)
				}
				var se *StatusError
				if !errors.As(err, &se) || se.Code != tc.code || se.Op != op || se.Model != "gemini-9-imaginary" {
					t.Errorf("%s: error %v, want a StatusError with code %d", op, err, tc.code)
				}
				if strings.Contains(err.Error(), "Quixote") {
					t.Errorf("%s: error carries the student's text: %v", op, err)
				}
			}
		})
	}
}

func TestModelNotFoundSaysWhich(t *testing.T) {
	for _, err := range bothCalls(t, Config{Model: "gemini-9-imaginary"}, fakevertex.ModelNotFound()) {
		if !strings.Contains(err.Error(), "gemini-9-imaginary") || !strings.Contains(err.Error(), "404") {
			t.Errorf("error %q should name the model and the status", err)
		}
	}
}

func TestTimeoutIsRetryable(t *testing.T) {
	start := time.Now()
	for op, err := range bothCalls(t, Config{Timeout: 150 * time.Millisecond}, fakevertex.Slow(5*time.Second, fakevertex.Auto())) {
		if err == nil || vividly.IsPermanent(err) || !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s: %v, want a retryable deadline error", op, err)
		}
		if err != nil && !strings.Contains(err.Error(), "did not answer within 150ms") {
			t.Errorf("%s: error %q should say the call timed out", op, err)
		}
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("the timeout did not cut the calls short: %s", d)
	}
}

func TestCallerCancellationIsReported(t *testing.T) {
	_, c := newFake(t, Config{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.Understand(ctx, photosynthesisQuestion())
	if !errors.Is(err, context.Canceled) || vividly.IsPermanent(err) {
		t.Errorf("cancelled caller: %v, want context.Canceled, not permanent", err)
	}
}

func TestUnreachableServerIsRetryable(t *testing.T) {
	srv, c := newFake(t, Config{})
	srv.Close()
	_, err := c.Understand(context.Background(), photosynthesisQuestion())
	if err == nil || vividly.IsPermanent(err) {
		t.Errorf("unreachable server: %v, want a retryable error", err)
	}
}

func TestMalformedOutputIsRetryable(t *testing.T) {
	for op, err := range bothCalls(t, Config{}, fakevertex.Malformed()) {
		if err == nil || vividly.IsPermanent(err) || !strings.Contains(err.Error(), "JSON") {
			t.Errorf("%s: %v, want a retryable error about the JSON", op, err)
		}
	}
}
