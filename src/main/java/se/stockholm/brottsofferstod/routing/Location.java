package se.stockholm.brottsofferstod.routing;

import java.util.Set;

/**
 * Where a person lives, as far as the routing data can tell.
 *
 * @param kind     a district of Stockholm city, outside the city, ambiguous or unknown
 * @param district the stadsdelsområde, only for {@link Kind#DISTRICT}
 * @param evidence   what kind of evidence told us, for the routing reason (e.g. {@code the postal code's area}): never
 *                   the value itself, which is the person's
 * @param candidates for an ambiguous place, the districts it may lie in (empty when it may lie anywhere)
 */
public record Location(Kind kind, String district, String evidence, Set<String> candidates) {

    public enum Kind { DISTRICT, OUTSIDE_AREA, AMBIGUOUS, UNKNOWN }

    static final Location UNKNOWN = new Location(Kind.UNKNOWN, null, "no district, postal code or city given", Set.of());

    public Location(Kind kind, String district, String evidence) {
        this(kind, district, evidence, Set.of());
    }

    public boolean isKnown() {
        return kind == Kind.DISTRICT || kind == Kind.OUTSIDE_AREA;
    }
}
