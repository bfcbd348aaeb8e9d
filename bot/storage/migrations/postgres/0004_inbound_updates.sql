-- 4: inbound updates, stored before Telegram is told they arrived (bot/storage/inbound.py)
CREATE TABLE inbound_updates (
    update_id BIGINT PRIMARY KEY,
    chat_id BIGINT,
    payload TEXT,
    received_at DOUBLE PRECISION NOT NULL,
    processed_at DOUBLE PRECISION
);
CREATE INDEX inbound_updates_pending ON inbound_updates(update_id) WHERE processed_at IS NULL;
