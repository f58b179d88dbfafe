package se.stockholm.brottsofferstod.intake;

import java.nio.file.Path;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * Offers {@code intake.data-path}: the configured {@code intake.data-dir} made absolute, read at the moment it is
 * asked for, so it follows whichever source set the folder (settings, environment, a test). H2 refuses a file URL
 * that is implicitly relative to the working folder, and the shipped data folder ({@code data}) is relative: the
 * settings build the database URL, the broker's journal and the inbox on this key.
 */
public class DataFolder implements EnvironmentPostProcessor {

    static final String CONFIGURED = "intake.data-dir";
    static final String ABSOLUTE = "intake.data-path";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new AbsolutePath(environment));
    }

    /** Holds the environment beside, not as, its source: Boot's property adapter descends into an environment source. */
    private static final class AbsolutePath extends PropertySource<Object> {

        private final ConfigurableEnvironment environment;

        AbsolutePath(ConfigurableEnvironment environment) {
            super("intake-data-path", new Object());
            this.environment = environment;
        }

        @Override
        public Object getProperty(String name) {
            if (!ABSOLUTE.equals(name)) {
                return null;
            }
            String configured = environment.getProperty(CONFIGURED);
            return configured == null || configured.isBlank() ? null : Path.of(configured).toAbsolutePath().normalize().toString();
        }
    }
}
