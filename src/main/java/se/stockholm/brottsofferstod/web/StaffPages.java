package se.stockholm.brottsofferstod.web;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import se.stockholm.brottsofferstod.cases.InvalidCaseRequestException;
import se.stockholm.brottsofferstod.routing.Router;
import se.stockholm.brottsofferstod.routing.RoutingDecision;
import se.stockholm.brottsofferstod.security.Actor;
import se.stockholm.brottsofferstod.security.Actors;
import se.stockholm.brottsofferstod.routing.Stockholm;

/** What every staff page needs: who is logged in, the partners' names, and times read in Stockholm time. */
@Component
class StaffPages {


    private final Actors actors;
    private final Clock clock;
    private final Map<String, String> partnerNames;
    private final Map<String, String> agreementNames;

    StaffPages(Actors actors, Router router, Clock clock) {
        this.actors = actors;
        this.clock = clock;
        Map<String, String> names = new LinkedHashMap<>();
        router.partners().all().forEach(p -> names.put(p.id(), p.name()));
        this.partnerNames = Map.copyOf(names);
        Map<String, String> agreements = new LinkedHashMap<>();
        router.agreements().all().forEach(a -> agreements.put(a.id(), a.municipality()));
        this.agreementNames = Map.copyOf(agreements);
    }

    /** The agreements by id, each named by its municipality (config/routing/agreements.yml). */
    Map<String, String> agreementNames() {
        return agreementNames;
    }

    Actor actor(Authentication user) {
        return actors.of(user);
    }

    /** The partnership's partners by id, in the order of the routing data. */
    Map<String, String> partnerNames() {
        Map<String, String> ordered = new LinkedHashMap<>();
        partnerNames.keySet().stream().sorted().forEach(id -> ordered.put(id, partnerNames.get(id)));
        return ordered;
    }

    boolean isPartner(String id) {
        return partnerNames.containsKey(id);
    }

    static boolean isSpecialQueue(String holder) {
        return RoutingDecision.TRIAGE.equals(holder) || RoutingDecision.OUTSIDE_AREA.equals(holder);
    }

    /** Each language code (as a case records it, e.g. {@code ar}) by its name in the page's language. */
    static Map<String, String> languageNames(Stream<String> codes, Locale locale) {
        Map<String, String> names = new HashMap<>();
        codes.filter(Objects::nonNull).distinct().forEach(code -> {
            String name = Locale.forLanguageTag(code).getDisplayLanguage(locale);
            names.put(code, name.isBlank() ? code : name);
        });
        return names;
    }

    /** Now in Stockholm to the minute, as a {@code datetime-local} field shows it. */
    String nowForInput() {
        return LocalDateTime.now(clock.withZone(Stockholm.ZONE)).truncatedTo(ChronoUnit.MINUTES).toString();
    }

    /** A {@code datetime-local} value read as Stockholm time; empty means now. */
    OffsetDateTime stockholmTime(String value, String field) {
        if (value == null || value.isBlank()) {
            return OffsetDateTime.now(clock.withZone(Stockholm.ZONE));
        }
        try {
            return LocalDateTime.parse(value.strip()).atZone(Stockholm.ZONE).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            throw new InvalidCaseRequestException(field, "is not a date and time");
        }
    }
}
