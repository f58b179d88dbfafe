package se.stockholm.brottsofferstod.intake;

import java.util.Set;

import org.springframework.core.env.Environment;

/**
 * Whether the service runs for development: Spring's default profile (no profile named, the embedded H2 and
 * broker a developer and the tests run on) or a profile named {@code dev} or {@code test}. Any other profile
 * (the production {@code postgres} profile, a site's own) is production: there the service refuses to start
 * with what is only fit for development (plain-text passwords, users of unknown partners, the development key).
 */
public final class DevelopmentMode {

    static final Set<String> DEVELOPMENT_PROFILES = Set.of("dev", "test");

    private DevelopmentMode() {
    }

    public static boolean of(Environment environment) {
        String[] active = environment.getActiveProfiles();
        if (active.length == 0) {
            return true;
        }
        for (String profile : active) {
            if (DEVELOPMENT_PROFILES.contains(profile)) {
                return true;
            }
        }
        return false;
    }
}
