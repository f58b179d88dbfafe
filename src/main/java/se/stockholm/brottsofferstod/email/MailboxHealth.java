package se.stockholm.brottsofferstod.email;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The mailbox, for the readiness group only (not the service's own health: the rest of the intake works without
 * it): a login to the IMAP server, remembered for a little while so that frequent probes do not log in each time.
 * With the email intake off it is always UP.
 */
@Component("mailbox")
class MailboxHealth implements HealthIndicator {

    private static final Duration REMEMBER = Duration.ofSeconds(5);

    private final boolean enabled;
    private final Session session;
    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final Clock clock;
    private volatile Health last;
    private volatile Instant checkedAt = Instant.MIN;

    MailboxHealth(@Value("${intake.mail.enabled}") boolean enabled, @Qualifier("imapProperties") Properties imapProperties,
                  @Value("${intake.mail.imap.host}") String host, @Value("${intake.mail.imap.port}") int port,
                  @Value("${intake.mail.imap.username}") String username, @Value("${intake.mail.imap.password}") String password,
                  Clock clock) {
        this.clock = clock;
        this.enabled = enabled;
        this.session = Session.getInstance(imapProperties);
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
    }

    @Override
    public Health health() {
        if (!enabled) {
            return Health.up().withDetail("enabled", false).build();
        }
        Instant now = clock.instant();
        Health remembered = last;
        if (remembered != null && checkedAt.plus(REMEMBER).isAfter(now)) {
            return remembered;
        }
        Health health = check();
        last = health;
        checkedAt = now;
        return health;
    }

    private Health check() {
        try (Store store = session.getStore("imap")) {
            store.connect(host, port, username, password);
            return Health.up().build();
        } catch (MessagingException e) {
            // the exception's text may carry the server's answer; the type is enough to act on
            return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
        }
    }
}
