-- The layout before migrations were recorded: every statement is a no-op on a database that
-- already has it.
CREATE TABLE IF NOT EXISTS tasks (
    id          BIGSERIAL PRIMARY KEY,
    title       TEXT NOT NULL,
    description TEXT NOT NULL,
    priority    TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
ALTER TABLE tasks ADD COLUMN IF NOT EXISTS deleted_at TIMESTAMPTZ;
ALTER TABLE tasks ADD COLUMN IF NOT EXISTS change_xid xid8 NOT NULL DEFAULT '0';
CREATE TABLE IF NOT EXISTS health_probe (id INTEGER PRIMARY KEY, at TIMESTAMPTZ NOT NULL);
CREATE INDEX IF NOT EXISTS tasks_changes ON tasks (change_xid, id);
