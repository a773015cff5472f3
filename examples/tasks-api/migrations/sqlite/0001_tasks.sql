-- The layout before migrations were recorded: every statement is a no-op on a database that
-- already has it (older tables get their missing columns before the migrator runs).
CREATE TABLE IF NOT EXISTS tasks (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    title       TEXT NOT NULL,
    description TEXT NOT NULL,
    priority    TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT,
    change_seq  INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS health_probe (id INTEGER PRIMARY KEY, at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS tasks_changes ON tasks (change_seq, id);
