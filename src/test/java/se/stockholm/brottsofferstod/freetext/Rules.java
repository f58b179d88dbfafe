package se.stockholm.brottsofferstod.freetext;

import java.nio.file.Path;

import se.stockholm.brottsofferstod.routing.DistrictDirectory;

/** The free-text reader on the data in config/, with the languages in use and their detection: built once per test JVM. */
public final class Rules {

    public static final DistrictDirectory DISTRICTS = DistrictDirectory.load(Path.of("config/routing/districts.yml"));
    public static final LanguageData LANGUAGES = LanguageData.load(Path.of("config/languages"));
    public static final LanguageDetection DETECTION = LanguageDetection.of(LANGUAGES);
    public static final FreeText FREE_TEXT = FreeText.load(Path.of("config/freetext/freetext.yml"), DISTRICTS)
            .withLanguages(LANGUAGES, DETECTION);

    private Rules() {
    }
}
