-- 1: users, feedback on service cards, the question log
CREATE TABLE users (
    user_id INTEGER PRIMARY KEY,
    lang TEXT NOT NULL,
    district TEXT,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    pending_question TEXT,
    clarify_rounds INTEGER NOT NULL DEFAULT 0,
    awaiting TEXT
);
CREATE TABLE feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER,
    entry_id TEXT NOT NULL,
    helpful INTEGER NOT NULL,
    created_at REAL NOT NULL
);
CREATE INDEX feedback_user ON feedback(user_id);
CREATE TABLE questions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER,
    lang TEXT NOT NULL,
    text TEXT,
    action TEXT NOT NULL,
    intent TEXT NOT NULL,
    entry_id TEXT,
    outcome TEXT,
    created_at REAL NOT NULL
);
CREATE INDEX questions_user ON questions(user_id);
CREATE INDEX questions_created ON questions(created_at);
