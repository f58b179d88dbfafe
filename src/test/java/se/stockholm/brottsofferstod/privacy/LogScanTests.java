package se.stockholm.brottsofferstod.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import se.stockholm.brottsofferstod.support.ServiceLog;

/**
 * The log scan: runs after every other test class (ordered last) and searches the whole suite's output (the
 * service's log file, {@link ServiceLog}, and what the tests printed, {@link SuiteOutput}) for the names, personnummer, phone numbers, addresses, emails and message texts the tests
 * put through the service. The log may name referrals and cases by id, never a person.
 */
@Order(Integer.MAX_VALUE)
class LogScanTests {

    /** Values the tests use (the contract's examples and the tests' own people and messages). */
    private static final List<String> VALUES = List.of("Lindqvist", "Hökarängsplan", "19851104-5547", "198511045547",
            "Svepnamn", "Svepsson", "Svepgatan", "Svepsms", "Sveplänk", "Rightstest", "Erasetest", "Keyedtest",
            "keyed.test@example.se", "Nofilekept", "Forgedname", "Forgedgatan", "anna.lindqvist", "Personsson",
            "Min sambo slog mig", "older boys threatened", "hotad på bussen", "lurad på pengar", "Jag är på semester");
    private static final List<Pattern> SHAPES = List.of(
            Pattern.compile("\\b(?:19|20)?\\d{6}[-+]\\d{4}\\b"),
            Pattern.compile("\\+46\\d{8,10}"),
            Pattern.compile("\\b07\\d[- ]?\\d{3} ?\\d{2} ?\\d{2}\\b"),
            Pattern.compile("[\\w.+-]+@example\\.se"));

    @Test
    void theWholeSuitesLogHoldsNoPersonalDataUsedInTheTests() throws IOException {
        SuiteOutput.install();
        System.out.flush();
        List<String> found = new ArrayList<>();
        for (Path file : List.of(ServiceLog.file(), SuiteOutput.FILE)) {
            // read leniently: a test sends text that is not UTF-8 on purpose, and the log may echo bytes of it
            try (BufferedReader log = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
                String line;
                int number = 0;
                while ((line = log.readLine()) != null && found.size() < 20) {
                    number++;
                    for (String value : VALUES) {
                        if (line.contains(value)) {
                            found.add(file + " line " + number + " holds '" + value + "'");
                        }
                    }
                    for (Pattern shape : SHAPES) {
                        Matcher m = shape.matcher(line);
                        if (m.find()) {
                            found.add(file + " line " + number + " holds '" + m.group() + "'");
                        }
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void theScanReadsTheServiceLogWhereTheServiceLogs() {
        String marker = "log-scan-service-probe-" + System.nanoTime();
        long mark = ServiceLog.mark();
        LoggerFactory.getLogger("se.stockholm.brottsofferstod").info(marker);

        assertThat(ServiceLog.since(mark)).contains(marker);
    }

    @Test
    void theScanWouldSeeAValueLoggedNow() throws IOException {
        SuiteOutput.install();
        String marker = "log-scan-probe-" + System.nanoTime();
        System.out.println(marker);
        System.out.flush();

        assertThat(new String(Files.readAllBytes(SuiteOutput.FILE), StandardCharsets.UTF_8)).contains(marker);
    }
}
