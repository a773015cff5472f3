-- A change's mark is its transaction id plus the epoch's offset. A restore into another
-- cluster (or another database) brings marks this cluster never issued; the service re-bases
-- them at start-up into a new epoch above every mark before it (see store/postgres.rs).
ALTER TABLE tasks ADD COLUMN change_mark BIGINT NOT NULL DEFAULT 0;
UPDATE tasks SET change_mark = change_xid::text::bigint;
DROP INDEX tasks_changes;
ALTER TABLE tasks DROP COLUMN change_xid;
CREATE INDEX tasks_changes ON tasks (change_mark, id);
-- /health counts stamps in the future with a range scan, not a table scan.
CREATE INDEX tasks_updated_at ON tasks (updated_at);

CREATE TABLE feed_epoch (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    -- Where the marks were issued: the cluster and the database.
    system_identifier BIGINT NOT NULL,
    database_oid      BIGINT NOT NULL,
    -- Added to a transaction id to make its mark.
    mark_offset       BIGINT NOT NULL,
    -- The lowest mark of this epoch: a cursor below it (other than 0) is from before a re-base.
    floor             BIGINT NOT NULL
);
INSERT INTO feed_epoch (id, system_identifier, database_oid, mark_offset, floor)
SELECT 1, (SELECT system_identifier FROM pg_control_system()),
       (SELECT oid::bigint FROM pg_database WHERE datname = current_database()), 0, 0;
