package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	vividly "github.com/vividly-edu/vividly"
	"github.com/vividly-edu/vividly/workflows"
)

// view is a request's status as the CLI prints it, with the id of its
// workflow for the Temporal CLI; --json prints it as is.
type view struct {
	vividly.Snapshot
	WorkflowID string `json:"workflow_id"`
}

func newView(s vividly.Snapshot) view {
	if s.ClarifyingQuestions == nil {
		s.ClarifyingQuestions = []string{}
	}
	if s.Result != nil {
		r := *s.Result
		r.Cost = r.CostByPart()
		s.Result = &r
	}
	return view{Snapshot: s, WorkflowID: workflows.WorkflowID(s.RequestID)}
}

func viewOf(r vividly.RequestRecord) view {
	s := r.Snapshot
	s.RequestID = r.ID
	return newView(s)
}

func (v view) writeJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// writeText prints the outcome for a person.
func (v view) writeText(w io.Writer) {
	fmt.Fprintf(w, "request %s: %s (%d%%)\n", v.RequestID, v.Status, v.Progress)
	switch v.Status {
	case vividly.StatusClarificationNeeded:
		writeClarification(w, v)
	case vividly.StatusFailed, vividly.StatusExpired, vividly.StatusCancelled:
		if v.Error != "" {
			fmt.Fprintf(w, "  reason:   %s\n", v.Error)
		}
	}
	if r := v.Result; r != nil {
		if r.Message != "" {
			fmt.Fprintf(w, "  %s\n", r.Message)
		}
		for _, f := range [][2]string{{"topic", r.Topic}, {"script", r.Script}, {"video", r.Video}, {"link", r.VideoURL}, {"captions", r.Captions}} {
			if f[1] != "" {
				fmt.Fprintf(w, "  %-9s %s\n", f[0]+":", f[1])
			}
		}
		if r.DurationS > 0 {
			fmt.Fprintf(w, "  %-9s %.1f s\n", "length:", r.DurationS)
		}
		if r.CostUSD > 0 {
			fmt.Fprintf(w, "  %-9s $%.4f (estimated%s)\n", "cost:", r.CostUSD, costParts(r.Cost))
		}
		for i, src := range r.Sources {
			label := ""
			if i == 0 {
				label = "sources:"
			}
			fmt.Fprintf(w, "  %-9s %s\n", label, src.Attribution())
		}
		if v.Status == vividly.StatusCompleted && !r.Grounded {
			fmt.Fprintf(w, "  %-9s none: written without retrieved material\n", "sources:")
		}
		if r.Reason != "" {
			fmt.Fprintf(w, "  %-9s %s\n", "reason:", r.Reason)
		}
		if r.Degraded {
			fmt.Fprintf(w, "  degraded: offline fallback used for %s\n", joinStatuses(r.FallbackStages))
		}
	}
}

func writeClarification(w io.Writer, v view) {
	fmt.Fprintln(w, "  The lesson needs a little more information:")
	for _, q := range v.ClarifyingQuestions {
		fmt.Fprintf(w, "    ? %s\n", q)
	}
	fmt.Fprintln(w, "  Answer with either:")
	fmt.Fprintf(w, "    vividly clarify %s \"<answer>\"\n", v.RequestID)
	fmt.Fprintf(w, "    temporal workflow signal --workflow-id %s --name %s --input '{\"answer\":\"<answer>\"}'\n",
		v.WorkflowID, workflows.SignalClarification)
}

func joinStatuses(ss []vividly.Status) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = string(s)
	}
	return strings.Join(parts, ", ")
}

// costParts is ": understanding $…, script $…, …" for the parts a lesson
// spent on, or "" when its split is not known.
func costParts(c vividly.CostParts) string {
	var parts []string
	for _, p := range []struct {
		name string
		usd  float64
	}{{"understanding", c.Understanding}, {"script", c.Script}, {"narration", c.Narration}, {"render", c.Render}} {
		if p.usd > 0 {
			parts = append(parts, fmt.Sprintf("%s $%.4f", p.name, p.usd))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return ": " + strings.Join(parts, ", ")
}
