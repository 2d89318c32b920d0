package offline

// subjectWords maps the words students use for a subject to the catalog's
// subject name.
type subjectWords struct {
	subject string
	display string // how the subject is named to a student
	stems   [][]string
}

// compileSubjects returns the subject vocabulary in token form.
func compileSubjects() []subjectWords {
	raw := []struct {
		subject, display string
		words            []string
	}{
		{"science", "science", []string{"science", "biology", "chemistry", "physics", "earth science", "life science", "physical science", "scientific"}},
		{"maths", "maths", []string{"math", "maths", "mathematics", "algebra", "geometry", "arithmetic", "numbers", "calculus", "statistics"}},
		{"history", "history", []string{"history", "social studies", "historical"}},
		{"language arts", "English", []string{"english", "language arts", "ela", "reading", "writing", "grammar", "literature", "spelling", "essay"}},
		{"geography", "geography", []string{"geography", "geographic"}},
		{"civics", "civics", []string{"civics", "government", "citizenship"}},
		{"health", "health", []string{"health", "health class", "pe", "physical education"}},
		{"computer science", "computer science", []string{"computer science", "coding", "programming", "computing", "computers"}},
	}
	out := make([]subjectWords, 0, len(raw))
	for _, r := range raw {
		s := subjectWords{subject: r.subject, display: r.display}
		for _, w := range r.words {
			s.stems = append(s.stems, stems(w))
		}
		out = append(out, s)
	}
	return out
}

// subjectIn returns the subject the tokens name last, or "" when none. The
// last one wins because a later answer corrects an earlier guess.
func (l *library) subjectIn(full []string) (subjectWords, bool) {
	var found subjectWords
	at, length := -1, 0
	for _, s := range l.subjects {
		for _, st := range s.stems {
			for i := len(full) - len(st); i >= 0; i-- {
				if !equalAt(full, i, st) {
					continue
				}
				// The last subject named wins; of two that end together, the
				// longer ("computer science" over "science").
				end := i + len(st)
				if end > at || (end == at && len(st) > length) {
					found, at, length = s, end, len(st)
				}
				break
			}
		}
	}
	return found, at >= 0
}

func equalAt(full []string, i int, st []string) bool {
	for j, w := range st {
		if full[i+j] != w {
			return false
		}
	}
	return true
}

// schoolWords name schoolwork without naming a topic.
var schoolWords = stemSet(
	"hw", "hmwk", "asap", "quick", "quickly", "ok", "okay", "homework", "test", "exam", "quiz", "class", "subject", "topic", "school", "grade", "assignment", "project", "worksheet", "chapter", "unit", "study", "studying", "tomorrow", "today", "teacher", "something", "anything", "thi", "problem", "stuck", "confused", "hard", "difficult", "have", "has", "need", "ask", "asking", "make", "sense", "all", "don", "dont", "not", "no", "idea", "any", "one", "due", "friday", "monday", "tuesday", "wednesday", "thursday", "week", "tonight", "weekend", "presentation", "final", "finals", "midterm", "review", "help", "prepare",
)

// namesNothing reports whether the request says nothing that could name a
// topic: only a subject ("help me with history") and words about schoolwork.
func (l *library) namesNothing(q query) bool {
	subj := map[int]bool{}
	for _, s := range l.subjects {
		for _, st := range s.stems {
			for i := 0; i+len(st) <= len(q.full); i++ {
				if equalAt(q.full, i, st) {
					for j := range st {
						subj[i+j] = true
					}
				}
			}
		}
	}
	for _, t := range contentTokens(q.full, func(i int) bool { return subj[i] }) {
		if t.stem != separator && !schoolWords[t.stem] {
			return false
		}
	}
	return true
}
