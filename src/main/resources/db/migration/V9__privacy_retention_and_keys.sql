-- Issue 18 (privacy). Portable SQL: runs on H2 (default) and PostgreSQL (production).

-- A mail joins a case by answering our reply only when it names a Message-ID we really sent: looked up here.
CREATE INDEX ix_email_reply_message_id ON email_reply (message_id);
