-- 9: Telegram's send limits for the whole cluster (bot/storage/send_budget.py): the bot's messages this second,
-- each group's this minute, each chat's last message; a chat only as a hash of its id, deleted after 2 minutes.
-- Used on PostgreSQL with several workers; an SQLite database has the table for the same schema, unused.
CREATE TABLE send_budget (
    key TEXT PRIMARY KEY,
    start DOUBLE PRECISION NOT NULL,
    used INTEGER NOT NULL
);
