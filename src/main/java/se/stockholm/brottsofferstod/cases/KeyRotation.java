package se.stockholm.brottsofferstod.cases;

import java.util.List;
import java.util.function.BiFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import se.stockholm.brottsofferstod.intake.Keys;
import se.stockholm.brottsofferstod.intake.Sha256;
import se.stockholm.brottsofferstod.intake.Source;

/**
 * Rotation of the key secret: started with the new secret in {@code intake.keys.secret} and the old one in
 * {@code intake.keys.previous-secret}, the service re-keys at start every key it can rebuild from what it still
 * holds: a case's phone and email keys from the case's own phone and email, a case's receipt and its follow-ups'
 * keys from their source and external id. Rows keyed under the new secret already are left alone, so a second
 * start with both secrets changes nothing. Nothing is rebuilt from data that is not kept (see README). A database
 * from before keyed hashes is upgraded the same way with {@code intake.keys.previous-secret=unkeyed-sha256}.
 */
@Component
class KeyRotation implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);
    /** The previous secret's value for a database from before keyed hashes (plain SHA-256 keys, issue 18). */
    static final String UNKEYED = "unkeyed-sha256";

    private record CaseKeys(long id, String source, String externalId, String phone, String email, String phoneKey,
                            String emailKey) {
    }

    private record MessageKey(long id, String source, String externalId, String key) {
    }

    private final JdbcTemplate jdbc;
    private final Keys keys;
    private final String previousSecret;
    private final TransactionTemplate transaction;

    KeyRotation(JdbcTemplate jdbc, Keys keys, @Value("${intake.keys.previous-secret:}") String previousSecret,
                PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.previousSecret = previousSecret;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    @Override
    public void run(ApplicationArguments args) {
        if (previousSecret != null && !previousSecret.isBlank()) {
            BiFunction<Source, String, String> previousReceipt = UNKEYED.equals(previousSecret)
                    ? (source, externalId) -> Sha256.hex(source.name() + ':' + externalId)
                    : new Keys(previousSecret)::receipt;
            int changed = transaction.execute(status -> rekey(previousReceipt));
            log.info("Key rotation: {} keys re-keyed under the new secret; intake.keys.previous-secret can be removed",
                    changed);
        }
    }

    /**
     * @param previousReceipt the receipt key as it was built before (under the previous secret, or unkeyed)
     * @return how many keys were changed
     */
    int rekey(BiFunction<Source, String, String> previousReceipt) {
        int changed = 0;
        List<CaseKeys> cases = jdbc.query("""
                SELECT id, source, external_id, phone, email, phone_key, email_key FROM support_case
                WHERE phone IS NOT NULL OR email IS NOT NULL OR external_id IS NOT NULL""",
                (rs, n) -> new CaseKeys(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7)));
        for (CaseKeys c : cases) {
            String phoneKey = keys.phone(c.phone());
            String emailKey = keys.email(c.email());
            if ((phoneKey != null && !phoneKey.equals(c.phoneKey())) || (emailKey != null && !emailKey.equals(c.emailKey()))) {
                changed += jdbc.update("UPDATE support_case SET phone_key = COALESCE(?, phone_key), email_key = COALESCE(?, email_key) WHERE id = ?",
                        phoneKey, emailKey, c.id());
            }
            Source source = sourceOf(c.source());
            if (source != null && c.externalId() != null) {
                changed += jdbc.update("UPDATE referral_receipt SET receipt_key = ? WHERE receipt_key = ?",
                        keys.receipt(source, c.externalId()), previousReceipt.apply(source, c.externalId()));
            }
        }
        List<MessageKey> messages = jdbc.query(
                "SELECT id, source, external_id, message_key FROM case_message WHERE external_id IS NOT NULL",
                (rs, n) -> new MessageKey(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
        for (MessageKey m : messages) {
            Source source = sourceOf(m.source());
            if (source != null && m.key().equals(previousReceipt.apply(source, m.externalId()))) {
                changed += jdbc.update("UPDATE case_message SET message_key = ? WHERE id = ?",
                        keys.receipt(source, m.externalId()), m.id());
            }
        }
        return changed;
    }

    private static Source sourceOf(String name) {
        for (Source source : Source.values()) {
            if (source.name().equals(name)) {
                return source;
            }
        }
        return null;
    }
}
