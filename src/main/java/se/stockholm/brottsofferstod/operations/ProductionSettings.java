package se.stockholm.brottsofferstod.operations;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * In the production profile ({@code postgres}) the service refuses to start, before it connects to anything, when a
 * required secret, the users file or the broker's configuration is missing or wrong; it names every such setting in
 * one line (and the environment variable to set), never a value. Runs once the configuration files are read.
 */
public class ProductionSettings implements EnvironmentPostProcessor, Ordered {

    static final String PROFILE = "postgres";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.acceptsProfiles(Profiles.of(PROFILE))) {
            return;
        }
        List<String> problems = problems(environment);
        if (!problems.isEmpty()) {
            throw new MissingSettingsException("The production profile cannot start: " + String.join("; ", problems));
        }
    }

    static List<String> problems(ConfigurableEnvironment environment) {
        List<String> problems = new ArrayList<>();
        String url = environment.getProperty("spring.datasource.url", "");
        if (!url.startsWith("jdbc:postgresql://")) {
            problems.add("SPRING_DATASOURCE_URL (spring.datasource.url) must be a jdbc:postgresql:// URL");
        }
        if (blank(environment, "spring.datasource.password")) {
            problems.add("the database password is empty: set INTAKE_DB_PASSWORD or SPRING_DATASOURCE_PASSWORD");
        }
        String usersFile = environment.getProperty("intake.security.users-file", "");
        if (usersFile.isBlank()) {
            problems.add("INTAKE_SECURITY_USERS_FILE (intake.security.users-file) is not set: nobody could log in");
        } else if (!Files.isReadable(Path.of(usersFile))) {
            problems.add("the users file named by INTAKE_SECURITY_USERS_FILE cannot be read");
        }
        if (!environment.getProperty("intake.broker.embedded", Boolean.class, true)) {
            String broker = environment.getProperty("spring.artemis.broker-url", "");
            if (!validBrokerUrl(broker)) {
                problems.add("SPRING_ARTEMIS_BROKER_URL (spring.artemis.broker-url) must be tcp://host:port"
                        + " (or a list in parentheses for an HA pair)");
            }
            if (blank(environment, "spring.artemis.user") || blank(environment, "spring.artemis.password")) {
                problems.add("the broker's user or password is empty: set SPRING_ARTEMIS_USER and SPRING_ARTEMIS_PASSWORD");
            }
        }
        if (environment.getProperty("intake.mail.enabled", Boolean.class, false)
                && (blank(environment, "intake.mail.imap.username") || blank(environment, "intake.mail.imap.password")
                || blank(environment, "intake.mail.address"))) {
            problems.add("the email intake is on but INTAKE_MAIL_IMAP_USERNAME, INTAKE_MAIL_IMAP_PASSWORD or"
                    + " INTAKE_MAIL_ADDRESS is empty");
        }
        return problems;
    }

    private static boolean validBrokerUrl(String url) {
        String first = url.startsWith("(") ? url.substring(1).split("[,)]")[0] : url.split("\\?")[0];
        try {
            URI uri = URI.create(first.strip());
            return "tcp".equals(uri.getScheme()) && uri.getHost() != null && uri.getPort() > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean blank(ConfigurableEnvironment environment, String key) {
        return environment.getProperty(key, "").isBlank();
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** The one line that says what to set. */
    static class MissingSettingsException extends IllegalStateException {
        MissingSettingsException(String message) {
            super(message);
        }
    }
}
