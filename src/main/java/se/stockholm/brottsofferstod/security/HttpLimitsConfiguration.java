package se.stockholm.brottsofferstod.security;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * The body size limit of every HTTP endpoint. It runs right after the security filter chain, so a caller without
 * credentials is refused before its body is read at all; Twilio's webhook, which proves itself by a signature over
 * the body, is read only up to the webhooks' small limit.
 */
@Configuration(proxyBeanMethods = false)
class HttpLimitsConfiguration {

    /** Spring Security's filter chain runs at -100 ({@code spring.security.filter.order}). */
    private static final int AFTER_SECURITY = -99;

    @Bean
    FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(@Value("${intake.police.max-body-size}") DataSize referrals,
                                                              @Value("${intake.http.max-webhook-body}") DataSize webhooks,
                                                              @Value("${intake.http.max-api-body}") DataSize api) {
        RequestSizeLimit filter = new RequestSizeLimit(List.of(
                new RequestSizeLimit.Limit("/api/referrals/", referrals.toBytes()),
                new RequestSizeLimit.Limit("/webhooks/", webhooks.toBytes())), api.toBytes());
        FilterRegistrationBean<RequestSizeLimit> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(AFTER_SECURITY);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
