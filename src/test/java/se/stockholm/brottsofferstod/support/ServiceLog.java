package se.stockholm.brottsofferstod.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The service's log during a test run: the file {@code logback-test.xml} writes (the build's console shows only test
 * results). A test that checks what was logged marks the file's end first and reads what came after.
 */
public final class ServiceLog {

    private ServiceLog() {
    }

    public static Path file() {
        return Path.of(System.getProperty("intake.test-log", "target/test-logs/tests.log"));
    }

    /** Where the log ends now. */
    public static long mark() {
        try {
            return Files.exists(file()) ? Files.size(file()) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the service logged since {@code mark} (read leniently: a test may have sent text that is not UTF-8). */
    public static String since(long mark) {
        try (InputStream in = Files.newInputStream(file())) {
            in.skipNBytes(Math.min(mark, Files.size(file())));
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
