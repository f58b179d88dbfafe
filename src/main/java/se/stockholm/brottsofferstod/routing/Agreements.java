package se.stockholm.brottsofferstod.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The agreements (IOP) under which people are taken in, from the routing data ({@code config/routing/agreements.yml}):
 * the home agreement (Stockholm city's: its districts, its age and district rule) and other municipalities' own
 * agreements with one of the partners (seed 004: Norrtälje's with Brottsofferjouren Stockholm-Gotland).
 *
 * @param home the home agreement's id: a request no agreement covers (outside area, triage) is counted under it
 */
public record Agreements(String home, List<Agreement> all) {

    /** The id of Stockholm city's agreement, the home agreement of the routing data as it ships. */
    public static final String STOCKHOLM = "stockholm";

    /**
     * One agreement.
     *
     * @param rule              {@link #AGE_AND_DISTRICT} (the home agreement's) or {@link #EVERYONE}
     * @param partners          the partners the agreement uses
     * @param places            the place names of its area (not for the home agreement, whose area is its districts)
     * @param postalCodes       the postal-code prefixes of its area
     * @param calendarYearsFrom the first calendar year it is reported by, or {@code null} (the home agreement's periods
     *                          are settings)
     */
    public record Agreement(String id, String name, String municipality, String rule, List<String> partners,
                            List<String> places, List<String> postalCodes, Integer calendarYearsFrom) {

        public static final String AGE_AND_DISTRICT = "age-and-district";
        public static final String EVERYONE = "everyone";

        /** The partner every resident goes to, under rule {@link #EVERYONE}. */
        public String partner() {
            return partners.get(0);
        }
    }

    /** Only the home agreement, Stockholm city's, over the given partners: the routing data before other agreements. */
    public static Agreements stockholmOnly(Partners partners) {
        return new Agreements(STOCKHOLM, List.of(new Agreement(STOCKHOLM, "Stockholms stads IOP om stöd till brottsutsatta",
                "Stockholms stad", Agreement.AGE_AND_DISTRICT, partners.ids(), List.of(), List.of(), null)));
    }

    public static Agreements load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read routing data " + file, e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Agreements load(InputStream yaml) {
        Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        String home = (String) root.get("home");
        List<Agreement> all = new ArrayList<>();
        for (Map<String, Object> a : (List<Map<String, Object>>) root.get("agreements")) {
            String id = (String) a.get("id");
            String rule = (String) a.get("rule");
            List<String> partners = a.containsKey("partner") ? List.of((String) a.get("partner")) : strings(a.get("partners"));
            if (partners.isEmpty()) {
                throw new IllegalArgumentException("agreement " + id + " names no partner");
            }
            if (!Agreement.AGE_AND_DISTRICT.equals(rule) && !Agreement.EVERYONE.equals(rule)) {
                throw new IllegalArgumentException("agreement " + id + " has an unknown rule: " + rule);
            }
            if (Agreement.AGE_AND_DISTRICT.equals(rule) != id.equals(home)) {
                throw new IllegalArgumentException("only the home agreement routes by age and district: " + id);
            }
            Map<String, Object> reporting = (Map<String, Object>) a.getOrDefault("reporting", Map.of());
            Number from = (Number) reporting.get("calendarYearsFrom");
            all.add(new Agreement(id, (String) a.get("name"), (String) a.get("municipality"), rule, partners,
                    strings(a.get("places")), strings(a.get("postalCodes")), from == null ? null : from.intValue()));
        }
        if (all.stream().noneMatch(a -> a.id().equals(home))) {
            throw new IllegalArgumentException("the home agreement " + home + " is not listed");
        }
        return new Agreements(home, List.copyOf(all));
    }

    public Optional<Agreement> byId(String id) {
        return all.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    public Agreement homeAgreement() {
        return byId(home).orElseThrow();
    }

    /** The agreements other than the home one: other municipalities' own, each with its area. */
    public List<Agreement> others() {
        return all.stream().filter(a -> !a.id().equals(home)).toList();
    }

    public List<String> ids() {
        return all.stream().map(Agreement::id).toList();
    }

    private static List<String> strings(Object list) {
        if (list == null) {
            return List.of();
        }
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }
}
