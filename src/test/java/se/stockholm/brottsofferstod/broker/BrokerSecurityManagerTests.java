package se.stockholm.brottsofferstod.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import se.stockholm.brottsofferstod.security.LoginThrottle;
import se.stockholm.brottsofferstod.security.UsersFile;
import se.stockholm.brottsofferstod.support.CountingPasswordEncoder;

class BrokerSecurityManagerTests {

    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    private final CountingPasswordEncoder counting = new CountingPasswordEncoder();

    private BrokerSecurityManager manager(Path dir) throws Exception {
        Path file = dir.resolve("users.yml");
        Files.writeString(file, "users:\n  - { username: sodra-system, password: \"{bcrypt}" + bcrypt.encode("right")
                + "\", role: PARTNER_SYSTEM, partner: boj-sodra-stockholm }\n");
        return new BrokerSecurityManager(UsersFile.load(file, Set.of("boj-sodra-stockholm"), false),
                new org.springframework.security.crypto.password.DelegatingPasswordEncoder("bcrypt",
                        java.util.Map.of("bcrypt", counting)),
                new LoginThrottle(3, 50, Duration.ofMinutes(15), Clock.systemUTC()));
    }

    @Test
    void anUnknownUserCostsTheSamePasswordCheckAsAKnownOne(@TempDir Path dir) throws Exception {
        BrokerSecurityManager manager = manager(dir);

        counting.takeFullChecks();
        assertThat(manager.authenticate("nobody", "guess", null, null)).isNull();
        int unknown = counting.takeFullChecks();
        assertThat(manager.authenticate("sodra-system", "guess", null, null)).isNull();
        int known = counting.takeFullChecks();

        assertThat(unknown).isEqualTo(1).isEqualTo(known);
    }

    @Test
    void afterTooManyFailuresEvenTheRightPasswordIsRefused(@TempDir Path dir) throws Exception {
        BrokerSecurityManager manager = manager(dir);
        assertThat(manager.authenticate("sodra-system", "right", null, null)).isNotNull();

        for (int i = 0; i < 3; i++) {
            assertThat(manager.authenticate("sodra-system", "guess", null, null)).isNull();
        }

        assertThat(manager.authenticate("sodra-system", "right", null, null)).isNull();
    }
}
