// Package postgres keeps Vividly's requests, their status history and the
// notifications sent to students in PostgreSQL. *DB implements
// vividly.RequestStore and vividly.Notifier.
//
// Open creates the database if it is missing and migrates it, so a fresh server
// needs no setup; several processes may start against it at once.
//
// Student text (questions, interests, answers) is stored but never put in an
// error message: errors name requests by id only.
package postgres
