-- H2 only (spring.flyway.locations adds db/vendor/{vendor}): an identity column's sequence writes its state to the
-- database file every CACHE values, and on H2 that write is a commit of the whole store, with every page the running
-- transaction has changed so far. With the default of 32 a chunk of 500 police referrals made some 30 such stores in
-- the middle of its transaction (one per 32 cases and per 32 outbox rows), each rewriting the indexes' pages: the
-- largest cost of the intake in a profile. A cache of 100 000 writes it once per 100 000 ids. After a crash the numbering
-- goes on after the reserved block (a gap, never a repeat). PostgreSQL keeps its default: there a cache is per session
-- and would only make the ids of concurrent sessions interleave.
ALTER TABLE support_case ALTER COLUMN id SET CACHE 100000;
ALTER TABLE case_outbox ALTER COLUMN id SET CACHE 100000;
ALTER TABLE rejection ALTER COLUMN id SET CACHE 100000;
ALTER TABLE dead_letter ALTER COLUMN id SET CACHE 100000;
