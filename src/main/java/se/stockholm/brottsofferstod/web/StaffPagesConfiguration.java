package se.stockholm.brottsofferstod.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import se.stockholm.brottsofferstod.routing.Router;

/** The desk's hand-over list: the other municipalities' agreements of the routing data. */
@Configuration(proxyBeanMethods = false)
class StaffPagesConfiguration {

    @Bean
    Handovers handovers(Router router) {
        return Handovers.of(router.agreements());
    }
}
