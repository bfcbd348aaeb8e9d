-- 2: drafts and name sharing; tickets for caseworkers, their messages, the group mapping; the persistent outbox
ALTER TABLE users ADD COLUMN draft TEXT;
ALTER TABLE users ADD COLUMN share_name INTEGER NOT NULL DEFAULT 0;
CREATE TABLE tickets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER,
    lang TEXT NOT NULL,
    text TEXT,
    display_name TEXT,
    status TEXT NOT NULL,
    claimed_by INTEGER,
    candidates TEXT NOT NULL DEFAULT '',
    group_message_id INTEGER,
    thread_id INTEGER,
    blocked INTEGER NOT NULL DEFAULT 0,
    rating INTEGER,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    closed_at REAL
);
CREATE INDEX tickets_user ON tickets(user_id);
CREATE INDEX tickets_status ON tickets(status);
CREATE TABLE ticket_messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id INTEGER NOT NULL REFERENCES tickets(id),
    direction TEXT NOT NULL,
    text TEXT,
    source_message_id INTEGER,
    created_at REAL NOT NULL
);
CREATE UNIQUE INDEX ticket_messages_source ON ticket_messages(direction, source_message_id)
    WHERE source_message_id IS NOT NULL;
CREATE TABLE group_messages (
    chat_id INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    ticket_id INTEGER NOT NULL REFERENCES tickets(id),
    PRIMARY KEY (chat_id, message_id)
);
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    dedupe_key TEXT UNIQUE,
    chat_id INTEGER NOT NULL,
    purpose TEXT NOT NULL,
    ticket_id INTEGER,
    payload TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at REAL NOT NULL,
    last_error TEXT,
    created_at REAL NOT NULL,
    sent_at REAL,
    sent_message_id INTEGER
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
