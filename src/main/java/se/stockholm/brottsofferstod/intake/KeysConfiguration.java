package se.stockholm.brottsofferstod.intake;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The secret of the keyed hashes ({@link Keys}): from the environment ({@code INTAKE_KEYS_SECRET}), required in
 * production; in development a fixed, public default stands in, with a warning.
 */
@Configuration(proxyBeanMethods = false)
class KeysConfiguration {

    /** Public, so worthless as a secret: only for development and tests. */
    static final String DEVELOPMENT_SECRET = "development-only-key-secret-never-use-in-production";
    static final int MIN_LENGTH = 32;
    private static final Logger log = LoggerFactory.getLogger(KeysConfiguration.class);

    @Bean
    Keys keys(@Value("${intake.keys.secret:}") String secret, Environment environment) {
        return new Keys(secretFor(secret, DevelopmentMode.of(environment)));
    }

    static String secretFor(String configured, boolean development) {
        if (configured != null && !configured.isBlank()) {
            if (configured.length() < MIN_LENGTH || configured.equals(DEVELOPMENT_SECRET)) {
                if (!development) {
                    throw new IllegalStateException("intake.keys.secret must be a random secret of at least " + MIN_LENGTH
                            + " characters (e.g. openssl rand -hex 32)");
                }
                log.warn("intake.keys.secret is shorter than {} characters: fine for development only", MIN_LENGTH);
            }
            return configured;
        }
        if (!development) {
            throw new IllegalStateException("intake.keys.secret (INTAKE_KEYS_SECRET) is required outside development:"
                    + " the keys of phone numbers, addresses and receipts are keyed with it");
        }
        log.warn("intake.keys.secret is not set: using the public development secret (never in production)");
        return DEVELOPMENT_SECRET;
    }
}
