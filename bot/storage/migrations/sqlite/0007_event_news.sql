-- 7: event news (bot/storage/events.py): who wants it for which district, what each person was sent (so a
-- restart sends nothing twice, and the weekly cap can count), and when the bot first saw each event
CREATE TABLE event_subscriptions (
    user_id INTEGER NOT NULL,
    district TEXT NOT NULL,
    created_at REAL NOT NULL,
    PRIMARY KEY (user_id, district)
);
CREATE TABLE event_notices (
    user_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    event_id TEXT NOT NULL,
    occurrence TEXT NOT NULL,
    batch TEXT NOT NULL,
    queued_at REAL NOT NULL,
    PRIMARY KEY (user_id, kind, event_id, occurrence)
);
CREATE INDEX event_notices_queued ON event_notices(queued_at);
CREATE TABLE events_seen (
    event_id TEXT PRIMARY KEY,
    first_seen REAL NOT NULL
);
