-- The three outboxes (case messages, mail replies, SMS) share one relay pattern (issue 17): a block of due rows is
-- claimed with SELECT ... FOR UPDATE SKIP LOCKED, sent through a Camel producer and deleted or marked sent; a row that
-- cannot be sent waits, a little longer each time, and is tried again. The case outbox gets the same two columns as
-- the other two: how often a row was tried, and when it is due again (NULL: at once).
ALTER TABLE case_outbox ADD COLUMN attempts INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE case_outbox ADD COLUMN next_attempt_at TIMESTAMP WITH TIME ZONE;
