package api

import (
	"strings"

	vividly "github.com/vividly-edu/vividly"
)

// Choices are the answers a clarifying question offers, for the page to
// show as buttons: the names listed after "Do you mean", "For example:" or
// "for:", as in "Do you mean the water cycle, weather or climate?". A
// question that lists none offers none; any answer in words still goes.
func Choices(question string) []string {
	list := ""
	for _, lead := range []string{"Do you mean ", "For example: ", "for: "} {
		if i := strings.Index(question, lead); i >= 0 {
			list = question[i+len(lead):]
			break
		}
	}
	if end := strings.IndexAny(list, "?."); end >= 0 {
		list = list[:end]
	} else {
		return []string{}
	}
	list = strings.ReplaceAll(list, " or ", ", ")
	out := []string{}
	for _, c := range strings.Split(list, ",") {
		if c = strings.TrimSpace(c); c != "" && len(out) < 8 {
			out = append(out, c)
		}
	}
	return out
}

// stageLabels name each status for people.
var stageLabels = map[vividly.Status]string{
	vividly.StatusPending:             "Waiting to start",
	vividly.StatusValidating:          "Checking the question",
	vividly.StatusUnderstanding:       "Understanding the question",
	vividly.StatusClarificationNeeded: "Waiting for your answer",
	vividly.StatusRetrieving:          "Finding material",
	vividly.StatusGeneratingScript:    "Writing the script",
	vividly.StatusGeneratingAudio:     "Recording the narration",
	vividly.StatusGeneratingVideo:     "Making the video",
	vividly.StatusUploading:           "Saving the lesson",
	vividly.StatusNotifying:           "Finishing",
	vividly.StatusCompleted:           "Completed",
	vividly.StatusOutOfScope:          "Not a school topic",
	vividly.StatusExpired:             "No answer in time",
	vividly.StatusFailed:              "Failed",
	vividly.StatusCancelled:           "Cancelled",
}

// StageLabel names a status for people.
func StageLabel(s vividly.Status) string {
	if l, ok := stageLabels[s]; ok {
		return l
	}
	return string(s)
}
