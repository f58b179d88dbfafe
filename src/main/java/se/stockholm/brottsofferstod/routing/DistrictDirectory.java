package se.stockholm.brottsofferstod.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Stockholm city's districts (stadsdelsområden), their neighbourhood names and postal-code areas, read
 * from the routing data file. Names match in any case and with or without å/ä/ö; a name or code that
 * points to more than one place is ambiguous, which sends the request to triage.
 */
public final class DistrictDirectory {

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-_/.,;:()]+");
    private static final int LONGEST_NAME_IN_WORDS = 4;
    private static final String OUTSIDE = "\u0000outside";
    private static final String AMBIGUOUS = "\u0000ambiguous";
    private static final String AGREEMENT = "\u0000agreement:";

    private final Map<String, String> jourByDistrict;
    private final Map<String, Set<String>> placesByName;
    private final Map<String, Set<String>> placesByPostalPrefix;
    private final Map<String, String> municipalityByAgreement;

    private DistrictDirectory(Map<String, String> jourByDistrict, Map<String, Set<String>> placesByName,
                              Map<String, Set<String>> placesByPostalPrefix, Map<String, String> municipalityByAgreement) {
        this.jourByDistrict = jourByDistrict;
        this.placesByName = placesByName;
        this.placesByPostalPrefix = placesByPostalPrefix;
        this.municipalityByAgreement = municipalityByAgreement;
    }

    /**
     * This directory with the areas of other municipalities' agreements added: their place names and postal codes
     * locate a person in that agreement's area ({@link Location.Kind#OTHER_AGREEMENT}). A name or prefix also listed
     * here (a district, outside area) is ambiguous, as any name listed twice.
     */
    public DistrictDirectory with(List<Agreements.Agreement> others) {
        Map<String, Set<String>> names = copy(placesByName);
        Map<String, Set<String>> postal = copy(placesByPostalPrefix);
        Map<String, String> municipalities = new HashMap<>(municipalityByAgreement);
        for (Agreements.Agreement agreement : others) {
            index(names, agreement.places(), AGREEMENT + agreement.id());
            indexPostal(postal, agreement.postalCodes(), AGREEMENT + agreement.id());
            municipalities.put(agreement.id(), agreement.municipality());
        }
        return new DistrictDirectory(jourByDistrict, names, postal, Map.copyOf(municipalities));
    }

    private static Map<String, Set<String>> copy(Map<String, Set<String>> index) {
        Map<String, Set<String>> copy = new HashMap<>();
        index.forEach((key, places) -> copy.put(key, new LinkedHashSet<>(places)));
        return copy;
    }

    public static DistrictDirectory load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read routing data " + file, e);
        }
    }

    @SuppressWarnings("unchecked")
    public static DistrictDirectory load(InputStream yaml) {
        Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        Map<String, String> jours = new LinkedHashMap<>();
        Map<String, Set<String>> names = new HashMap<>();
        Map<String, Set<String>> postal = new HashMap<>();
        for (Map<String, Object> district : (List<Map<String, Object>>) root.get("districts")) {
            String name = (String) district.get("name");
            jours.put(name, (String) district.get("jour"));
            index(names, List.of(name), name);
            index(names, strings(district.get("neighbourhoods")), name);
            indexPostal(postal, strings(district.get("postalCodes")), name);
        }
        Map<String, Object> outside = (Map<String, Object>) root.getOrDefault("outsideArea", Map.of());
        index(names, strings(outside.get("places")), OUTSIDE);
        indexPostal(postal, strings(outside.get("postalCodes")), OUTSIDE);
        Map<String, Object> ambiguous = (Map<String, Object>) root.getOrDefault("ambiguous", Map.of());
        index(names, strings(ambiguous.get("places")), AMBIGUOUS);
        return new DistrictDirectory(Map.copyOf(jours), names, postal, Map.of());
    }

    /** The districts in the order of the data file, each with the jour that serves its adults. */
    public Map<String, String> jourByDistrict() {
        return jourByDistrict;
    }

    /**
     * Resolves a person's whereabouts: the free-text district first (it names a district or a
     * neighbourhood), then the postal code, then the city.
     */
    public Location locate(String districtText, String postalCode, String city) {
        List<Location> candidates = new ArrayList<>(3);
        candidates.add(byName(districtText, "district"));
        candidates.add(byPostalCode(postalCode));
        candidates.add(byName(city, "city"));
        for (Location candidate : candidates) {
            if (candidate.isKnown()) {
                return candidate;
            }
        }
        return candidates.stream().filter(l -> l.kind() == Location.Kind.AMBIGUOUS).findFirst().orElse(Location.UNKNOWN);
    }

    /** A district, neighbourhood or place name, alone or within a longer text ("Tensta, Stockholm"). */
    public Location byName(String text, String field) {
        if (text == null || text.isBlank()) {
            return Location.UNKNOWN;
        }
        String key = key(text);
        Set<String> exact = placesByName.get(key);
        Set<String> found = exact != null ? exact : namesWithin(key);
        // the reason names the rule and the kind of evidence, never the words the person wrote
        return toLocation(found, "the " + field + " given");
    }

    /** Whether the text is exactly one name of the routing data (a district, neighbourhood or place), as {@link #key} folds it. */
    public boolean isPlaceName(String text) {
        return text != null && placesByName.containsKey(key(text));
    }

    public Location byPostalCode(String postalCode) {
        if (postalCode == null || postalCode.isBlank()) {
            return Location.UNKNOWN;
        }
        String digits = postalCode.replaceAll("\\D", "");
        for (int length = digits.length(); length >= 2; length--) {
            Set<String> found = placesByPostalPrefix.get(digits.substring(0, length));
            if (found != null) {
                return toLocation(found, "the postal code's area");
            }
        }
        return toLocation(Set.of(), "the postal code");
    }

    private Set<String> namesWithin(String key) {
        String[] words = key.split(" ");
        Set<String> specific = new LinkedHashSet<>();
        Set<String> vague = new LinkedHashSet<>();
        for (int start = 0; start < words.length; start++) {
            for (int end = Math.min(words.length, start + LONGEST_NAME_IN_WORDS); end > start; end--) {
                Set<String> places = placesByName.get(String.join(" ", List.of(words).subList(start, end)));
                if (places != null) {
                    (places.contains(AMBIGUOUS) ? vague : specific).addAll(places);
                    break;
                }
            }
        }
        return specific.isEmpty() ? vague : specific;
    }

    private Location toLocation(Set<String> places, String evidence) {
        if (places.isEmpty()) {
            return new Location(Location.Kind.UNKNOWN, null, evidence + " is not in the routing data");
        }
        if (places.size() > 1 || places.contains(AMBIGUOUS)) {
            boolean beyondTheCity = places.contains(AMBIGUOUS) || places.contains(OUTSIDE)
                    || places.stream().anyMatch(p -> p.startsWith(AGREEMENT));
            Set<String> candidates = beyondTheCity ? Set.of() : Set.copyOf(places);
            return new Location(Location.Kind.AMBIGUOUS, null, evidence + " does not tell which district", candidates);
        }
        String place = places.iterator().next();
        if (OUTSIDE.equals(place)) {
            return new Location(Location.Kind.OUTSIDE_AREA, null, evidence + " is outside Stockholm city");
        }
        if (place.startsWith(AGREEMENT)) {
            String agreement = place.substring(AGREEMENT.length());
            return new Location(Location.Kind.OTHER_AGREEMENT, null,
                    evidence + " is in " + municipalityByAgreement.get(agreement), Set.of(), agreement);
        }
        return new Location(Location.Kind.DISTRICT, place, evidence);
    }

    /** Lower case, without diacritics, with hyphens and other separators folded to single spaces. */
    public static String key(String text) {
        String stripped = COMBINING_MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        return SEPARATORS.matcher(stripped.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
    }

    private static void index(Map<String, Set<String>> names, Collection<String> keys, String place) {
        for (String name : keys) {
            names.computeIfAbsent(key(name), k -> new LinkedHashSet<>()).add(place);
        }
    }

    private static void indexPostal(Map<String, Set<String>> postal, Collection<String> prefixes, String place) {
        for (String prefix : prefixes) {
            postal.computeIfAbsent(prefix.replaceAll("\\D", ""), k -> new LinkedHashSet<>()).add(place);
        }
    }

    private static List<String> strings(Object list) {
        if (list == null) {
            return List.of();
        }
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }
}
