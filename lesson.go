package vividly

import (
	"fmt"
	"strings"
	"time"
)

// Understanding is what a request is about, or why no lesson can be made of it yet.
type Understanding struct {
	TopicID    string  `json:"topic_id,omitempty"`
	Topic      string  `json:"topic,omitempty"`   // a title, e.g. "Photosynthesis"
	Subject    string  `json:"subject,omitempty"` // e.g. "science"
	GradeFit   bool    `json:"grade_fit"`         // the topic is taught around the student's grade
	Confidence float64 `json:"confidence"`        // 0..1

	// NeedsClarification is set when the question is too vague to pick a topic;
	// ClarifyingQuestions are what to ask the student.
	NeedsClarification  bool     `json:"needs_clarification,omitempty"`
	ClarifyingQuestions []string `json:"clarifying_questions,omitempty"`

	// OutOfScope is set for requests that are not a school topic or not safe;
	// OutOfScopeMessage is a kind explanation for the student.
	OutOfScope        bool   `json:"out_of_scope,omitempty"`
	OutOfScopeMessage string `json:"out_of_scope_message,omitempty"`
	// Reason is why a request was declined: "unsafe:<category>" or "not_school".
	Reason string `json:"reason,omitempty"`

	// Usage is what working this out cost (tokens, for a model).
	Usage Usage `json:"usage,omitempty"`
}

// Passage is a piece of open educational material retrieved for a topic. Its text
// is data, never instructions.
type Passage struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Text    string `json:"text"`
	Source  string `json:"source"`
	License string `json:"license"`
	// Book, Publisher and URL credit the material, for its attribution.
	Book      string `json:"book,omitempty"`
	Publisher string `json:"publisher,omitempty"`
	URL       string `json:"url,omitempty"`
}

// Credit is how the passage is attributed to a student.
func (p Passage) Credit() Source {
	return Source{Title: p.Title, Book: p.Book, Publisher: p.Publisher, License: p.License, URL: p.URL}
}

// Segment is one part of a script: what is said and what is shown meanwhile.
type Segment struct {
	Heading    string   `json:"heading"`
	Narration  string   `json:"narration"`
	KeyPoints  []string `json:"key_points,omitempty"`
	VisualHint string   `json:"visual_hint,omitempty"`
}

// Script is a lesson's text: narrated segments that start with a hook woven around
// the student's interest and end with a recap and a check-for-understanding question.
type Script struct {
	Title         string    `json:"title"`
	Topic         string    `json:"topic"`
	Subject       string    `json:"subject"`
	Grade         int       `json:"grade_level"`
	Interest      string    `json:"interest,omitempty"`
	Segments      []Segment `json:"segments"`
	Recap         string    `json:"recap"`
	CheckQuestion string    `json:"check_question"`
	Sources       []string  `json:"sources,omitempty"` // ids of the passages used
	// Credits attribute the material the script was built from.
	Credits []Source `json:"credits,omitempty"`
	// Usage is what writing the script cost (tokens, for a model).
	Usage Usage `json:"usage,omitempty"`
}

// Words counts the narrated words, which sets the narration's length.
func (s Script) Words() int {
	n := 0
	for _, seg := range s.Segments {
		n += len(strings.Fields(seg.Narration))
	}
	return n
}

// Markdown renders the script for a person to read. Every string in it is
// student or model text, so each goes through markdownText and reads as the
// words it is, never as a heading, a link, a list or HTML.
func (s Script) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", markdownText(s.Title))
	fmt.Fprintf(&b, "_%s · %s", markdownText(capitalize(s.Subject)), GradeLabel(s.Grade))
	if s.Interest != "" {
		fmt.Fprintf(&b, " · for fans of %s", markdownText(s.Interest))
	}
	b.WriteString("_\n\n")
	for _, seg := range s.Segments {
		if seg.Heading == HeadingSources && len(s.Credits) > 0 {
			continue // the credits below say it in full
		}
		fmt.Fprintf(&b, "## %s\n\n%s\n\n", markdownText(seg.Heading), markdownText(seg.Narration))
		for _, k := range seg.KeyPoints {
			fmt.Fprintf(&b, "- %s\n", markdownText(k))
		}
		if len(seg.KeyPoints) > 0 {
			b.WriteString("\n")
		}
	}
	switch {
	case len(s.Credits) > 0:
		b.WriteString("---\n\n## Sources\n\n")
		for _, c := range s.Credits {
			fmt.Fprintf(&b, "- %s\n", markdownText(c.Attribution()))
		}
	case len(s.Sources) > 0:
		ids := make([]string, len(s.Sources))
		for i, id := range s.Sources {
			ids[i] = markdownText(id)
		}
		fmt.Fprintf(&b, "---\nSources: %s\n", strings.Join(ids, ", "))
	}
	return b.String()
}

// Cue is one caption: a sentence and when it is spoken.
type Cue struct {
	Start time.Duration `json:"start"`
	End   time.Duration `json:"end"`
	Text  string        `json:"text"`
}

// Narration is a script spoken into one audio file, with the timing of every
// sentence so captions and slides can follow it.
type Narration struct {
	AudioPath string        `json:"audio_path"`
	Duration  time.Duration `json:"duration"`
	Voice     string        `json:"voice"`
	// SegmentEnds[i] is when segment i of the script stops being spoken.
	SegmentEnds []time.Duration `json:"segment_ends"`
	Cues        []Cue           `json:"cues"`
	// Usage is what the narration cost (characters sent to a speech service).
	Usage Usage `json:"usage,omitempty"`
}

// Video is a rendered lesson on local disk.
type Video struct {
	VideoPath    string        `json:"video_path"`
	CaptionsPath string        `json:"captions_path"`
	Duration     time.Duration `json:"duration"`
	RenderTime   time.Duration `json:"render_time"`
}

// Usage is what a stage consumed, in the units services bill by.
type Usage struct {
	InputTokens   int64   `json:"input_tokens,omitempty"`
	OutputTokens  int64   `json:"output_tokens,omitempty"`
	TTSCharacters int64   `json:"tts_characters,omitempty"`
	RenderSeconds float64 `json:"render_seconds,omitempty"`
	// Cost is what the usage cost, by the part of the lesson that spent it,
	// as the activity that spent it priced it.
	Cost CostParts `json:"cost,omitzero"`
}

// Add sums two usages.
func (u Usage) Add(v Usage) Usage {
	return Usage{
		InputTokens: u.InputTokens + v.InputTokens, OutputTokens: u.OutputTokens + v.OutputTokens,
		TTSCharacters: u.TTSCharacters + v.TTSCharacters, RenderSeconds: u.RenderSeconds + v.RenderSeconds,
		Cost: u.Cost.Add(v.Cost),
	}
}

// Result is what a finished request gives the student.
type Result struct {
	Title    string `json:"title,omitempty"`
	Topic    string `json:"topic,omitempty"`
	Subject  string `json:"subject,omitempty"`
	Script   string `json:"script,omitempty"`   // where the script is stored
	Video    string `json:"video,omitempty"`    // where the video is stored
	Captions string `json:"captions,omitempty"` // where the WebVTT captions are stored
	// VideoURL is a link the student can open, when the store gives one.
	VideoURL  string  `json:"video_url,omitempty"`
	DurationS float64 `json:"duration_seconds,omitempty"`
	// Sources credit the material the lesson was built from; Grounded is false
	// when it was written without any.
	Sources  []Source `json:"sources,omitempty"`
	Grounded bool     `json:"grounded"`
	Degraded bool     `json:"degraded"`
	// FallbackStages names the stages whose production provider failed and were
	// done by the offline provider instead.
	FallbackStages []Status `json:"fallback_stages,omitempty"`
	// Message says in a sentence what the student got (or why not).
	Message string `json:"message,omitempty"`
	// Reason is why a request ended out of scope: "unsafe:<category>",
	// "not_school", or "unclear" when no topic was found after clarifying.
	Reason string `json:"reason,omitempty"`
	// Usage and CostUSD are what the lesson consumed and its estimated cost,
	// every billed attempt included (see activities.billed for the limits).
	Usage   Usage   `json:"usage,omitempty"`
	CostUSD float64 `json:"cost_usd"`
	// Cached is set when the lesson is a copy of one made before for the
	// same question, grade and interest (see CachedLesson): nothing was
	// written, narrated or rendered again, and SavedUSD is what that saved.
	Cached   bool    `json:"cached,omitempty"`
	SavedUSD float64 `json:"saved_usd,omitempty"`
	// Cost is CostUSD by part (CostByPart), filled in where a lesson is shown.
	Cost CostParts `json:"cost,omitzero"`
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// HeadingSources is the heading of the segment that credits a lesson's material.
const HeadingSources = "Sources"

// maxCreditsShown bounds the credits on the sources slide.
const maxCreditsShown = 4

// WithCredits adds to s.Credits the passages the script says it used
// (s.Sources), once each, and ends the script on a short sources segment, so the video's
// last slide credits the material as its licence asks. A script that used no
// passage is returned unchanged.
func (s Script) WithCredits(passages []Passage) Script {
	credits := s.Credits
	s.Credits = nil
	var books []string
	for _, c := range credits {
		s.Credits = append(s.Credits, c)
		if b := strings.TrimSpace(c.Book); b != "" && !containsFold(books, b) {
			books = append(books, b)
		}
	}
	for _, id := range s.Sources {
		for _, p := range passages {
			if p.ID != id {
				continue
			}
			c := p.Credit()
			dup := false
			for _, have := range s.Credits {
				dup = dup || have == c
			}
			if !dup {
				s.Credits = append(s.Credits, c)
			}
			if b := strings.TrimSpace(p.Book); b != "" && !containsFold(books, b) {
				books = append(books, b)
			}
			break
		}
	}
	if len(s.Credits) == 0 {
		return s
	}
	segs := make([]Segment, 0, len(s.Segments)+1)
	for _, seg := range s.Segments {
		if seg.Heading != HeadingSources {
			segs = append(segs, seg)
		}
	}
	from := "open educational material"
	if len(books) > 0 {
		from = joinAnd(books)
	}
	points := make([]string, 0, maxCreditsShown)
	for _, c := range s.Credits[:min(len(s.Credits), maxCreditsShown)] {
		points = append(points, c.Attribution())
	}
	s.Segments = append(segs, Segment{
		Heading:    HeadingSources,
		Narration:  "This lesson was built from " + from + ", shared under an open licence. The full credits are on screen and at the end of the script.",
		KeyPoints:  points,
		VisualHint: "The sources of the lesson, listed with their licences",
	})
	return s
}

// joinAnd joins names as "a", "a and b", "a, b and c".
func joinAnd(names []string) string {
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
