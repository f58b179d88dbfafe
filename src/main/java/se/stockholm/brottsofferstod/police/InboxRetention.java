package se.stockholm.brottsofferstod.police;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Processed inbox files have a purpose and an end: a file that held a referral without consent is deleted at once
 * (it was moved to {@code .erase}), the others are kept in {@code .done} for the configured period, for a sender's
 * question, and then deleted; so are the files set aside in {@code .failed} (InboxFailures). The rejection reports
 * beside them hold no personal data and go with them.
 */
@Component("inboxRetention")
public class InboxRetention {

    /** The header the inbox route moves a processed file by (relative to the inbox). */
    static final String MOVE_TO = "policeInboxMoveTo";
    static final String KEPT = ".done";
    static final String ERASED_AT_ONCE = ".erase";
    /** Files the redelivery policy gave up on (InboxFailures), kept as long as the processed ones. */
    static final String FAILED = ".failed";
    private static final Logger log = LoggerFactory.getLogger(InboxRetention.class);

    private final Path inbox;
    private final Duration keep;
    private final Clock clock;

    InboxRetention(@Value("${intake.police.inbox}") Path inbox, @Value("${intake.police.keep-processed}") Duration keep,
                   Clock clock) {
        this.clock = clock;
        this.inbox = inbox;
        this.keep = keep;
    }

    /** @return how many files were deleted */
    public int clean() {
        Instant keptSince = clock.instant().minus(keep);
        int deleted = delete(inbox.resolve(ERASED_AT_ONCE), Instant.MAX) + delete(inbox.resolve(KEPT), keptSince)
                + delete(inbox.resolve(FAILED), keptSince);
        if (deleted > 0) {
            log.info("Police file inbox: {} processed files deleted", deleted);
        }
        return deleted;
    }

    private static int delete(Path folder, Instant modifiedBefore) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, Files::isRegularFile)) {
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(modifiedBefore) && Files.deleteIfExists(file)) {
                    deleted++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return deleted;
    }
}
