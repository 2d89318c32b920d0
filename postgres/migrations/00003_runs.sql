-- A request may be started again after its lesson failed: each run of its
-- workflow continues the request's history. run_id is the Temporal run that
-- last began working on the request, so a new run can tell its own retried
-- writes from the ones an earlier run left.

-- +goose Up
ALTER TABLE requests ADD COLUMN run_id text NULL;

-- +goose Down
ALTER TABLE requests DROP COLUMN run_id;
