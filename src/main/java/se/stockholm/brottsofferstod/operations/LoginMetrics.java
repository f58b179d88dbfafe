package se.stockholm.brottsofferstod.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.stereotype.Component;

/** Failed logins (wrong password, unknown user), by kind; never the user name or the address. */
@Component
class LoginMetrics {

    private final MeterRegistry meters;

    LoginMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        Counter.builder("intake.login.failures").description("Failed logins, by kind")
                .tag("kind", event.getException().getClass().getSimpleName()).register(meters).increment();
    }
}
