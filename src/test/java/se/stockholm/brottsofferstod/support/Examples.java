package se.stockholm.brottsofferstod.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The contract's example referrals, kept in the project ({@code src/main/resources/contract/examples}),
 * with fresh referral ids where a test needs them.
 */
public final class Examples {

    /** Where the examples lie on the test classpath. */
    public static final String EXAMPLES = "/contract/examples/";
    public static final String ADULT = "police-referral-adult.json";
    public static final String MINOR_NO_CONSENT = "police-referral-minor-no-consent.json";
    public static final String BATCH = "police-referrals-batch.ndjson";

    private Examples() {
    }

    public static String read(String name) {
        try (InputStream in = Examples.class.getResourceAsStream(EXAMPLES + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no example " + name + " under " + EXAMPLES);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
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
