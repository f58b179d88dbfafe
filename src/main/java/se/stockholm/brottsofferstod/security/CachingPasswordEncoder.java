package se.stockholm.brottsofferstod.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.crypto.password.PasswordEncoder;

import se.stockholm.brottsofferstod.intake.Sha256;

/**
 * Remembers recent successful password checks for a short while. Machine clients (the police feed,
 * partner systems) send HTTP Basic credentials with every request, and a BCrypt check costs about 100 ms
 * of CPU by design; without this, a police batch in many requests would spend most of its time hashing.
 * Only successes are remembered, under a salted SHA-256 that is never stored anywhere else and lives
 * at most {@code ttl}; a wrong password is always checked in full.
 */
final class CachingPasswordEncoder implements PasswordEncoder {

    private static final int MAX_ENTRIES = 1_000;

    private final PasswordEncoder delegate;
    private final Duration ttl;
    private final Clock clock;
    private final byte[] salt = new byte[32];
    private final Map<String, Long> recentMatches = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Boolean>> inFlight = new ConcurrentHashMap<>();

    CachingPasswordEncoder(PasswordEncoder delegate, Duration ttl, Clock clock) {
        this.delegate = delegate;
        this.ttl = ttl;
        this.clock = clock;
        new SecureRandom().nextBytes(salt);
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return delegate.matches(rawPassword, encodedPassword);
        }
        String key = key(rawPassword, encodedPassword);
        long now = clock.millis();
        Long validUntil = recentMatches.get(key);
        if (validUntil != null && validUntil > now) {
            return true;
        }
        boolean matches = checkOnce(key, rawPassword, encodedPassword);
        if (matches) {
            if (recentMatches.size() >= MAX_ENTRIES) {
                recentMatches.clear();
            }
            recentMatches.put(key, now + ttl.toMillis());
        } else if (validUntil != null) {
            recentMatches.remove(key);
        }
        return matches;
    }

    /**
     * One BCrypt check for the same credentials arriving together: a gateway's burst after a restart would
     * otherwise hash the same password once per waiting request, and the last of them would time out.
     */
    private boolean checkOnce(String key, CharSequence rawPassword, String encodedPassword) {
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return running.join();
        }
        try {
            boolean matches = delegate.matches(rawPassword, encodedPassword);
            mine.complete(matches);
            return matches;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private String key(CharSequence rawPassword, String encodedPassword) {
        return Sha256.hex(salt, encodedPassword.getBytes(StandardCharsets.UTF_8), new byte[] {0},
                rawPassword.toString().getBytes(StandardCharsets.UTF_8));
    }
}
