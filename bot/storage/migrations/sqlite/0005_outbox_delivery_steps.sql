-- 5: the outbox's delivery steps (bot/telegram/outbox_worker.py): 'sending' while a request may be under way,
-- why a row failed (send_policy.Failure) and when, for /failed and /retry
ALTER TABLE outbox ADD COLUMN failure TEXT;
ALTER TABLE outbox ADD COLUMN failed_at REAL;
DROP INDEX outbox_pending_chat;
CREATE INDEX outbox_waiting_chat ON outbox(chat_id, id) WHERE status IN ('pending', 'sending');
CREATE INDEX outbox_failed ON outbox(failed_at) WHERE status = 'failed';
