package se.stockholm.brottsofferstod.intake;

import org.apache.camel.component.servlet.CamelHttpTransportServlet;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gives Camel's servlet the paths of the intake endpoints (the REST DSL routes behind them); every other
 * path stays with Spring MVC.
 */
@Configuration(proxyBeanMethods = false)
class HttpIntakeConfiguration {

    @Bean
    ServletRegistrationBean<CamelHttpTransportServlet> camelServlet() {
        ServletRegistrationBean<CamelHttpTransportServlet> registration =
                new ServletRegistrationBean<>(new CamelHttpTransportServlet(), "/api/referrals/*");
        registration.setName("CamelServlet");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
