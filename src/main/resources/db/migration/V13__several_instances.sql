-- Several instances of the service on one database (issue 13). Portable SQL: runs on H2 (default) and PostgreSQL.

-- The police file inbox's read locks, shared by every instance that reads the inbox folder (police.InboxReadLocks,
-- the police-file-inbox route's readLock=idempotent-changed): one row per file being read, by its name. The
-- holder writes its heartbeat while it reads the file; a row whose heartbeat is older than the lock's maximum age
-- belongs to an instance that died (SIGKILL, power) and is taken over by the next instance that polls the file.
CREATE TABLE file_read_lock (
    lock_name     VARCHAR(60)  NOT NULL,
    file_key      VARCHAR(300) NOT NULL,
    holder        VARCHAR(100) NOT NULL,
    heartbeat_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_file_read_lock PRIMARY KEY (lock_name, file_key)
);

-- The scheduled jobs' leases (intake.JobLease): a timer route runs its job only while this instance holds the job's
-- lease (retention, reminders, stalled SMS, statistics refresh, ...), so one instance at a time runs each job. The
-- holder renews the lease on each run; a lease past lease_until is free for any instance.
CREATE TABLE job_lease (
    job_name     VARCHAR(60)  NOT NULL PRIMARY KEY,
    holder       VARCHAR(100) NOT NULL,
    lease_until  TIMESTAMP WITH TIME ZONE NOT NULL
);
