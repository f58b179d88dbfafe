package se.stockholm.brottsofferstod.sms;

import org.apache.camel.component.http.HttpComponent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Camel's HTTP producers (the sms-outgoing route's call to 46elks' API; {@code https:} in production) with the
 * timeouts the hand-written client had: a gateway that does not answer holds the relay 10 s, not Camel's 3 minutes.
 */
@Configuration(proxyBeanMethods = false)
class ElksHttp {

    private static final long TIMEOUT_MS = 10_000;

    @Bean("https")
    HttpComponent https() {
        return withTimeouts(new HttpComponent());
    }

    @Bean("http")
    HttpComponent http() {
        return withTimeouts(new HttpComponent());
    }

    private static HttpComponent withTimeouts(HttpComponent component) {
        component.setConnectTimeout(TIMEOUT_MS);
        component.setConnectionRequestTimeout(TIMEOUT_MS);
        component.setSoTimeout(TIMEOUT_MS);
        component.setResponseTimeout(TIMEOUT_MS);
        return component;
    }
}
