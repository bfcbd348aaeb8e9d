-- 8: several workers on one database (README "Running several workers"): the knowledge version every worker
-- polls to follow a /reload made on another one (one SQLite process has no other worker: kept in step only),
-- and each chat's pending updates found without a scan
CREATE TABLE knowledge_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL,
    changed_at REAL NOT NULL
);
INSERT INTO knowledge_version (id, version, changed_at) VALUES (1, 0, 0);
CREATE INDEX inbound_updates_chat_pending ON inbound_updates(chat_id, update_id) WHERE processed_at IS NULL;
