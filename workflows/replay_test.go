package workflows

import (
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/activities"
	"go.temporal.io/sdk/log"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"
)

// Histories recorded from real runs on the dev server (see README, "Changing
// workflow code"). Every change to ContentWorkflow must still replay them: a
// workflow already running when a new worker is deployed continues from its history.
func recordedHistories(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "histories", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no recorded histories in testdata/histories (%v)", err)
	}
	return files
}

func replayLogger() log.Logger {
	return log.NewStructuredLogger(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError})))
}

func TestReplayRecordedHistories(t *testing.T) {
	for _, file := range recordedHistories(t) {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".json"), func(t *testing.T) {
			r := worker.NewWorkflowReplayer()
			r.RegisterWorkflow(ContentWorkflow)
			if err := r.ReplayWorkflowHistoryFromJSONFile(replayLogger(), file); err != nil {
				t.Fatalf("the current ContentWorkflow cannot continue %s: %v", file, err)
			}
		})
	}
}

// TestReplayCatchesNonDeterminism proves the check above can fail: a workflow that
// schedules its stages in another order is refused on every recorded history.
func TestReplayCatchesNonDeterminism(t *testing.T) {
	reordered := func(ctx workflow.Context, in Input) (Output, error) {
		ctx = understandPolicy.options(ctx)
		var res activities.UnderstandResult
		_ = workflow.ExecuteActivity(ctx, a.Understand, activities.UnderstandInput{RequestID: in.Request.ID}).Get(ctx, &res)
		return Output{Status: vividly.StatusCompleted}, nil
	}
	for _, file := range recordedHistories(t) {
		r := worker.NewWorkflowReplayer()
		r.RegisterWorkflowWithOptions(reordered, workflow.RegisterOptions{Name: "ContentWorkflow"})
		if err := r.ReplayWorkflowHistoryFromJSONFile(replayLogger(), file); err == nil {
			t.Errorf("%s replayed on a reordered workflow; the replay check would miss a breaking change", file)
		}
	}
}
