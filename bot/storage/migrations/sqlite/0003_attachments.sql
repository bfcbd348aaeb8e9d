-- 3: photos and PDFs a newcomer adds to a question (Telegram file ids only, never the files), and the
-- outbox's per-chat order: a chat's next message waits for the one queued before it
CREATE TABLE attachments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER,
    ticket_id INTEGER REFERENCES tickets(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    file_id TEXT NOT NULL,
    caption TEXT,
    album TEXT,
    source_message_id INTEGER,
    created_at REAL NOT NULL
);
CREATE INDEX attachments_user ON attachments(user_id);
CREATE INDEX attachments_ticket ON attachments(ticket_id);
CREATE UNIQUE INDEX attachments_source ON attachments(user_id, source_message_id)
    WHERE source_message_id IS NOT NULL;
CREATE INDEX outbox_pending_chat ON outbox(chat_id, id) WHERE status = 'pending';
