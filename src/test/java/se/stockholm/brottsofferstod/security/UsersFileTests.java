package se.stockholm.brottsofferstod.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import se.stockholm.brottsofferstod.intake.DevelopmentMode;

class UsersFileTests {

    private static final Set<String> PARTNERS = Set.of("stodcentrum", "boj-sodra-stockholm");
    private static final String BCRYPT = "{bcrypt}$2a$10$7EqJtq98hPqEX7fNZaFWoOhi5BWX4Z2bW9Tq3bBm6lYpGq0Dx6Xq2";

    private static UsersFile parse(String yaml, boolean development) {
        return UsersFile.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), PARTNERS, development);
    }

    @Nested
    class InProduction {

        @Test
        void aPlainTextPasswordIsRefused() {
            assertThatThrownBy(() -> parse("users:\n  - { username: p, password: \"{noop}x\", role: POLICE }\n", false))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{noop}").hasMessageNotContaining("x\"");
        }

        @Test
        void aUserOfAPartnerNotInTheRoutingDataIsRefused() {
            assertThatThrownBy(() -> parse("users:\n  - { username: s, password: \"" + BCRYPT
                    + "\", role: STAFF, partner: boj-nowhere }\n", false))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("boj-nowhere");
        }

        @Test
        void hashedPasswordsOfKnownPartnersAreTaken() {
            UsersFile users = parse("users:\n  - { username: s, password: \"" + BCRYPT
                    + "\", role: STAFF, partner: boj-sodra-stockholm }\n", false);

            assertThat(users.find("s")).isPresent();
        }
    }

    @Nested
    class InDevelopment {

        @Test
        void plainTextPasswordsAndUnknownPartnersAreTakenWithAWarning() {
            UsersFile users = parse("users:\n  - { username: s, password: \"{noop}x\", role: STAFF, partner: boj-nowhere }\n", true);

            assertThat(users.find("s")).isPresent();
        }
    }

    @Nested
    class WhichModeTheServiceRunsIn {

        @Test
        void theDefaultProfileIsDevelopment() {
            assertThat(DevelopmentMode.of(new MockEnvironment())).isTrue();
        }

        @Test
        void theDevAndTestProfilesAreDevelopment() {
            MockEnvironment environment = new MockEnvironment();
            environment.setActiveProfiles("postgres", "test");
            assertThat(DevelopmentMode.of(environment)).isTrue();
        }

        @Test
        void theProductionProfileIsNot() {
            MockEnvironment environment = new MockEnvironment();
            environment.setActiveProfiles("postgres");
            assertThat(DevelopmentMode.of(environment)).isFalse();
        }
    }
}
