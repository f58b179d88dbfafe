package se.stockholm.brottsofferstod;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import se.stockholm.brottsofferstod.freetext.FreeText;
import se.stockholm.brottsofferstod.freetext.LanguageData;
import se.stockholm.brottsofferstod.freetext.LanguageDetection;
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

    /** The languages in use: one file of words per language. */
    @Bean
    LanguageData languageData(@Value("${intake.languages.dir}") Path folder) {
        return LanguageData.load(folder);
    }

    /** The free-text word lists, on the routing data's place names, with the languages in use and their detection. */
    @Bean
    FreeText freeText(@Value("${intake.freetext.file}") Path file, Router router, LanguageData languages) {
        return FreeText.load(file, router.districts()).withLanguages(languages, LanguageDetection.of(languages));
    }
}
