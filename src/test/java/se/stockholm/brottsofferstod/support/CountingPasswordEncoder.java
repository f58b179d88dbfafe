package se.stockholm.brottsofferstod.support;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** A fast BCrypt (cost 4) that counts its full password checks, for tests of what caches or throttles them. */
public final class CountingPasswordEncoder implements PasswordEncoder {

    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    private final AtomicInteger fullChecks = new AtomicInteger();

    @Override
    public String encode(CharSequence raw) {
        return bcrypt.encode(raw);
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
        fullChecks.incrementAndGet();
        return bcrypt.matches(raw, encoded);
    }

    public int fullChecks() {
        return fullChecks.get();
    }

    /** The full checks since the last call, counting from zero again. */
    public int takeFullChecks() {
        return fullChecks.getAndSet(0);
    }
}
