package se.stockholm.brottsofferstod.freetext;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import se.stockholm.brottsofferstod.routing.Router;

/** Loads the free-text word lists named in the configuration, on the routing data's place names. */
@Configuration(proxyBeanMethods = false)
class FreeTextConfiguration {

    @Bean
    FreeText freeText(@Value("${intake.freetext.file}") Path file, Router router) {
        return FreeText.load(file, router.districts());
    }
}
