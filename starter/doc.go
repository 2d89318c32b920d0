// Package starter is the bridge from Pub/Sub into Temporal: it receives lesson
// requests from a subscription, validates each against the message contract, and
// either starts the request's one ContentWorkflow or puts the message aside on a
// dead-letter topic with a reason a person can act on.
//
// # Message contract
//
// A message is one JSON object, UTF-8, at most MaxMessageBytes (16 KiB) long. The
// same contract is shipped as a JSON Schema (draft 2020-12) in message.schema.json
// and embedded as MessageSchema.
//
//	field             type                 rule
//	request_id        string, required     UUID, 36-character form; the same id is always the same one workflow
//	student_id        string, required     UUID, 36-character form
//	student_query     string, required     1–1000 characters as sent, not only white space, no control characters but tab and newline
//	grade_level       integer or "K"       0 (kindergarten; "K" or "k" too) to 12; a whole number such as 7 or 7.0
//	interest          string, optional     at most 80 characters, no control characters but tab and newline
//	modality          string, optional     "text" or "video" (default video)
//	duration_minutes  number, optional     1 to 10, fractions allowed (default 2)
//	correlation_id    string, optional     at most 128 characters, no control characters but tab and newline
//	organization_id   string, optional     UUID, 36-character form
//
// Optional fields may be left out, null or "": each means the default. Fields not
// in the table are ignored (and named in ParseMessage's result, for a metric and
// a log line), so a producer one release ahead still starts lessons; but one
// within two edits of a field in the table, such as "intrest", is refused
// (ReasonUnknownField, suggesting the field meant) instead of silently dropped.
//
// A message that breaks the contract is refused with a *Rejection whose Reason is
// one of the Reason constants; Parse checks in the order of the table and reports
// the first broken rule. The size and UTF-8 checks come before the JSON is read,
// so they are not part of the schema.
package starter
