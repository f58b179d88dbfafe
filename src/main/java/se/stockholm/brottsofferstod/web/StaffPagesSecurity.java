package se.stockholm.brottsofferstod.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import se.stockholm.brottsofferstod.security.Role;

/**
 * The staff pages' own filter chain: people log in with a form and keep a session (CSRF on, the session cookie's
 * HttpOnly and SameSite=Lax and idle timeout are set in application.yml), while the JSON API's chain stays stateless.
 * Same users file and roles. Every answer carries a Content-Security-Policy without inline script, forbids framing and
 * is not stored by the browser (Spring Security's default no-store cache headers).
 */
@Configuration(proxyBeanMethods = false)
class StaffPagesSecurity {

    /** The paths of the pages; everything else belongs to the API's and the webhooks' chains. */
    static final String[] PAGES = {"/", "/login", "/logout", "/queue", "/cases/**", "/desk", "/desk/**", "/web/**"};
    static final String PRINTABLE_REPORT = "/desk/statistics/report";

    private static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
    /** The printable report is one self-contained document with its own style sheet and no script at all. */
    private static final String REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            + "form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    @Bean
    SecurityFilterChain staffPagesFilterChain(HttpSecurity http) throws Exception {
        RequestMatcher report = PathPatternRequestMatcher.withDefaults().matcher(PRINTABLE_REPORT);
        http.securityMatcher(PAGES)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/web/**").permitAll()
                        .requestMatchers("/queue").hasRole(Role.STAFF.name())
                        .requestMatchers("/desk", "/desk/**").hasRole(Role.COORDINATOR.name())
                        .requestMatchers("/", "/cases/**").hasAnyRole(Role.STAFF.name(), Role.COORDINATOR.name())
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).failureUrl("/login?error").permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout")
                        .invalidateHttpSession(true).deleteCookies("JSESSIONID"))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED)
                        .sessionFixation(fixation -> fixation.changeSessionId()))
                .headers(headers -> headers
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(report),
                                new ContentSecurityPolicyHeaderWriter(PAGE_POLICY)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(report,
                                new ContentSecurityPolicyHeaderWriter(REPORT_POLICY)))
                        .frameOptions(frames -> frames.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }
}
