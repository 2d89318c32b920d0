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
		{"history", "history", []string{"history", "social studies", "historical", "ancient", "civics"}},
		{"language arts", "English", []string{"english", "language arts", "ela", "reading", "writing", "grammar", "literature", "spelling", "essay"}},
		{"geography", "geography", []string{"geography", "geographic"}},
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
	at := -1
	for _, s := range l.subjects {
		for _, st := range s.stems {
			for i := len(full) - len(st); i >= 0; i-- {
				if i > at && equalAt(full, i, st) {
					found, at = s, i
					break
				}
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
