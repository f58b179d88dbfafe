-- Languages and urgency (issue 16). A case whose person wrote an emergency or suicide word is urgent: first in
-- the staff's queue, high priority with an `urgent` property on its queue message. The language the person's
-- messages were detected in (or that they chose) is preferred_language, as before, and goes on the queue message too.
-- (V10 is taken by the municipal agreements on another branch.)
ALTER TABLE support_case ADD COLUMN urgent BOOLEAN DEFAULT FALSE NOT NULL;
CREATE INDEX support_case_queue_order ON support_case (partner, urgent, received_at);

ALTER TABLE case_outbox ADD COLUMN urgent BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE case_outbox ADD COLUMN language VARCHAR(12);
