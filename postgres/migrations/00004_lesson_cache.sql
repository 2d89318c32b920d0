-- Lessons that can be given again (see vividly.CachedLesson): one row per
-- content key, pointing at the request whose stored files are copied for a
-- new request. A row goes with its request, so forgetting a student's
-- requests (or retention) also forgets the lessons kept from them.

-- +goose Up
CREATE TABLE lesson_cache (
    key        text PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 128),
    request_id uuid NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    lesson     jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    hits       bigint NOT NULL DEFAULT 0 CHECK (hits >= 0)
);
CREATE INDEX lesson_cache_request ON lesson_cache (request_id);

-- +goose Down
DROP TABLE lesson_cache;
