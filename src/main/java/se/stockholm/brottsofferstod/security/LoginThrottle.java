package se.stockholm.brottsofferstod.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing over HTTP and on the broker alike: after too many failed logins within a window, for
 * one user name or from one address, further logins for it are refused (even a right one) until the window has
 * passed since the first failure. A success clears the user's count; the address's count stays, so one address
 * cannot guess its way through many user names. Counts live in memory only and are bounded.
 */
public final class LoginThrottle {

    private static final int MAX_TRACKED = 10_000;

    private record Failures(int count, long since) {
    }

    private final int maxPerUser;
    private final int maxPerAddress;
    private final long windowMillis;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int maxPerUser, int maxPerAddress, Duration window, Clock clock) {
        this.maxPerUser = maxPerUser;
        this.maxPerAddress = maxPerAddress;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /** Whether a login for this user (may be {@code null}) from this address must be refused without checking it. */
    public boolean blocked(String user, String address) {
        return (user != null && reached("user:" + user, maxPerUser)) || (address != null && reached("address:" + address, maxPerAddress));
    }

    public void failed(String user, String address) {
        long now = clock.millis();
        if (failures.size() >= MAX_TRACKED) {
            failures.values().removeIf(f -> now - f.since() >= windowMillis);
            if (failures.size() >= MAX_TRACKED) {
                failures.clear();
            }
        }
        if (user != null) {
            count("user:" + user, now);
        }
        if (address != null) {
            count("address:" + address, now);
        }
    }

    public void succeeded(String user) {
        if (user != null) {
            failures.remove("user:" + user);
        }
    }

    /** The address part of {@code /127.0.0.1:61616} or {@code 127.0.0.1}; {@code null} for none. */
    public static String hostOf(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.isBlank()) {
            return null;
        }
        String address = remoteAddress.startsWith("/") ? remoteAddress.substring(1) : remoteAddress;
        int port = address.lastIndexOf(':');
        return port > 0 && address.indexOf(':') == port ? address.substring(0, port) : address;
    }

    private void count(String key, long now) {
        failures.compute(key, (k, f) -> f == null || now - f.since() >= windowMillis ? new Failures(1, now)
                : new Failures(f.count() + 1, f.since()));
    }

    private boolean reached(String key, int max) {
        Failures f = failures.get(key);
        if (f == null) {
            return false;
        }
        if (clock.millis() - f.since() >= windowMillis) {
            failures.remove(key, f);
            return false;
        }
        return f.count() >= max;
    }
}
