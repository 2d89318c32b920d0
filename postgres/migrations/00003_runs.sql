-- A request may be started again after its lesson failed: each run of its
-- workflow continues the request's history. run_id is the Temporal run now
-- working on the request and run_base the last sequence number of the
-- history before that run began, which the run's own numbers follow, so a new
-- run never mistakes an earlier run's entries for its own.

-- +goose Up
ALTER TABLE requests ADD COLUMN run_id text NULL;
ALTER TABLE requests ADD COLUMN run_base integer NOT NULL DEFAULT 0 CHECK (run_base >= 0);

-- +goose Down
ALTER TABLE requests DROP COLUMN run_base;
ALTER TABLE requests DROP COLUMN run_id;
