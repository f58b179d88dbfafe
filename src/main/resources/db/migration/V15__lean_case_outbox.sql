-- A case message's row in the outbox need not hold the message: a case opened from a police referral over REST or the
-- file inbox is sent by the intake's own thread right after its commit, and its row, written in the case's
-- transaction, holds no body (NULL); only if that send did not happen (a failure, a crash) does the relay send it,
-- the message built from the case row then. Rows written elsewhere (follow-ups, links, reminders) keep their body.
ALTER TABLE case_outbox ALTER COLUMN body DROP NOT NULL;
