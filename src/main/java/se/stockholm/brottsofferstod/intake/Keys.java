package se.stockholm.brottsofferstod.intake;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Every key the service builds from something that identifies a person or a request, in one place: HMAC-SHA-256
 * with a secret from the environment ({@code intake.keys.secret}), so that a list of phone numbers, addresses or
 * referral ids cannot be hashed and matched against the database without the secret. Each kind of key has its own
 * label, so keys of one kind cannot be joined with keys of another.
 */
public final class Keys {

    private static final String ALGORITHM = "HmacSHA256";
    /** Enough of a log id to tell mails apart in one day's log, too little to serve as a lookup key. */
    private static final int LOG_ID_HEX = 12;

    private final SecretKeySpec secret;
    /**
     * One initialised Mac per thread: {@code Mac.getInstance} looks the provider up and {@code init} expands the key on
     * every call, which a police chunk paid three times per referral and every SMS at least once. A Mac is not
     * thread-safe; {@code doFinal} leaves it ready for the next text.
     */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public Keys(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the key secret is empty");
        }
        this.secret = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The idempotency receipt of a request: source and the sender's id ({@code POLICE}, {@code PM-STHLM-...}). */
    public String receipt(Source source, String externalId) {
        return hmac("receipt:" + source.name() + ':' + externalId);
    }

    /** The lookup key of a phone number in any common Swedish or international form, or {@code null} if it is none. */
    public String phone(String phone) {
        String normalised = normalisedPhone(phone);
        return normalised == null ? null : hmac("phone:" + normalised);
    }

    /** The lookup key of an email address (case does not matter), or {@code null}. */
    public String email(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        return hmac("email:" + email.strip().toLowerCase(Locale.ROOT));
    }

    /** The key the hourly reply limit counts a recipient address by. */
    public String recipient(String address) {
        return hmac("recipient:" + (address == null ? "" : address.strip().toLowerCase(Locale.ROOT)));
    }

    /**
     * The id of a mail that has no Message-ID (or one too long to keep), from the headers that identify it: keyed, so
     * that the headers (sender, recipients, subject) cannot be confirmed from the id.
     */
    public String mailIdentity(String headers) {
        return hmac("mail:" + headers);
    }

    /** A short id for a log line, for an identifier that may itself carry a name or an address (a Message-ID). */
    public String logId(String identifier) {
        return hmac("log:" + identifier).substring(0, LOG_ID_HEX);
    }

    /**
     * How a log line names a request: a mail by a short keyed id of its Message-ID (which often carries a name or an
     * address), anything else by its own id (a referral id, a gateway's message id).
     */
    public String forLog(String source, String externalId) {
        if (externalId == null) {
            return null;
        }
        return Source.EMAIL.name().equals(source) ? "mail " + logId(externalId) : externalId;
    }

    /** Whether the text is a phone number the keys can be built from. */
    public static boolean isPhoneNumber(String phone) {
        return normalisedPhone(phone) != null;
    }

    /** Digits in international form without "+": {@code 070-123 45 67}, {@code +46701234567}, {@code 0046...} are one number. */
    static String normalisedPhone(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("\\D", "");
        if (digits.isEmpty()) {
            return null;
        }
        if (phone.strip().startsWith("+")) {
            return digits;
        }
        if (digits.startsWith("00")) {
            return digits.substring(2);
        }
        if (digits.startsWith("0")) {
            return "46" + digits.substring(1);
        }
        return digits;
    }

    private String hmac(String text) {
        return HexFormat.of().formatHex(macs.get().doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
