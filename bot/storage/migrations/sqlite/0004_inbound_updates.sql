-- 4: inbound updates, stored before Telegram is told they arrived (bot/storage/inbound.py)
CREATE TABLE inbound_updates (
    update_id INTEGER PRIMARY KEY,
    chat_id INTEGER,
    payload TEXT,
    received_at REAL NOT NULL,
    processed_at REAL
);
CREATE INDEX inbound_updates_pending ON inbound_updates(update_id) WHERE processed_at IS NULL;
