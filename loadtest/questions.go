package loadtest

import vividly "github.com/vividly-edu/vividly"

// Kind is what a valid request's question is like, and so how it should end.
type Kind string

// The kinds of valid request in a load test.
const (
	// KindClear is a clear school topic: it should end completed.
	KindClear Kind = "clear"
	// KindVague is too vague to pick a topic: it should stop at
	// clarification_needed and wait for an answer (nobody answers in a load test).
	KindVague Kind = "vague"
	// KindOutOfScope is not a school topic: it should end out_of_scope.
	KindOutOfScope Kind = "out_of_scope"
)

// Expected is the status a request of kind k should settle in.
func (k Kind) Expected() vividly.Status {
	switch k {
	case KindVague:
		return vividly.StatusClarificationNeeded
	case KindOutOfScope:
		return vividly.StatusOutOfScope
	default:
		return vividly.StatusCompleted
	}
}

// Shares of the valid requests that are vague and out of scope; the rest are clear.
const (
	VagueShare      = 0.08
	OutOfScopeShare = 0.08
)

// question is a question a student might ask and the grades it suits.
type question struct {
	text               string
	gradeMin, gradeMax int
}

// clearQuestions are school topics the embedded understander recognises
// confidently, phrased the way students ask.
var clearQuestions = []question{
	{"Explain photosynthesis", 4, 12},
	{"how do plants make their own food?", 2, 6},
	{"How do volcanoes erupt?", 3, 9},
	{"how do volcanoes explode", 2, 8},
	{"the chemistry of baking bread", 7, 12},
	{"how do percentages work", 5, 9},
	{"what is 25% of 80?", 5, 8},
	{"How did the atomic bomb end WW2?", 9, 12},
	{"causes of world war 2", 7, 12},
	{"how do meteorologists forecast the weather", 5, 10},
	{"what is the probability of winning the lottery", 7, 12},
	{"WHAT ARE TECTONIC PLATES?!", 5, 10},
	{"newton's third law", 7, 12},
	{"what do cells do", 4, 10},
	{"What are fractions?", 2, 6},
	{"teach me the water cycle", 2, 7},
	{"what is the difference between mass and weight", 3, 9},
	{"How does the heart pump blood?", 4, 10},
	{"what is DNA", 6, 12},
	{"Can you explain the pythagorean theorem to me?", 7, 11},
	{"how do you solve linear equations", 7, 11},
	{"what is a food chain", 2, 6},
	{"Tell me about ancient Egypt", 3, 7},
	{"Why did the Roman Empire fall?", 5, 10},
	{"what was the civil rights movement", 5, 12},
	{"how do electric circuits work", 4, 10},
	{"What are the planets in the solar system?", 1, 6},
	{"what are nouns and verbs", 1, 4},
	{"how do I write a persuasive essay", 5, 12},
	{"how do rivers form", 3, 8},
}

// vagueQuestions give no topic to work with.
var vagueQuestions = []string{
	"help me with my homework",
	"I don't get it",
	"explain this",
	"can you help me study",
}

// outOfScopeQuestions are not school topics.
var outOfScopeQuestions = []string{
	"what is the best pizza place near me",
	"where can I buy the cheapest sneakers",
	"who won the lakers game last night",
	"what should I wear to the party",
	"is taylor swift dating anyone",
}

// interests are hobbies that name no school topic, so they colour a lesson
// without changing what it is about; "" is a student who gave none.
var interests = []string{
	"", "", "basketball", "skateboarding", "Minecraft", "soccer", "drawing", "K-pop", "dinosaurs", "horses",
}
