package se.stockholm.brottsofferstod.routing;

/**
 * Where a person lives, as far as the routing data can tell.
 *
 * @param kind     a district of Stockholm city, outside the city, ambiguous or unknown
 * @param district the stadsdelsområde, only for {@link Kind#DISTRICT}
 * @param evidence what told us, for the routing reason (e.g. {@code postal code 123 47})
 */
public record Location(Kind kind, String district, String evidence) {

    public enum Kind { DISTRICT, OUTSIDE_AREA, AMBIGUOUS, UNKNOWN }

    static final Location UNKNOWN = new Location(Kind.UNKNOWN, null, "no district, postal code or city given");

    public boolean isKnown() {
        return kind == Kind.DISTRICT || kind == Kind.OUTSIDE_AREA;
    }
}
