package screen

// Messages shown to the student. They are short and kind, never repeat what
// the student typed, and always say what Vividly can do instead, except for
// self-harm, where the only thing that matters is reaching a person who can
// help.

// offer is what Vividly can help with, said the same way everywhere.
const offer = "a short lesson on any school subject, from kindergarten to grade 12: maths, science, history, civics, English, geography, health or computer science"

var messages = map[Category]string{
	SelfHarm: "I'm really sorry you're going through this, and I'm glad you told me. " +
		"Please talk to a trusted adult right now, like a parent, teacher or school counselor. " +
		"You can also call or text 988 in the US, or your local helpline or emergency number anywhere else: someone is there to listen, any time.",
	Violence: "I can't help with anything that could hurt a person or an animal. " +
		"If someone is in danger or you're worried about a fight, please tell a trusted adult right away. " +
		"I can make you " + offer + ".",
	Drugs: "I can't help with getting, using or hiding drugs, alcohol, vapes or cigarettes. " +
		"If you're curious how they affect the body, I can teach that, or " + offer + ". " +
		"A trusted adult or your school nurse can help if something is worrying you.",
	Sexual: "That's not something I can help with. " +
		"If anything has made you feel uncomfortable or unsafe, please talk to a trusted adult. " +
		"I can make you " + offer + ".",
	Cheating: "I can't help with cheating, copying, forging, taking things or getting into someone else's account. " +
		"I can help you really understand the topic instead, with " + offer + ".",
	PersonalData: "I can't look up or share private information about other people, like their number, address or where they are. " +
		"I can make you " + offer + ".",
	Hate: "I can't help with anything that hurts or puts down other people. " +
		"If someone is being bullied, a trusted adult can help. " +
		"I can make you " + offer + ".",
	Dangerous: "That stunt could seriously hurt you, so I can't help with it. " +
		"I can explain the science of why it's dangerous, or make you " + offer + ".",
	Shopping: "I can't check shops, prices or deals. " +
		"What I can do is make you " + offer + ", like how discounts and percentages work.",
	Scores: "I can't check scores, results or odds. " +
		"What I can do is make you " + offer + ", like the physics of a free throw.",
	Forecast: "I can't check the forecast. " +
		"What I can do is make you " + offer + ", like how weather and climate work.",
	LocalBusiness: "I can't find places, opening hours or directions. " +
		"What I can do is make you " + offer + ".",
	Dating: "That's a personal question, and a friend or trusted adult is better to ask than me. " +
		"What I can do is make you " + offer + ".",
	Gossip: "I don't follow celebrity news. " +
		"What I can do is make you " + offer + ".",
	Entertainment: "I can't help with games, shows or lyrics. " +
		"What I can do is make you " + offer + ", even one built around something you love.",
	NotSchool: "That doesn't look like schoolwork, so I can't help with it here. " +
		"What I can do is make you " + offer + ". If you meant a school topic, tell me which one in a few words.",
	Personal: "That's a question for a friend or trusted adult more than for me. " +
		"What I can do is make you " + offer + ".",
}

// message returns the student-facing message for a category.
func message(c Category) string {
	return messages[c]
}
