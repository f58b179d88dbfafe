package se.stockholm.brottsofferstod;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import se.stockholm.brottsofferstod.freetext.FreeText;
import se.stockholm.brottsofferstod.routing.Agreements;
import se.stockholm.brottsofferstod.routing.DistrictDirectory;
import se.stockholm.brottsofferstod.routing.Partners;
import se.stockholm.brottsofferstod.routing.Router;

/**
 * Loads the rules' data files named in the configuration. The rule packages themselves are plain Java (no Spring,
 * no Camel, see ArchitectureTests); they are wired here.
 */
@Configuration(proxyBeanMethods = false)
class RulesConfiguration {

    @Bean
    Router router(@Value("${intake.routing.partners-file}") Path partnersFile,
                  @Value("${intake.routing.districts-file}") Path districtsFile,
                  @Value("${intake.routing.agreements-file}") Path agreementsFile) {
        return new Router(Partners.load(partnersFile), DistrictDirectory.load(districtsFile), Agreements.load(agreementsFile));
    }

    /** The free-text word lists, on the routing data's place names. */
    @Bean
    FreeText freeText(@Value("${intake.freetext.file}") Path file, Router router) {
        return FreeText.load(file, router.districts());
    }
}
