package se.stockholm.brottsofferstod.privacy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Copies everything the test JVM writes to standard output and error (the service's whole log) into
 * {@link #FILE}, from the first test class on, for {@link LogScanTests}. Registered for every class through
 * {@code META-INF/services} and {@code junit-platform.properties}.
 */
public final class SuiteOutput implements BeforeAllCallback {

    static final Path FILE = Path.of("target", "suite-output.log");
    private static boolean installed;

    @Override
    public void beforeAll(ExtensionContext context) {
        install();
    }

    static synchronized void install() {
        if (installed) {
            return;
        }
        try {
            Files.createDirectories(FILE.getParent());
            OutputStream file = Files.newOutputStream(FILE);
            System.setOut(new PrintStream(new Tee(System.out, file), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new Tee(System.err, file), true, StandardCharsets.UTF_8));
            installed = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes to the console as before and to the file; one writer at a time, so lines do not interleave mid-line. */
    private static final class Tee extends OutputStream {
        private final OutputStream console;
        private final OutputStream file;

        Tee(OutputStream console, OutputStream file) {
            this.console = console;
            this.file = file;
        }

        @Override
        public void write(int b) throws IOException {
            synchronized (file) {
                console.write(b);
                file.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            synchronized (file) {
                console.write(b, off, len);
                file.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            synchronized (file) {
                console.flush();
                file.flush();
            }
        }
    }
}
