-- Issue 15: other municipalities' agreements. Portable SQL: runs on H2 (default) and PostgreSQL (production).

-- The agreement (config/routing/agreements.yml) a case was taken in under and is counted for: the person's
-- municipality's own (norrtalje), else Stockholm city's (stockholm), triage and outside area included. Cases from
-- before are Stockholm city's.
ALTER TABLE support_case ADD COLUMN agreement VARCHAR(40) DEFAULT 'stockholm' NOT NULL;
ALTER TABLE case_outbox ADD COLUMN agreement VARCHAR(40) DEFAULT 'stockholm' NOT NULL;

-- The statistics' index of grouped columns holds the agreement too, so a report per agreement is answered from it.
DROP INDEX ix_support_case_statistics;
CREATE INDEX ix_support_case_statistics ON support_case (received_at, agreement, partner, gender, source, crime_category,
    gang_related, intimate_partner_violence);

-- The daily roll-ups per agreement: attempts and actions count for the agreement of their case. The rows there are
-- all Stockholm city's so far.
ALTER TABLE statistics_case_day ADD COLUMN agreement VARCHAR(40) DEFAULT 'stockholm' NOT NULL;
ALTER TABLE statistics_attempt_day ADD COLUMN agreement VARCHAR(40) DEFAULT 'stockholm' NOT NULL;
ALTER TABLE statistics_action_day ADD COLUMN agreement VARCHAR(40) DEFAULT 'stockholm' NOT NULL;
