package offline

import "strings"

// phrasing is the wording of one reading band. Sentences grow with the band,
// which is most of how a lesson for grade 1 differs from one for grade 11.
// Placeholders: {interest}, {topic} (mid-sentence) and {Topic} (sentence start).
// Interests only ever appear where any noun phrase reads well ("basketball",
// "horses", "K-pop", "cooking"): as an object, never as a subject.
type phrasing struct {
	hookInterest   []string // variants, one chosen per lesson
	hookGeneric    string
	promise        string
	preview        string // followed by the check question
	transitions    [4]string
	closing        string // followed by a key point
	restate        string // followed by a second key point
	reflect        string // a moment to think, after a passage
	exampleWith    string
	exampleGeneric string
	recapIntro     string
	checkIntro     string
	pause          string
	hint           string
	checkPoints    []string
	stepsIntro     string // before numbered steps
	stepsByExample string // before an example told as numbered steps
	workedIntro    string // before a worked example
}

// phrasingFor returns the wording of a band.
func phrasingFor(b band) phrasing {
	switch b {
	case bandYoung:
		return phrasing{
			hookInterest: []string{
				"Do you like {interest}? Today we will learn about {topic}!",
				"Let's think about {interest}. It can help us learn about {topic}!",
			},
			hookGeneric:    "Let's learn about {topic} today!",
			promise:        "At the end, I will ask you a question.",
			preview:        "Here it is, so you can think about it as we go.",
			transitions:    [4]string{"First, here is the big idea.", "Now, let's learn more.", "Here is one more thing.", "Last, look at this."},
			closing:        "Remember this.",
			restate:        "Say it with me.",
			reflect:        "Can you picture that in your head?",
			exampleWith:    "Now let's think about {interest} again.",
			exampleGeneric: "Here is a way to picture it.",
			recapIntro:     "Let's remember what we learned.",
			checkIntro:     "Now it is your turn!",
			pause:          "Say your answer out loud.",
			hint:           "You can look back at the recap for help.",
			checkPoints:    []string{"Think it over", "Say your answer out loud", "Look back at the recap"},
			stepsIntro:     "Here is how to do it, step by step.",
			stepsByExample: "Let's do one together, step by step.",
			workedIntro:    "Let's try one together.",
		}
	case bandElem:
		return phrasing{
			hookInterest: []string{
				"If you love {interest}, you are going to enjoy learning about {topic} today.",
				"What do {interest} and {topic} have in common? More than you might think!",
			},
			hookGeneric:    "Today we are going to explore {topic}, and it is closer to your everyday life than you might think.",
			promise:        "Stay with me, because there is a question for you at the end.",
			preview:        "Here it is, so you can think about it while we learn.",
			transitions:    [4]string{"Let's start with the basics.", "Now let's take a closer look.", "Here is another important part.", "Finally, let's put it all together."},
			closing:        "Here is the key idea.",
			restate:        "Here is another way to say it.",
			reflect:        "Take a moment to picture that in your mind.",
			exampleWith:    "Now let's connect {topic} back to {interest}.",
			exampleGeneric: "Here is an example from everyday life.",
			recapIntro:     "Let's recap what we learned.",
			checkIntro:     "Now it's your turn to think.",
			pause:          "Pause the lesson and say your answer out loud.",
			hint:           "If you get stuck, look back at the recap.",
			checkPoints:    []string{"Think it over", "Say your answer out loud", "Look back at the recap"},
			stepsIntro:     "Here is how to do it, step by step.",
			stepsByExample: "Here is how it goes, step by step, with an example.",
			workedIntro:    "Let's work through one example together.",
		}
	case bandMiddle:
		return phrasing{
			hookInterest: []string{
				"If you are into {interest}, you already use ideas that connect to {topic}, even if you have never noticed it.",
				"What could {interest} possibly have to do with {topic}? By the end of this lesson, you will see the connection.",
			},
			hookGeneric: "Today we are going to explore {topic} and see why it matters far beyond the classroom.",
			promise:     "Listen closely, because there is a question waiting for you at the end.",
			preview:     "Here it is now, so you can keep it in mind as you listen.",
			transitions: [4]string{
				"Let's start by building the basic idea.",
				"Next, let's look more closely at how it works.",
				"Now let's add another layer to the picture.",
				"Finally, let's connect the pieces together.",
			},
			closing:        "Here is the key takeaway from this part.",
			restate:        "One more point is worth remembering.",
			reflect:        "Take a moment to picture how that works before we move on.",
			exampleWith:    "Let's connect everything back to {interest} with an example.",
			exampleGeneric: "Let's make this concrete with an everyday example.",
			recapIntro:     "Let's recap the main ideas.",
			checkIntro:     "Now it's time to check your understanding.",
			pause:          "Pause here and try to answer in your own words before moving on.",
			hint:           "If you get stuck, the recap has everything you need.",
			checkPoints:    []string{"Answer in your own words", "Use the key terms", "Look back at the recap"},
			stepsIntro:     "Here is the method, step by step.",
			stepsByExample: "Here is the method, shown step by step on an example.",
			workedIntro:    "Let's work through an example from start to finish.",
		}
	}
	return phrasing{
		hookInterest: []string{
			"If you follow {interest} closely, you already think in terms of {idea}, which is exactly the mindset that makes {topic} click.",
			"At first glance, {interest} and {topic} seem to have nothing in common, but looking at one through the lens of the other shows how the core ideas really work.",
		},
		hookGeneric: "In this lesson we will examine {topic}, building from the core idea to the details and vocabulary you will need in class.",
		promise:     "Pay attention to the key terms along the way, because you will need them to answer a question at the end.",
		preview:     "Here it is in advance, so that you can connect each new idea to it as we go.",
		transitions: [4]string{
			"Let's begin by establishing the core concept and the vocabulary that goes with it.",
			"Next, we will look more closely at the mechanism and at the precise terms experts use to describe it.",
			"Building on that foundation, we can now add a further layer of detail to the picture.",
			"Finally, let's connect these ideas so that the overall structure of the topic becomes clear.",
		},
		closing:        "If you keep only one point from this section, make it this one.",
		restate:        "A second point is also worth holding on to.",
		reflect:        "Pause for a moment and consider how this connects to what came before.",
		exampleWith:    "To make this concrete, let's return to {interest} and use it as a working example of {topic}.",
		exampleGeneric: "To make this concrete, let's look at an everyday example that shows the idea at work.",
		recapIntro:     "Let's recap the main ideas before you test yourself.",
		checkIntro:     "Now it's time to check your understanding with a question that pulls these ideas together.",
		pause:          "Pause here and write a short answer in your own words, using at least one of the key terms from this lesson.",
		hint:           "If you get stuck, revisit the recap, since every part of the answer is there.",
		checkPoints:    []string{"Answer in your own words", "Use the key terms", "Look back at the recap"},
		stepsIntro:     "Here is the method, step by step.",
		stepsByExample: "Here is the method, worked step by step through an example.",
		workedIntro:    "Let's work through an example in detail, since the reasoning matters as much as the answer.",
	}
}

// fill replaces the placeholders of a template.
func fill(tmpl, interest, phrase string) string {
	return strings.NewReplacer("{interest}", interest, "{topic}", phrase, "{Topic}", capFirst(phrase)).Replace(tmpl)
}

// ideaPhrases say each kind of idea as a way of thinking ("{idea}" in a
// template), so an opening promises the connection the lesson makes.
var ideaPhrases = map[string]string{
	"energy-force":      "energy changing from one form to another",
	"force":             "pushes and pulls",
	"ratio-proportion":  "rates and ratios",
	"procedure":         "steps done in the right order",
	"cause-effect":      "causes and effects",
	"system-parts":      "parts working together as a system",
	"classification":    "sorting things into groups",
	"change-over-time":  "slow change over time",
	"argument-evidence": "claims backed by evidence",
	"pattern":           "patterns you can predict",
}

// ideaPhrase is how an opening names the idea kind; a topic from outside the
// catalog has none, and is promised how things work.
func ideaPhrase(idea string) string {
	if s, ok := ideaPhrases[idea]; ok {
		return s
	}
	return "how things work"
}
