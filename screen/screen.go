// Package screen is Vividly's K–12 screen. Every request passes it before any
// AI runs, and every generated lesson passes it before a student sees it.
//
// It refuses two kinds of request. Unsafe ones (self-harm, violence, drugs,
// sexual content, cheating, other people's personal data, hate, dangerous
// stunts) are refused whatever else the text says. Non-school ones
// (shopping, scores, forecasts, places, dating, gossip, entertainment,
// personal advice) are refused with a message saying what Vividly can do.
// Everything else, including vague school requests, is allowed: other parts
// of Vividly ask clarifying questions.
//
// The screen reads intent rather than topics. Asking HOW TO get, make, use
// or hide something harmful, or to hurt someone, is unsafe; asking ABOUT its
// history, science or effects is school. Naming an interest ("fractions for
// basketball fans") is never a request for scores.
package screen

import (
	"strings"
	"sync"
	"unicode/utf8"
)

// Verdict is what the screen decided about a text.
type Verdict struct {
	Category Category // "" when allowed
	Message  string   // a kind message for the student when not allowed; "" when allowed
}

// Allowed reports whether the text may go on to become a lesson.
func (v Verdict) Allowed() bool { return v.Category == "" }

// Unsafe reports whether the text was refused for safety, not merely for
// being off-topic; callers log and count these differently.
func (v Verdict) Unsafe() bool { return unsafeCategories[v.Category] }

// Reason is a stable label for logs and metrics: "unsafe:<category>" for
// unsafe texts, "not_school" for off-topic ones and "" when allowed.
func (v Verdict) Reason() string {
	switch {
	case v.Category == "":
		return ""
	case v.Unsafe():
		return "unsafe:" + string(v.Category)
	default:
		return "not_school"
	}
}

// Category names why a text was refused. It is a string so it can be logged
// and stored as is.
type Category string

// Unsafe categories: refused whatever else the request says.
const (
	// SelfHarm gets a gentle answer pointing to a trusted adult and help lines
	// (in the US, call or text 988; elsewhere a local helpline), and no lesson.
	SelfHarm Category = "self_harm"
	// Violence is hurting people or animals, fighting, weapons, weapons at
	// school and bombs.
	Violence Category = "violence"
	// Drugs is getting, using or hiding drugs, alcohol, vapes or cigarettes.
	Drugs Category = "drugs"
	// Sexual is sexual content.
	Sexual Category = "sexual"
	// Cheating is cheating on tests, plagiarising, forging signatures, notes
	// or documents, stealing, and breaking into accounts or using someone
	// else's password.
	Cheating Category = "cheating"
	// PersonalData is personal information about other people: a classmate's
	// or teacher's phone number, address, password, location or photos.
	PersonalData Category = "personal_data"
	// Hate is hate, slurs, harassment and bullying someone.
	Hate Category = "hate"
	// Dangerous is dangerous stunts and challenges, like viral challenges or
	// holding your breath until you pass out.
	Dangerous Category = "dangerous"
)

// Non-school categories: refused with a pointer to what Vividly can teach.
// Their Reason is "not_school".
const (
	// Shopping is buying, prices, deals and shop opening hours.
	Shopping Category = "shopping"
	// Scores is sports scores, results, predictions and betting.
	Scores Category = "scores"
	// Forecast is what the weather will be (today's or tomorrow's forecast).
	Forecast Category = "forecast"
	// LocalBusiness is restaurants and places nearby, opening hours and
	// directions.
	LocalBusiness Category = "local_business"
	// Dating is dating and romance advice.
	Dating Category = "dating"
	// Gossip is celebrity gossip.
	Gossip Category = "gossip"
	// Entertainment is game cheat codes, free game currency, what to watch,
	// song lyrics to copy and jokes.
	Entertainment Category = "entertainment"
	// Personal is personal advice: outfits, popularity, followers, making
	// money fast.
	Personal Category = "personal_advice"
	// NotSchool is an ask the learned screen reads as not schoolwork,
	// without saying which kind (see Second).
	NotSchool Category = "not_school"
)

var unsafeCategories = map[Category]bool{
	SelfHarm: true, Violence: true, Drugs: true, Sexual: true, Cheating: true,
	PersonalData: true, Hate: true, Dangerous: true,
}

// check is one rule group and the category it decides.
type check struct {
	cat Category
	fn  func(t *text, output bool) bool
}

// unsafeChecks run in order; the first that fires decides. Self-harm comes
// first so a student in crisis always gets the help-line message.
var unsafeChecks = []check{
	{SelfHarm, (*text).selfHarm},
	{Violence, (*text).violence},
	{Sexual, (*text).sexual},
	{Drugs, (*text).drugsAsk},
	{Dangerous, (*text).dangerous},
	{Hate, (*text).hate},
	{PersonalData, (*text).personalData},
	{Cheating, (*text).cheating},
}

// schoolChecks run in order after the unsafe ones.
var schoolChecks = []struct {
	cat Category
	fn  func(t *text) bool
}{
	{Gossip, (*text).gossip},
	{Dating, (*text).dating},
	{Scores, (*text).scores},
	{Forecast, (*text).forecast},
	{Entertainment, (*text).entertainment},
	{Shopping, (*text).shopping},
	{LocalBusiness, (*text).localBusiness},
	{Personal, (*text).personal},
}

// verdict builds the verdict for a category.
func verdict(c Category) Verdict {
	if c == "" {
		return Verdict{}
	}
	return Verdict{Category: c, Message: message(c)}
}

// Request screens a student's request: the question and any answers to
// clarifying questions, read together, so a harmful ask split across them is
// still caught. At most maxRunes characters are read in all.
func Request(question string, answers ...string) Verdict {
	loadRules()
	budget := maxRunes
	var parts []string
	for _, s := range append([]string{question}, answers...) {
		if budget <= 0 || len(parts) == maxParts {
			break
		}
		if strings.TrimSpace(s) == "" {
			continue
		}
		s = clip(s, budget)
		budget -= utf8.RuneCountInString(s)
		parts = append(parts, s)
	}
	// Each part ends a sentence; a second reading joins them so that
	// "how do I make one" + "a pipe bomb" is read as one ask.
	separate := newText(strings.Join(parts, "\n"))
	joined := separate
	if len(parts) > 1 {
		trimmed := make([]string, len(parts))
		for i, p := range parts {
			trimmed[i] = strings.TrimRight(p, ".?!; \t\r\n")
		}
		joined = newText(strings.Join(trimmed, " "))
	}
	for _, c := range unsafeChecks {
		if c.fn(separate, false) || (joined != separate && c.fn(joined, false)) {
			return verdict(c.cat)
		}
	}
	if separate.schoolFramed() || separate.seeksHelp() {
		return Verdict{}
	}
	for _, c := range schoolChecks {
		if c.fn(separate) {
			return verdict(c.cat)
		}
	}
	return Verdict{}
}

// maxParts bounds how many answers are read with a question.
const maxParts = 20

// outputMax bounds Output: a lesson script is longer than a request, so more
// of it is read, still in time linear in its length.
const outputMax = 100_000

// Output screens generated lesson text (a model's script) for unsafe
// content. It never returns a non-school category: a lesson may talk about
// sport or shopping. Lessons discuss wars, drugs' effects and history, so
// only instructions, encouragement and explicit content are flagged.
//
// The script is read a sentence at a time: a lesson's sentences are about
// different things, and a clue in one must not combine with a clue in
// another ("they married in secret" and, later, "soldiers carried rifles").
func Output(text string) Verdict {
	loadRules()
	for _, sentence := range newText(clip(text, outputMax)).sentences() {
		key := sentence.key()
		if passedOutput.has(key) {
			continue
		}
		for _, c := range unsafeChecks {
			if c.fn(sentence, true) {
				return verdict(c.cat)
			}
		}
		passedOutput.add(key)
	}
	return Verdict{}
}

// passedOutput remembers sentences that passed Output. A lesson's sentences
// come from a library of passages and from a writer's own phrases, so the
// same ones are screened lesson after lesson; reading each against every
// rule again was most of the screen's work. A sentence's verdict depends on
// its tokens alone, and the key is all of them (see text.key), so a sentence
// that differs in any way is read afresh. Only passes are kept: a refusal
// ends the screen at once.
var passedOutput = sentenceSet{max: 16384}

// sentenceSet is a set of sentence keys holding at most max, which starts
// again empty when full; it is safe for concurrent use.
type sentenceSet struct {
	mu  sync.Mutex
	m   map[string]struct{}
	max int
}

func (s *sentenceSet) has(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.m[key]
	return ok
}

func (s *sentenceSet) add(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil || len(s.m) >= s.max {
		s.m = make(map[string]struct{}, s.max)
	}
	s.m[key] = struct{}{}
}

// Interest reports whether a free-text interest is fit to weave into a lesson
// for a child ("basketball", "k-pop", "horses" yes; "vaping", "guns",
// "gambling" no). An empty interest is not one.
func Interest(interest string) bool {
	loadRules()
	s := clip(strings.TrimSpace(interest), maxRunes)
	if passedInterest.has(s) {
		return true
	}
	t := newText(s)
	words := 0
	for _, tk := range t.toks {
		if tk.stem != sep {
			words++
		}
	}
	if words == 0 || t.has(unfitInterests) {
		return false
	}
	// Read it as something the student loves, so "vaping" or "hurting
	// people" trip the same rules a request would.
	loved := newText("i love " + s)
	for _, c := range unsafeChecks {
		if c.fn(t, false) || c.fn(loved, false) {
			return false
		}
	}
	passedInterest.add(s)
	return true
}

// passedInterest remembers interests that passed. Students share their
// interests (a class has many "basketball"s), and each lesson screens its
// interest more than once; the verdict depends on the text alone.
var passedInterest = sentenceSet{max: 4096}

// The rules are compiled when first screened with, not when the package is
// loaded: every command of the vividly binary links this package, and only
// a worker screens. Each file's rules are compiled in file order, as init
// functions would be.
var rulesOnce sync.Once

func loadRules() {
	rulesOnce.Do(func() {
		initRules01()
		initRules02()
		initRules03()
		initRules04()
		initRules05()
		initRules06()
		initRules07()
		initRules08()
		initRules09()
		initRules10()
		initRules11()
		initRules12()
		initRules13()
		initRules14()
		initRules15()
		initRules16()
		initRules17()
		initRules18()
		initRules19()
		initRules20()
		initRules21()
		initRules22()
		initRules23()
		initRules24()
		initRules25()
		initRules26()
		initRules27()
		initRules28()
	})
}
