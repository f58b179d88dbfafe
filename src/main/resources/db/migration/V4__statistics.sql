-- Statistics: a case's holder at the end of a period is found from its handovers, so the coordinator's
-- assignments are recorded beside the links (only links count as links).
ALTER TABLE case_link ADD COLUMN kind VARCHAR(16) DEFAULT 'LINK' NOT NULL;

-- Cases received in a period, grouped: an index that holds every grouped column lets the database answer
-- from the index alone.
CREATE INDEX ix_support_case_statistics ON support_case (received_at, partner, gender, source, crime_category,
    gang_related, intimate_partner_violence);
-- The person's gender beside each contact attempt (it never changes, and retention keeps it), so direct
-- contacts are counted by gender without joining millions of attempts to their cases.
ALTER TABLE contact_attempt ADD COLUMN person_gender VARCHAR(16) DEFAULT 'UNKNOWN' NOT NULL;
UPDATE contact_attempt SET person_gender = (SELECT c.gender FROM support_case c WHERE c.id = contact_attempt.case_id);
CREATE INDEX ix_contact_attempt_statistics ON contact_attempt (attempted_at, partner, outcome, person_gender);
CREATE INDEX ix_case_action_statistics ON case_action (performed_at, partner, action_type);
