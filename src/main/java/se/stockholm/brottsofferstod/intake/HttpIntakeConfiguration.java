package se.stockholm.brottsofferstod.intake;

import org.apache.camel.component.servlet.CamelHttpTransportServlet;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gives Camel's servlet the paths of the intake endpoints (the REST DSL routes behind them): the police feed and
 * the SMS webhooks; every other path stays with Spring MVC. Each REST path answers under both prefixes, so the
 * security filter chains allow each endpoint under its own prefix only.
 */
@Configuration(proxyBeanMethods = false)
class HttpIntakeConfiguration {

    /** @param name Camel's servlets register in one registry per JVM, so two services in one JVM need two names */
    @Bean
    ServletRegistrationBean<CamelHttpTransportServlet> camelServlet(@Value("${intake.http.servlet-name}") String name) {
        ServletRegistrationBean<CamelHttpTransportServlet> registration =
                new ServletRegistrationBean<>(new CamelHttpTransportServlet(), "/api/referrals/*", "/webhooks/*");
        registration.setName(name);
        registration.setLoadOnStartup(1);
        return registration;
    }
}
