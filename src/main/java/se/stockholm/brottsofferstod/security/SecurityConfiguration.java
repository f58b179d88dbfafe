package se.stockholm.brottsofferstod.security;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

import se.stockholm.brottsofferstod.intake.DevelopmentMode;
import se.stockholm.brottsofferstod.routing.Router;

/**
 * Who may call what over HTTP: the police client posts referrals, 46elks posts SMS with its Basic credentials,
 * Twilio is checked by its signature (in the route), the health check and the API's description are open, the
 * metrics are for the coordinator and the monitoring system, the rest needs a login.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** Outside development a plain-text password or a user of an unknown partner stops the service from starting. */
    @Bean
    UsersFile usersFile(@Value("${intake.security.users-file:}") String location, Router router, Environment environment) {
        return location.isBlank() ? UsersFile.none()
                : UsersFile.load(Path.of(location), Set.copyOf(router.partners().ids()), DevelopmentMode.of(environment));
    }

    @Bean
    PasswordEncoder passwordEncoder(@Value("${intake.security.login-cache}") Duration loginCache, Clock clock) {
        return new CachingPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder(), loginCache, clock);
    }

    @Bean
    LoginThrottle loginThrottle(@Value("${intake.security.login-throttle.max-failures-per-user}") int perUser,
                                @Value("${intake.security.login-throttle.max-failures-per-address}") int perAddress,
                                @Value("${intake.security.login-throttle.window}") Duration window, Clock clock) {
        return new LoginThrottle(perUser, perAddress, window, clock);
    }

    /**
     * No observation of Spring Security's own (a timer and span around each filter of the chain, each authentication and
     * each authorization): they took about a tenth of an SMS webhook request's CPU and no metric of the service reads
     * them. Each request's own observation ({@code http.server.requests}) stays.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Found by Spring Security's filter chain proxy: the firewall's refusals as problem+json. */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return ProblemResponses.rejected();
    }

    @Bean
    UserDetailsService userDetailsService(UsersFile usersFile) {
        return new InMemoryUserDetailsManager(usersFile.users().stream()
                .map(u -> User.withUsername(u.username()).password(u.password()).roles(u.role().name()).build())
                .toList());
    }

    @Bean
    SecurityFilterChain machineEndpoints(HttpSecurity http, UsersFile usersFile, LoginThrottle throttle) throws Exception {
        http.securityMatcher("/api/**", "/actuator/**")
                .addFilterBefore(new LoginThrottleFilter(throttle), BasicAuthenticationFilter.class)
                .addFilterBefore(new ApiKeyAuthenticationFilter(usersFile, ProblemResponses.unauthorized()),
                        BasicAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/prometheus").hasAnyRole(Role.COORDINATOR.name(), Role.METRICS.name())
                        .requestMatchers("/api/dead-letters", "/api/dead-letters/**").hasRole(Role.COORDINATOR.name())
                        .requestMatchers(HttpMethod.POST, "/api/referrals/police").hasRole(Role.POLICE.name())
                        .requestMatchers(HttpMethod.POST, "/api/cases/*/assign").hasRole(Role.COORDINATOR.name())
                        .requestMatchers("/api/cases", "/api/cases/**").hasAnyRole(Role.STAFF.name(), Role.COORDINATOR.name())
                        .requestMatchers(HttpMethod.GET, "/api/audit").hasRole(Role.COORDINATOR.name())
                        .requestMatchers(HttpMethod.POST, "/api/persons/*").hasRole(Role.COORDINATOR.name())
                        .requestMatchers(HttpMethod.GET, "/api/statistics", "/api/statistics/**").hasRole(Role.COORDINATOR.name())
                        .requestMatchers(HttpMethod.GET, "/api/texts/**").hasRole(Role.COORDINATOR.name())
                        .anyRequest().denyAll());
        return machineClients(http);
    }

    /** The OpenAPI document describes the endpoints and holds no data: open, like the health check. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain openApiDocument(HttpSecurity http) throws Exception {
        http.securityMatcher("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml")
                .authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.GET).permitAll().anyRequest().denyAll());
        return machineClients(http);
    }

    /**
     * The gateways post every SMS here, so the chain is kept to what a webhook needs: the throttle, Basic (or Twilio's
     * signature in the route), the authorization and the security headers; no request cache, logout or servlet-API
     * wrapping, which no webhook uses.
     */
    @Bean
    SecurityFilterChain smsWebhookSecurity(HttpSecurity http, LoginThrottle throttle) throws Exception {
        http.securityMatcher("/webhooks/**")
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                .servletApi(api -> api.disable())
                .addFilterBefore(new LoginThrottleFilter(throttle), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/webhooks/sms/46elks").hasRole(Role.SMS_GATEWAY.name())
                        .requestMatchers(HttpMethod.POST, "/webhooks/sms/twilio").permitAll()
                        .anyRequest().denyAll());
        return machineClients(http);
    }

    /** HTTP Basic for machine clients, stateless, without CSRF; 401 and 403 as problem+json. */
    private static SecurityFilterChain machineClients(HttpSecurity http) throws Exception {
        http.httpBasic(basic -> basic.authenticationEntryPoint(ProblemResponses.unauthorized()))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(ProblemResponses.unauthorized())
                        .accessDeniedHandler(ProblemResponses.forbidden()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }
}
