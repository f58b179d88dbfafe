package se.stockholm.brottsofferstod.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** The contract's example referrals (../shared/contract/examples), with fresh referral ids where a test needs them. */
public final class Examples {

    public static final Path CONTRACT = Path.of("..", "shared", "contract");
    public static final String ADULT = "police-referral-adult.json";
    public static final String MINOR_NO_CONSENT = "police-referral-minor-no-consent.json";
    public static final String BATCH = "police-referrals-batch.ndjson";

    private Examples() {
    }

    public static String read(String name) {
        try {
            return Files.readString(CONTRACT.resolve("examples").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The example with each referral id made unique by a suffix, so several tests can share one database. */
    public static String withFreshIds(String name, String suffix) {
        return read(name).replaceAll("\"referralId\"\\s*:\\s*\"([^\"]+)\"", "\"referralId\":\"$1-" + suffix + "\"");
    }

    public static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
