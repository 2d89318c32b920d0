-- The first schema of Vividly: requests, their append-only status history, and
-- the notifications sent when a request ends. The status list below must match
-- vividly.AllStatuses; a test records every status to keep them in step.

-- +goose Up
-- One list of statuses for every column that holds one.
CREATE DOMAIN request_status AS text CHECK (VALUE IN (
    'pending', 'validating', 'understanding', 'clarification_needed', 'retrieving',
    'generating_script', 'generating_audio', 'generating_video', 'uploading',
    'notifying', 'completed', 'out_of_scope', 'expired', 'failed', 'cancelled'));

CREATE TABLE requests (
    id                      uuid           PRIMARY KEY,
    student_id              uuid           NOT NULL,
    organization_id         uuid           NULL,
    question                text           NOT NULL,
    grade_level             smallint       NOT NULL CHECK (grade_level BETWEEN 0 AND 12),
    interest                text           NULL,
    modality                text           NOT NULL CHECK (modality IN ('text', 'video')),
    target_duration_seconds integer        NOT NULL CHECK (target_duration_seconds > 0),
    correlation_id          text           NULL,
    status                  request_status NOT NULL,
    stage                   request_status NULL,
    progress                smallint       NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    clarifying_questions    jsonb          NOT NULL DEFAULT '[]',
    result                  jsonb          NULL,
    error                   text           NULL,
    degraded                boolean        NOT NULL DEFAULT false,
    -- last_seq is the Seq of the update the request reflects; older or repeated
    -- updates must not move it (see vividly.StatusUpdate).
    last_seq                integer        NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
    created_at              timestamptz    NOT NULL DEFAULT now(),
    updated_at              timestamptz    NOT NULL DEFAULT now()
);

CREATE INDEX requests_status_idx ON requests (status);
CREATE INDEX requests_student_id_idx ON requests (student_id);

-- ON DELETE CASCADE so that erasing a student's request (a privacy duty) takes
-- its history and notifications with it.
CREATE TABLE request_status_history (
    request_id uuid           NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    seq        integer        NOT NULL CHECK (seq >= 0),
    status     request_status NOT NULL,
    stage      request_status NULL,
    progress   smallint       NOT NULL CHECK (progress BETWEEN 0 AND 100),
    error      text           NULL,
    at         timestamptz    NOT NULL DEFAULT now(),
    PRIMARY KEY (request_id, seq)
);

-- History is append-only: an entry, once written, is never rewritten. Deletes
-- stay possible so a request can still be erased as a whole.
-- +goose StatementBegin
CREATE FUNCTION request_status_history_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'request_status_history is append-only'
        USING ERRCODE = 'restrict_violation';
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER request_status_history_no_update
    BEFORE UPDATE ON request_status_history
    FOR EACH ROW EXECUTE FUNCTION request_status_history_append_only();

CREATE TABLE notifications (
    request_id uuid           NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    status     request_status NOT NULL,
    student_id uuid           NOT NULL,
    message    text           NOT NULL,
    created_at timestamptz    NOT NULL DEFAULT now(),
    -- One notification per request and status makes a redelivery a no-op.
    PRIMARY KEY (request_id, status)
);

-- +goose Down
DROP TABLE notifications;
DROP TRIGGER request_status_history_no_update ON request_status_history;
DROP FUNCTION request_status_history_append_only();
DROP TABLE request_status_history;
DROP TABLE requests;
DROP DOMAIN request_status;
