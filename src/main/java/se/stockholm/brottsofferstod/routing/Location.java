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
 * @param agreement  for {@link Kind#OTHER_AGREEMENT}, the id of the agreement whose area it is (else {@code null})
 */
public record Location(Kind kind, String district, String evidence, Set<String> candidates, String agreement) {

    /** {@code OTHER_AGREEMENT}: outside Stockholm city, in a municipality with an agreement of its own (agreements.yml). */
    public enum Kind { DISTRICT, OUTSIDE_AREA, AMBIGUOUS, UNKNOWN, OTHER_AGREEMENT }

    static final Location UNKNOWN = new Location(Kind.UNKNOWN, null, "no district, postal code or city given", Set.of());

    public Location(Kind kind, String district, String evidence, Set<String> candidates) {
        this(kind, district, evidence, candidates, null);
    }

    public Location(Kind kind, String district, String evidence) {
        this(kind, district, evidence, Set.of());
    }

    public boolean isKnown() {
        return kind == Kind.DISTRICT || kind == Kind.OUTSIDE_AREA || kind == Kind.OTHER_AGREEMENT;
    }
}
