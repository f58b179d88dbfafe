package se.stockholm.brottsofferstod.routing;

/**
 * Where a request goes and why.
 *
 * @param partner    a partner id, or {@link #TRIAGE} or {@link #OUTSIDE_AREA}
 * @param reason     a sentence a coordinator can read
 * @param ageUnknown routed by district alone: the partner should check the age at first contact
 * @param district   the resolved stadsdelsområde, or {@code null}
 * @param agreement  the agreement the case is taken in under and counted for (agreements.yml): the person's
 *                   municipality's own, else the home agreement (Stockholm city's), triage and outside area included
 */
public record RoutingDecision(String partner, String reason, boolean ageUnknown, String district, String agreement) {

    public static final String TRIAGE = "triage";
    public static final String OUTSIDE_AREA = "outside-area";

    /** A decision under Stockholm city's agreement. */
    public RoutingDecision(String partner, String reason, boolean ageUnknown, String district) {
        this(partner, reason, ageUnknown, district, Agreements.STOCKHOLM);
    }

    public RoutingDecision withAgreement(String agreement) {
        return new RoutingDecision(partner, reason, ageUnknown, district, agreement);
    }

    /** The broker queue the case goes to. */
    public String queue() {
        return queueOf(partner);
    }

    public static String queueOf(String partner) {
        return "cases." + partner;
    }
}
