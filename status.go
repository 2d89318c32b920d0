package vividly

import "fmt"

// Status is where a request is in its lifecycle. The same values are used by the
// workflow, the database, the API and the CLI.
type Status string

// The statuses of a request, in lifecycle order; the last five are terminal.
const (
	StatusPending             Status = "pending"
	StatusValidating          Status = "validating"
	StatusUnderstanding       Status = "understanding"
	StatusClarificationNeeded Status = "clarification_needed"
	StatusRetrieving          Status = "retrieving"
	StatusGeneratingScript    Status = "generating_script"
	StatusGeneratingAudio     Status = "generating_audio"
	StatusGeneratingVideo     Status = "generating_video"
	StatusUploading           Status = "uploading"
	StatusNotifying           Status = "notifying"
	StatusCompleted           Status = "completed"
	StatusOutOfScope          Status = "out_of_scope"
	StatusExpired             Status = "expired"
	StatusFailed              Status = "failed"
	StatusCancelled           Status = "cancelled"
)

// Snapshot is where a request stands: what a lesson's progress query
// answers, what the database stores and the API and the CLI show. Progress
// is Status.Progress(), given for readers that do not know the table.
type Snapshot struct {
	RequestID           string   `json:"request_id"`
	Status              Status   `json:"status"`
	Stage               Status   `json:"stage"`
	Progress            int      `json:"progress"`
	ClarifyingQuestions []string `json:"clarifying_questions"`
	// ClarificationRound counts the rounds of clarifying questions asked;
	// an answer names the round it replies to.
	ClarificationRound int     `json:"clarification_round,omitempty"`
	Result             *Result `json:"result,omitempty"`
	Error              string  `json:"error,omitempty"`
	Degraded           bool    `json:"degraded"`
}

// statusInfo is the fixed metadata of each status.
var statusInfo = map[Status]struct {
	progress int
	terminal bool
}{
	StatusPending:             {0, false},
	StatusValidating:          {5, false},
	StatusUnderstanding:       {10, false},
	StatusClarificationNeeded: {15, false},
	StatusRetrieving:          {25, false},
	StatusGeneratingScript:    {40, false},
	StatusGeneratingAudio:     {60, false},
	StatusGeneratingVideo:     {75, false},
	StatusUploading:           {90, false},
	StatusNotifying:           {95, false},
	StatusCompleted:           {100, true},
	StatusOutOfScope:          {100, true},
	StatusExpired:             {100, true},
	StatusFailed:              {100, true},
	StatusCancelled:           {100, true},
}

// AllStatuses lists every status in lifecycle order.
var AllStatuses = []Status{
	StatusPending, StatusValidating, StatusUnderstanding, StatusClarificationNeeded,
	StatusRetrieving, StatusGeneratingScript, StatusGeneratingAudio, StatusGeneratingVideo,
	StatusUploading, StatusNotifying, StatusCompleted, StatusOutOfScope, StatusExpired,
	StatusFailed, StatusCancelled,
}

// Progress is the percent of the lifecycle done when a request reaches s.
func (s Status) Progress() int { return statusInfo[s].progress }

// Terminal reports whether no further status follows s.
func (s Status) Terminal() bool { return statusInfo[s].terminal }

// Valid reports whether s is one of the known statuses.
func (s Status) Valid() bool {
	_, ok := statusInfo[s]
	return ok
}

// ParseStatus returns the Status named s, or an error naming the unknown value.
func ParseStatus(s string) (Status, error) {
	st := Status(s)
	if !st.Valid() {
		return "", fmt.Errorf("unknown status %q", s)
	}
	return st, nil
}
