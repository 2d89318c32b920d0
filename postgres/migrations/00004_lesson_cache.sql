-- Lessons that can be given again (see vividly.CachedLesson): one row per
-- content key, pointing at the request whose stored files are copied for a
-- new request. A lesson is kept when it is stored, which may be before its
-- request's row is (the row follows in the background), so there is no
-- foreign key: deleting a request deletes the lessons kept from it
-- (DeleteRequest), so forgetting a student (or retention) forgets them too.

-- +goose Up
CREATE TABLE lesson_cache (
    key        text PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 128),
    request_id uuid NOT NULL,
    lesson     jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    hits       bigint NOT NULL DEFAULT 0 CHECK (hits >= 0)
);
CREATE INDEX lesson_cache_request ON lesson_cache (request_id);

-- +goose Down
DROP TABLE lesson_cache;
