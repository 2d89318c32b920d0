// Package offline is Vividly's embedded default AI. It understands a student's
// question, retrieves starter material and writes a lesson script using only data
// compiled into the binary, so Vividly works with no cloud account and no network.
//
// The three providers (Understander, Retriever and ScriptWriter) share one
// read-only library: a topic catalog, a starter corpus of short passages and a
// safety screen, parsed from embedded JSON the first time a constructor runs.
// Every answer is deterministic: the same input always gives the same output.
package offline
