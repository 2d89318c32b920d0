package offline

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
)

// interest is one entry of the interest model: the words and scenes of
// something students love, and for each kind of idea a frame, a true scene
// from the interest that is an example of that kind of idea, so a lesson can
// say "<frame> <Topic> works the same way: <link>."
type interest struct {
	ID       string            `json:"id"`
	Names    []string          `json:"names"`
	Category string            `json:"category"`
	Vocab    []string          `json:"vocab"`
	Scene    string            `json:"scene"`
	Frames   map[string]string `json:"frames"`
	Closing  string            `json:"closing"`
}

type interestsFile struct {
	Interests []interest `json:"interests"`
}

// interestModel finds the interest a student named.
type interestModel struct {
	list  []interest
	names map[string]int // name stems joined → index
}

// loadInterests reads and checks the interest model.
func loadInterests(fsys fs.FS) (interestModel, error) {
	var f interestsFile
	if err := readJSON(fsys, "data/interests.json", &f); err != nil {
		return interestModel{}, err
	}
	m := interestModel{list: f.Interests, names: map[string]int{}}
	var errs []error
	for i, in := range f.Interests {
		for _, k := range ideaKinds() {
			fr := strings.TrimSpace(in.Frames[k])
			if fr == "" || checkProse(fr) != nil {
				errs = append(errs, fmt.Errorf("interest %s: frame %q is missing or not narratable", in.ID, k))
			}
		}
		if checkProse(in.Closing) != nil || strings.TrimSpace(in.Scene) == "" {
			errs = append(errs, fmt.Errorf("interest %s: closing and scene are required", in.ID))
		}
		for _, n := range append([]string{in.ID}, in.Names...) {
			key := strings.Join(stems(n), " ")
			if j, dup := m.names[key]; dup && j != i {
				errs = append(errs, fmt.Errorf("interest name %q is used by %s and %s", n, f.Interests[j].ID, in.ID))
			}
			m.names[key] = i
		}
	}
	if len(f.Interests) == 0 {
		errs = append(errs, errors.New("no interests"))
	}
	return m, errors.Join(errs...)
}

// find returns the interest a student's words name: the whole phrase, or
// the longest name inside it ("playing basketball with friends").
func (m interestModel) find(raw string) (interest, bool) {
	st := stems(raw)
	if len(st) == 0 {
		return interest{}, false
	}
	if i, ok := m.names[strings.Join(st, " ")]; ok {
		return m.list[i], true
	}
	best, bestLen := -1, 0
	for key, i := range m.names {
		ks := strings.Fields(key)
		if len(ks) <= bestLen {
			continue
		}
		for j := 0; j+len(ks) <= len(st); j++ {
			if slices.Equal(st[j:j+len(ks)], ks) {
				best, bestLen = i, len(ks)
				break
			}
		}
	}
	if best < 0 {
		return interest{}, false
	}
	return m.list[best], true
}
