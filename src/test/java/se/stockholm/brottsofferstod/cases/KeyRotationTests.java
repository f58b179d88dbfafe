package se.stockholm.brottsofferstod.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import se.stockholm.brottsofferstod.intake.Keys;
import se.stockholm.brottsofferstod.intake.Source;
import se.stockholm.brottsofferstod.support.TestDatabase;

/**
 * Rotating the key secret, on a database of its own (H2 in memory, or PostgreSQL in the build's PostgreSQL pass),
 * migrated by Flyway as in production.
 */
@Tag(TestDatabase.TAG)
class KeyRotationTests {

    private final Keys previous = new Keys("the-previous-secret-of-32-characters-or-more");
    private final Keys current = new Keys("the-current-secret-of-32-characters-or-more");

    @Test
    void casesKeysAndReceiptsAreRekeyedOnceAndThenLeftAlone() {
        DataSource db = TestDatabase.newDatabase("rotation");
        Flyway.configure().dataSource(db).load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(db);
        jdbc.update("""
                INSERT INTO support_case (case_reference, received_at, source, channel, external_id, status, partner,
                    routing_reason, age_unknown, gender, protected_identity, gang_related, intimate_partner_violence,
                    phone, email, phone_key, email_key)
                VALUES ('BO-2026-000001', ?, 'POLICE', 'REST', 'PM-1', 'NEW', 'stodcentrum', 'rule', FALSE, 'UNKNOWN',
                    FALSE, FALSE, FALSE, '0701234567', 'a@b.se', ?, ?)""", Timestamp.from(Instant.now()),
                previous.phone("0701234567"), previous.email("a@b.se"));
        jdbc.update("INSERT INTO referral_receipt (receipt_key, source, channel, status, case_reference, received_at) VALUES (?, 'POLICE', 'REST', 'ACCEPTED', 'BO-2026-000001', ?)",
                previous.receipt(Source.POLICE, "PM-1"), Timestamp.from(Instant.now()));
        KeyRotation rotation = new KeyRotation(jdbc, current, "", new DataSourceTransactionManager(db));

        assertThat(rotation.rekey(previous::receipt)).isEqualTo(2);

        assertThat(jdbc.queryForMap("SELECT phone_key, email_key FROM support_case"))
                .containsEntry("PHONE_KEY", current.phone("+46701234567")).containsEntry("EMAIL_KEY", current.email("a@b.se"));
        assertThat(jdbc.queryForObject("SELECT receipt_key FROM referral_receipt", String.class))
                .isEqualTo(current.receipt(Source.POLICE, "PM-1"));
        assertThat(rotation.rekey(previous::receipt)).isZero();
    }

    @Test
    void aDatabaseFromBeforeKeyedHashesIsUpgradedFromItsPlainSha256Keys() {
        DataSource db = TestDatabase.newDatabase("upgrade");
        Flyway.configure().dataSource(db).load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(db);
        jdbc.update("""
                INSERT INTO support_case (case_reference, received_at, source, channel, external_id, status, partner,
                    routing_reason, age_unknown, gender, protected_identity, gang_related, intimate_partner_violence,
                    phone, phone_key)
                VALUES ('BO-2026-000002', ?, 'POLICE', 'REST', 'PM-2', 'NEW', 'stodcentrum', 'rule', FALSE, 'UNKNOWN',
                    FALSE, FALSE, FALSE, '0701234567', ?)""", Timestamp.from(Instant.now()),
                se.stockholm.brottsofferstod.intake.Sha256.hex("phone:46701234567"));
        jdbc.update("INSERT INTO referral_receipt (receipt_key, source, channel, status, case_reference, received_at) VALUES (?, 'POLICE', 'REST', 'ACCEPTED', 'BO-2026-000002', ?)",
                se.stockholm.brottsofferstod.intake.Sha256.hex("POLICE:PM-2"), Timestamp.from(Instant.now()));

        new KeyRotation(jdbc, current, KeyRotation.UNKEYED, new DataSourceTransactionManager(db)).run(null);

        assertThat(jdbc.queryForObject("SELECT phone_key FROM support_case", String.class)).isEqualTo(current.phone("0701234567"));
        assertThat(jdbc.queryForObject("SELECT receipt_key FROM referral_receipt", String.class))
                .isEqualTo(current.receipt(Source.POLICE, "PM-2"));
    }
}
