package se.stockholm.brottsofferstod.intake;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which instance of the service this is, among several on one database: the holder named in the scheduled jobs'
 * leases ({@link JobLease}) and in the file inbox's read locks. {@code intake.instance-id} when set (e.g. the
 * container's host name), otherwise a random UUID made when the process starts, so that a restarted process is a new
 * holder and never mistakes a dead process's lock for its own.
 */
@Component
public class InstanceId {

    private static final Logger log = LoggerFactory.getLogger(InstanceId.class);
    /** The holder columns' width. */
    private static final int MAX_LENGTH = 100;

    private final String id;

    public InstanceId(@Value("${intake.instance-id:}") String configured) {
        String id = configured == null || configured.isBlank() ? UUID.randomUUID().toString() : configured.strip();
        if (id.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("intake.instance-id is longer than " + MAX_LENGTH + " characters");
        }
        this.id = id;
        log.info("This instance of the service is {}", id);
    }

    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
