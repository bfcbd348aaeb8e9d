-- 6: what a ticket is: a question for the caseworkers, or a speaker request for the coordination office's
-- group (BROKER_CHAT_ID); both share the ticket machinery (posts, replies, outbox, retention, erasure)
ALTER TABLE tickets ADD COLUMN kind TEXT NOT NULL DEFAULT 'question';
CREATE INDEX tickets_user_kind ON tickets(user_id, kind);
