package workflows

import (
	"errors"

	vividly "github.com/vividly-edu/vividly"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// UpdateClarify is the Workflow Update that carries a student's answer and
// returns where the lesson stands once it has taken it. Unlike the
// clarification signal, which stays for operators and the Temporal CLI, a
// rejected answer (empty, too long, or for a lesson not waiting for one)
// is refused by the validator and leaves nothing in the history.
const UpdateClarify = "clarify"

// The application error types a rejected clarify update carries, so clients
// can tell a bad answer from a lesson that is not waiting.
const (
	ErrTypeInvalidAnswer = "InvalidAnswer"
	ErrTypeNotWaiting    = "NotWaiting"
)

// setClarifyUpdate registers the clarify update. An accepted answer goes
// into the clarification signal's channel, so it takes exactly the path a
// signalled answer does; the update returns once the lesson has moved on
// from the round it answered.
func (w *content) setClarifyUpdate(ctx workflow.Context) error {
	answers, ok := workflow.GetSignalChannel(ctx, SignalClarification).(workflow.SendChannel)
	if !ok {
		return errors.New("the clarification signal channel cannot be written to")
	}
	return workflow.SetUpdateHandlerWithOptions(ctx, UpdateClarify,
		func(ctx workflow.Context, in ClarificationSignal) (vividly.Snapshot, error) {
			round := w.round
			// parseAnswer reads a signal's payload as a map; an update's
			// answer is handed over in the same shape.
			answers.Send(ctx, map[string]any{"answer": in.Answer, "round": float64(round)})
			if err := workflow.Await(ctx, func() bool {
				return w.status != vividly.StatusClarificationNeeded || w.round != round
			}); err != nil {
				return vividly.Snapshot{}, err
			}
			s := w.snapshot()
			if s.ClarifyingQuestions == nil {
				s.ClarifyingQuestions = []string{}
			}
			return s, nil
		},
		workflow.UpdateHandlerOptions{Validator: func(in ClarificationSignal) error {
			if err := vividly.ValidateAnswer(in.Answer); err != nil {
				return temporal.NewApplicationError(err.Error(), ErrTypeInvalidAnswer)
			}
			if w.status != vividly.StatusClarificationNeeded {
				return temporal.NewApplicationError("the lesson is not waiting for an answer (it is "+string(w.status)+")", ErrTypeNotWaiting)
			}
			if in.Round != 0 && in.Round != w.round {
				return temporal.NewApplicationError("the answer is for a question that was already answered", ErrTypeNotWaiting)
			}
			return nil
		}})
}
