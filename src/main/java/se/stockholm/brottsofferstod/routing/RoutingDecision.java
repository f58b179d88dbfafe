package se.stockholm.brottsofferstod.routing;

/**
 * Where a request goes and why.
 *
 * @param partner    a partner id, or {@link #TRIAGE} or {@link #OUTSIDE_AREA}
 * @param reason     a sentence a coordinator can read
 * @param ageUnknown routed by district alone: the partner should check the age at first contact
 * @param district   the resolved stadsdelsområde, or {@code null}
 */
public record RoutingDecision(String partner, String reason, boolean ageUnknown, String district) {

    public static final String TRIAGE = "triage";
    public static final String OUTSIDE_AREA = "outside-area";

    /** The broker queue the case goes to. */
    public String queue() {
        return queueOf(partner);
    }

    public static String queueOf(String partner) {
        return "cases." + partner;
    }
}
