-- Who is asking: students, the bearer tokens API clients hold, the sessions
-- of the page, and which student asked for which lesson. Tokens and session
-- ids are kept only as SHA-256 hashes, so a copy of the database lets no one
-- act as a student. Deleting a student takes their tokens and sessions with
-- it: a deleted student's token no longer opens anything.

-- +goose Up
CREATE TABLE students (
    id         uuid        PRIMARY KEY,
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- subject is who the identity provider says signed in ("local:<name>"
    -- for the local sign-in), so signing in again finds the same student.
    subject    text        NOT NULL UNIQUE CHECK (length(subject) BETWEEN 1 AND 300),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE student_tokens (
    hash       bytea       PRIMARY KEY CHECK (length(hash) = 32),
    student_id uuid        NOT NULL REFERENCES students (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE student_sessions (
    hash       bytea       PRIMARY KEY CHECK (length(hash) = 32),
    student_id uuid        NOT NULL REFERENCES students (id) ON DELETE CASCADE,
    -- csrf is the token the page sends back with every change it asks for.
    csrf       text        NOT NULL,
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX student_sessions_expires_idx ON student_sessions (expires_at);

-- A lesson asked for through the API: its row exists from the moment it is
-- asked, before the workflow has stored the request, so the student owns it
-- at once. idempotency_key makes a retried POST start nothing new.
CREATE TABLE student_lessons (
    request_id      uuid        PRIMARY KEY,
    student_id      uuid        NOT NULL REFERENCES students (id) ON DELETE CASCADE,
    idempotency_key text        NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
    -- question is shown in the student's list until the request is stored;
    -- erasing the request (DeleteRequest) erases this row with it.
    question        text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (student_id, idempotency_key)
);
CREATE INDEX student_lessons_list_idx ON student_lessons (student_id, created_at DESC, request_id DESC);

-- +goose Down
DROP TABLE student_lessons;
DROP TABLE student_sessions;
DROP TABLE student_tokens;
DROP TABLE students;
