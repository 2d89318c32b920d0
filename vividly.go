// Package vividly holds Vividly's domain: a student's request, the status of its
// lifecycle, the lesson it becomes, and the interfaces of the providers that do each
// stage. It imports nothing of the project's own; adapters import it.
package vividly

// Version is the release of Vividly reported by the CLI.
const Version = "0.1.0"
