// Package gemini is Vividly's production AI: it understands a student's
// question and writes lesson scripts with Gemini on Vertex AI, through
// google.golang.org/genai.
//
// Both calls ask for JSON that a response schema enforces. The student's text
// and retrieved passages travel as a JSON data block between marker lines in
// the user message, never in the system instruction that holds the rules, and
// the model's answer is untrusted: it is parsed strictly, bounded, and
// cleaned of control characters and markup before use.
//
// Errors are classified for the lifecycle's retries: a request Vertex AI
// refuses (400, 401, 403, 404 model not found) or a script withheld for
// safety is vividly.Permanent; rate limits, 5xx answers, time-outs and
// unusable output are plain errors, worth another try. No error carries the
// student's text.
//
// The sub-package fakevertex is an HTTP server that answers generateContent
// the way Vertex AI does, for tests and demos.
package gemini
