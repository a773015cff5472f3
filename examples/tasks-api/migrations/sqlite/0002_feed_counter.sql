-- The feed's marks come from a counter that outlives every row: deleting the rows with the
-- highest marks (by hand, or purging tombstones) can no longer make marks repeat.
CREATE TABLE feed_state (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    last_mark INTEGER NOT NULL
);
INSERT INTO feed_state (id, last_mark) SELECT 1, COALESCE(MAX(change_seq), 0) FROM tasks;
-- /health counts stamps in the future with a range scan, not a table scan.
CREATE INDEX tasks_updated_at ON tasks (updated_at);
