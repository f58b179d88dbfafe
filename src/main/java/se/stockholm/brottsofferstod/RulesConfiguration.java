package se.stockholm.brottsofferstod.routing;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads the routing data files named in the configuration. */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    @Bean
    Router router(@Value("${intake.routing.partners-file}") Path partnersFile,
                  @Value("${intake.routing.districts-file}") Path districtsFile) {
        return new Router(Partners.load(partnersFile), DistrictDirectory.load(districtsFile));
    }
}
