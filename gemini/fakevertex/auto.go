package fakevertex

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"strings"
)

// Auto answers the way a careful model would, from what the request says:
// an understanding for a request whose schema has clarifying_questions, a
// lesson script for one whose schema has segments, and 400 INVALID_ARGUMENT
// for anything else. It reads the data block between the <<<MARKER lines of
// the user message.
//
// Understanding: unsafe or non-school requests are declined kindly; vague ones
// ("help me with my homework") get a clarifying question; a handful of topics
// (photosynthesis, the water cycle, volcanoes, fractions, …) are recognised by
// keyword, and "explain X" / "what is X" names topic X.
//
// Script: a hook woven around the interest, one teaching segment per
// retrieved passage (canned photosynthesis facts when there are none), an
// everyday example, a recap and one check question, sized to the "about N
// narrated words" the request asks for.
func Auto() Behaviour {
	return func(r Request) Reply {
		_, data, ok := r.DataBlock()
		switch k := r.Kind(); {
		case !ok:
			return errorReply(http.StatusBadRequest, "INVALID_ARGUMENT", "fakevertex: the user message has no data block between <<<MARKER lines")
		case k == KindUnderstanding:
			var in student
			if err := json.Unmarshal(data, &in); err != nil {
				return errorReply(http.StatusBadRequest, "INVALID_ARGUMENT", "fakevertex: the student data block is not the expected JSON")
			}
			return autoText(r, understand(in))
		case k == KindScript:
			var in lesson
			if err := json.Unmarshal(data, &in); err != nil {
				return errorReply(http.StatusBadRequest, "INVALID_ARGUMENT", "fakevertex: the lesson data block is not the expected JSON")
			}
			target := targetOf(r.UserText())
			return autoText(r, keepTo(followPlan(write(in, target), r.UserText(), in), target))
		}
		return errorReply(http.StatusBadRequest, "INVALID_ARGUMENT", "fakevertex: Auto answers only understanding and script requests")
	}
}

func autoText(r Request, v any) Reply {
	b, err := json.Marshal(v)
	if err != nil {
		return errorReply(http.StatusInternalServerError, "INTERNAL", "fakevertex: "+err.Error())
	}
	return TextReply(r, string(b), Usage{Prompt: estimateTokens(len(r.Body)), Candidates: estimateTokens(len(b)), Thoughts: r.thoughts()})
}

// student is the understanding request's data block.
type student struct {
	Question      string   `json:"question"`
	Answers       []string `json:"answers"`
	Grade         string   `json:"grade"`
	Interest      string   `json:"interest"`
	LibraryTopics []struct {
		ID      string `json:"id"`
		Title   string `json:"title"`
		Subject string `json:"subject"`
	} `json:"library_topics"`
}

// UnderstandingAnswer is the JSON an understanding call answers with; tests
// may build their own and send it with JSON.
type UnderstandingAnswer struct {
	TopicID             string   `json:"topic_id"`
	Topic               string   `json:"topic"`
	Subject             string   `json:"subject"`
	GradeFit            bool     `json:"grade_fit"`
	Confidence          float64  `json:"confidence"`
	NeedsClarification  bool     `json:"needs_clarification"`
	ClarifyingQuestions []string `json:"clarifying_questions"`
	OutOfScope          bool     `json:"out_of_scope"`
	OutOfScopeMessage   string   `json:"out_of_scope_message"`
}

// cannedTopic is a topic Auto recognises.
type cannedTopic struct {
	title, subject string
	keys           []string
	facts          []string // narrated when no passages are given
	check          string
}

func cannedTopics() []cannedTopic {
	return []cannedTopic{
		{title: "Photosynthesis", subject: "science", keys: []string{"photosynth", "how plants make food", "chlorophyll"},
			facts: []string{
				"Photosynthesis is the way plants make their own food from sunlight.",
				"A plant takes in water through its roots and carbon dioxide from the air through tiny holes in its leaves.",
				"Inside the leaves, a green pigment called chlorophyll captures the energy of sunlight.",
				"The plant uses that energy to turn water and carbon dioxide into a sugar called glucose.",
				"Glucose is the plant's fuel, and it uses it to grow roots, stems, leaves and flowers.",
				"Oxygen is left over, and the plant releases it into the air through its leaves.",
				"That oxygen is the same oxygen that people and animals breathe.",
				"Most photosynthesis happens in small parts of the leaf cells called chloroplasts.",
				"Without light, photosynthesis slows down and then stops, which is why plants grow towards windows.",
				"Almost every food chain on Earth starts with a plant that made its food by photosynthesis.",
			},
			check: "What three things does a plant need for photosynthesis, and what two things does it make?"},
		{title: "The water cycle", subject: "science", keys: []string{"water cycle", "evaporation", "condensation", "why does it rain"}},
		{title: "Volcanoes", subject: "science", keys: []string{"volcano", "lava", "magma"}},
		{title: "Fractions", subject: "maths", keys: []string{"fraction", "numerator", "denominator"}},
		{title: "Gravity", subject: "science", keys: []string{"gravity", "why things fall"}},
		{title: "The solar system", subject: "science", keys: []string{"solar system", "planets"}},
		{title: "Ancient Egypt", subject: "history", keys: []string{"ancient egypt", "pharaoh", "pyramid"}},
		{title: "Multiplication", subject: "maths", keys: []string{"multiplication", "times tables", "multiply"}},
		{title: "Cells", subject: "science", keys: []string{"cells", "cell biology"}},
		{title: "World War II", subject: "history", keys: []string{"world war ii", "world war 2", "second world war"}},
	}
}

// Words that decline a request: the first list for safety, the second for
// scope.
var (
	unsafeWords   = []string{"weapon", "bomb", "gun", "kill", "hurt myself", "hack", "password", "drugs", "vape", "steal"}
	offTopicWords = []string{"pizza", "restaurant", "near me", "buy ", "price of", "dating", "girlfriend", "boyfriend", "gambl", "casino", "bet on"}
	vagueWords    = []string{"homework", "help me", "explain this", "i don't know", "idk", "stuff", "something"}
	namedTopicRE  = regexp.MustCompile(`(?i)^\s*(?:please\s+)?(?:explain|teach me(?: about)?|tell me about|what (?:is|are)|what's)\s+(.+?)\s*(?:\bfor\b.*\bfans?\b.*|\bto a\b.*)?[?.!]*\s*$`)
	mathsWordsRE  = regexp.MustCompile(`(?i)\b(number|equation|algebra|geometry|angle|triangle|percent|decimal|graph)`)
	historyRE     = regexp.MustCompile(`(?i)\b(war|empire|revolution|king|queen|ancient|century|history)`)
)

func understand(in student) UnderstandingAnswer {
	text := strings.ToLower(strings.Join(append([]string{in.Question}, in.Answers...), " "))
	for _, w := range unsafeWords {
		if strings.Contains(text, w) {
			return UnderstandingAnswer{Subject: "none", Confidence: 0.95, OutOfScope: true, ClarifyingQuestions: []string{},
				OutOfScopeMessage: "I can't help with that, because it could hurt someone. " +
					"If something is worrying you, please talk to a trusted adult like a parent, teacher or school counsellor. " +
					"For a lesson, you could ask me how volcanoes erupt or how the heart pumps blood."}
		}
	}
	for _, w := range offTopicWords {
		if strings.Contains(text, w) {
			return UnderstandingAnswer{Subject: "none", Confidence: 0.9, OutOfScope: true, ClarifyingQuestions: []string{},
				OutOfScopeMessage: "I can't help with that one, because I'm your study buddy for school topics. " +
					"If you're curious about food, you could ask me how percentages work when you share a pizza, or about the chemistry of baking bread."}
		}
	}
	for _, t := range cannedTopics() {
		for _, k := range t.keys {
			if strings.Contains(text, k) {
				return UnderstandingAnswer{Topic: t.title, Subject: t.subject, GradeFit: true, Confidence: 0.92, ClarifyingQuestions: []string{}}
			}
		}
	}
	// Offered library topics: the best is taken when the request is not vague,
	// as a model reading the list would.
	if lt := in.LibraryTopics; len(lt) > 0 && len(strings.Fields(text)) >= 2 {
		return UnderstandingAnswer{TopicID: lt[0].ID, Topic: lt[0].Title, Subject: lt[0].Subject, GradeFit: true,
			Confidence: 0.85, ClarifyingQuestions: []string{}}
	}
	vague := len(strings.Fields(text)) < 2
	for _, w := range vagueWords {
		vague = vague || strings.Contains(text, w)
	}
	if !vague {
		for _, s := range append([]string{in.Question}, in.Answers...) {
			if m := namedTopicRE.FindStringSubmatch(s); m != nil && len(strings.Fields(m[1])) <= 6 {
				subject := "science"
				if mathsWordsRE.MatchString(m[1]) {
					subject = "maths"
				} else if historyRE.MatchString(m[1]) {
					subject = "history"
				}
				return UnderstandingAnswer{Topic: capFirst(m[1]), Subject: subject, GradeFit: true, Confidence: 0.7, ClarifyingQuestions: []string{}}
			}
		}
	}
	return UnderstandingAnswer{Subject: "none", Confidence: 0.4, NeedsClarification: true,
		ClarifyingQuestions: []string{"Which school subject is your question for, and what topic are you working on?"}}
}

// lesson is the script request's data block.
type lesson struct {
	Request student `json:"request"`
	Topic   struct {
		Title   string `json:"title"`
		Subject string `json:"subject"`
	} `json:"topic"`
	Passages []struct {
		ID    string `json:"id"`
		Title string `json:"title"`
		Text  string `json:"text"`
	} `json:"passages"`
}

// ScriptAnswer is the JSON a script call answers with; tests may build their
// own and send it with JSON.
type ScriptAnswer struct {
	Title         string          `json:"title"`
	Segments      []SegmentAnswer `json:"segments"`
	Recap         string          `json:"recap"`
	CheckQuestion string          `json:"check_question"`
	SourcesUsed   []string        `json:"sources_used"`
}

// SegmentAnswer is one segment of a ScriptAnswer.
type SegmentAnswer struct {
	Heading    string   `json:"heading"`
	Narration  string   `json:"narration"`
	KeyPoints  []string `json:"key_points"`
	VisualHint string   `json:"visual_hint,omitempty"` // a field older prompts asked for
}

var targetRE = regexp.MustCompile(`about (\d+) narrated words`)

// targetOf reads the narrated words the request asks for; 300 by default.
func targetOf(user string) int {
	if m := targetRE.FindStringSubmatch(user); m != nil {
		if n, err := strconv.Atoi(m[1]); err == nil && n > 0 {
			return n
		}
	}
	return 300
}

// teachingBlock is the material of one teaching segment.
type teachingBlock struct {
	id, title string
	sentences []string
}

func write(in lesson, target int) ScriptAnswer {
	topic := strings.TrimSpace(in.Topic.Title)
	if topic == "" {
		topic = "This topic"
	}
	interest := strings.TrimSpace(in.Request.Interest)
	var canned *cannedTopic
	for _, t := range cannedTopics() {
		if strings.EqualFold(t.title, topic) {
			canned = &t
			break
		}
	}

	var blocks []teachingBlock
	for _, p := range in.Passages {
		if s := sentences(p.Text); len(s) > 0 && len(blocks) < 4 {
			blocks = append(blocks, teachingBlock{id: p.ID, title: p.Title, sentences: s})
		}
	}
	if len(blocks) == 0 {
		facts := []string{
			topic + " is an important idea in school, and it helps explain the world around us.",
			"Scientists and teachers describe " + topic + " step by step, starting with the simplest case.",
			"Each step builds on the one before, so it helps to go slowly and check each part.",
			"Once you know the basic idea, you can spot " + topic + " in many everyday situations.",
		}
		if canned != nil && len(canned.facts) > 0 {
			facts = canned.facts
		}
		half := (len(facts) + 1) / 2
		blocks = []teachingBlock{{title: "What " + lowerFirst(topic) + " is", sentences: facts[:half]}, {title: "How " + lowerFirst(topic) + " works", sentences: facts[half:]}}
	}

	out := ScriptAnswer{Title: topic + ", explained", SourcesUsed: []string{}}
	hook := SegmentAnswer{Heading: "Getting started with " + topic,
		Narration: "Have you ever wondered how " + lowerFirst(topic) + " works? In the next few minutes, you will find out, one step at a time.",
		KeyPoints: []string{fit("Topic: " + topic), "A question waits at the end"}}
	example := SegmentAnswer{Heading: "An everyday example",
		Narration: "You can see " + lowerFirst(topic) + " in everyday life, too. Next time you are outside, look for one place where it is happening, and name each step you learned.",
		KeyPoints: []string{"Look for it around you", "Name each step"}}
	if interest != "" {
		out.Title = topic + ", explained through " + interest
		hook.Heading = topic + " meets " + interest
		hook.Narration = "Think about " + interest + " for a moment. Everyone who loves " + interest +
			" knows that small things work together to make something big, and " + lowerFirst(topic) + " works the same way. Let's find out how."
		hook.KeyPoints = []string{fit("Topic: " + topic), fit("Seen through " + interest)}
		example.Heading = topic + " and " + interest
		example.Narration = "Now picture " + interest + " again. Just as every part of " + interest +
			" has a job, every step of " + lowerFirst(topic) + " has a job too. If one step is missing, the whole thing stops working."
	}
	out.Segments = append(out.Segments, hook)

	// Share the words left after the fixed segments among the teaching ones.
	budget := max(target-words(hook.Narration)-words(example.Narration)-70, 40*len(blocks))
	per, used := budget/len(blocks), 0
	for _, b := range blocks {
		var said []string
		n := 0
		for _, s := range b.sentences {
			// A writer aiming at about per words stops where it lands
			// nearest, not past it.
			if len(said) >= 2 && n+words(s)-per > per-n {
				break
			}
			said = append(said, s)
			n += words(s)
		}
		seg := SegmentAnswer{Heading: b.title, Narration: strings.Join(said, " ")}
		for _, s := range said {
			if len(seg.KeyPoints) == 3 {
				break
			}
			seg.KeyPoints = append(seg.KeyPoints, fit(strings.TrimRight(s, ".!?")))
		}
		if len(seg.KeyPoints) < 2 {
			seg.KeyPoints = append(seg.KeyPoints, fit(b.title))
		}
		out.Segments = append(out.Segments, seg)
		if b.id != "" {
			out.SourcesUsed = append(out.SourcesUsed, b.id)
		}
		used += words(seg.Narration)
	}
	// A long lesson on little material goes over the key sentences again,
	// as a teacher would, rather than coming out too short.
	if used < budget*4/5 {
		var again []string
		for i := 0; used < budget*4/5 && i < 200; i++ {
			b := blocks[i%len(blocks)]
			s := "Remember: " + lowerFirst(b.sentences[(i/len(blocks))%len(b.sentences)])
			again = append(again, s)
			used += words(s)
		}
		out.Segments = append(out.Segments, SegmentAnswer{Heading: "Putting it all together", Narration: strings.Join(again, " "),
			KeyPoints: []string{"Each step builds on the last", "Say the steps in order"}})
	}
	out.Segments = append(out.Segments, example)

	out.Recap = "Today you learned about " + lowerFirst(topic) + ". " + blocks[0].sentences[0]
	if len(blocks) > 1 {
		out.Recap += " " + blocks[1].sentences[0]
	}
	out.CheckQuestion = "What is the most important idea about " + lowerFirst(topic) + ", and can you give one example of it?"
	if canned != nil && canned.check != "" {
		out.CheckQuestion = canned.check
	}
	return out
}

var sentenceRE = regexp.MustCompile(`[^.!?]+[.!?]+["')\]]*`)

// sentences splits text into trimmed sentences.
func sentences(text string) []string {
	var out []string
	for _, s := range sentenceRE.FindAllString(text, -1) {
		if s = strings.TrimSpace(s); len(strings.Fields(s)) >= 3 {
			out = append(out, s)
		}
	}
	return out
}

func words(s string) int { return len(strings.Fields(s)) }

// fit shortens a slide point to 60 characters at a word boundary.
func fit(s string) string {
	rs := []rune(s)
	if len(rs) <= 60 {
		return s
	}
	cut := 59
	for cut > 0 && rs[cut] != ' ' {
		cut--
	}
	return strings.TrimRight(string(rs[:cut]), " ,;:") + "…"
}

func capFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// lowerFirst lowers a title's first letter for use inside a sentence, but
// leaves names such as "World War II" or "Ancient Egypt" alone.
func lowerFirst(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 || len(f) > 1 && strings.ToUpper(f[1][:1]) == f[1][:1] {
		return s
	}
	r := []rune(s)
	return strings.ToLower(string(r[0])) + string(r[1:])
}

// Lines of the lesson plan Vividly sends outside the data block, which a
// model follows: the term asked about, the method's steps, the interest scene.
var (
	planTermRE  = regexp.MustCompile(`The student asked about "([^"]+)": .*\(it means: (.*)\)\.`)
	planStepRE  = regexp.MustCompile(`(?m)^  Step \d+: (.*)$`)
	planSceneRE = regexp.MustCompile(`Connect the interest through this true scene, then the topic's core idea: (.*) The core idea: (.*)\. Name the interest`)
)

// keepTo shortens a script that following the plan made longer than about
// target words, as a model asked for both would: the last sentences of the
// longest teaching segments go first, and every segment keeps two.
func keepTo(out ScriptAnswer, target int) ScriptAnswer {
	total := words(out.Recap) + words(out.CheckQuestion)
	for _, seg := range out.Segments {
		total += words(seg.Narration)
	}
	for total > target+target/20 {
		longest, most := -1, 0
		for i := 1; i < len(out.Segments)-1; i++ {
			if n := words(out.Segments[i].Narration); n > most && len(sentences(out.Segments[i].Narration)) > 2 {
				longest, most = i, n
			}
		}
		if longest < 0 {
			break
		}
		said := sentences(out.Segments[longest].Narration)
		total -= words(said[len(said)-1])
		out.Segments[longest].Narration = strings.Join(said[:len(said)-1], " ")
	}
	return out
}

// stepWords count steps aloud, as the plan asks.
var stepWords = []string{"one", "two", "three", "four", "five", "six"}

// followPlan makes Auto's script do what the lesson plan asks, as a model
// given it would: explain the term first, give numbered steps, and put the
// interest beside the topic through the scene.
func followPlan(out ScriptAnswer, user string, in lesson) ScriptAnswer {
	if len(out.Segments) < 2 {
		return out
	}
	first := &out.Segments[1]
	var lead []string
	if m := planTermRE.FindStringSubmatch(user); m != nil {
		lead = append(lead, "Here is what "+m[1]+" means: "+m[2]+".")
	}
	for i, m := range planStepRE.FindAllStringSubmatch(user, len(stepWords)) {
		lead = append(lead, "Step "+stepWords[i]+": "+lowerFirst(strings.TrimSpace(m[1])))
	}
	if len(lead) > 0 {
		first.Narration = strings.Join(lead, " ") + " " + first.Narration
	}
	if m := planSceneRE.FindStringSubmatch(user); m != nil && strings.TrimSpace(in.Request.Interest) != "" {
		last := &out.Segments[len(out.Segments)-1]
		last.Narration = "Here is a connection to " + strings.TrimSpace(in.Request.Interest) + ". " + strings.TrimSpace(m[1]) +
			" The same idea is at the heart of " + lowerFirst(strings.TrimSpace(in.Topic.Title)) + ": " + strings.TrimSpace(m[2]) + "."
	}
	return out
}
