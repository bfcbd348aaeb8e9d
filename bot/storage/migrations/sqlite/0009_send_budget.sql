-- 9: Telegram's send limits for the whole cluster (bot/storage/send_budget.py): the times of the bot's last
-- messages, of each group's and each chat's (comma-separated); a chat only as a hash of its id, deleted after
-- 2 minutes without a message (last_at).
-- Used on PostgreSQL with several workers; an SQLite database has the table for the same schema, unused.
CREATE TABLE send_budget (
    key TEXT PRIMARY KEY,
    times TEXT NOT NULL,
    last_at DOUBLE PRECISION NOT NULL
);
