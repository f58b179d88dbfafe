package se.stockholm.brottsofferstod.routing;

import java.util.Map;
import java.util.TreeSet;

/**
 * The partnership's routing rule: under 21 to the youth partner (whole city), 21 and over to the jour
 * of the person's district; outside the city to outside area; what cannot be placed to triage.
 */
public final class RoutingRule {

    private final String youthPartner;
    private final int ageLimit;
    private final Map<String, String> jourByDistrict;

    public RoutingRule(String youthPartner, int ageLimit, Map<String, String> jourByDistrict) {
        this.youthPartner = youthPartner;
        this.ageLimit = ageLimit;
        this.jourByDistrict = Map.copyOf(jourByDistrict);
    }

    public RoutingDecision route(KnownAge age, Location location) {
        String district = location.district();
        if (location.kind() == Location.Kind.OUTSIDE_AREA) {
            return new RoutingDecision(RoutingDecision.OUTSIDE_AREA, capitalised(location.evidence()), !age.isKnown(), null);
        }
        if (age.isKnown() && age.years() < ageLimit) {
            String where = district != null ? " (district " + district + ")" : " (district not known: " + location.evidence() + ")";
            return new RoutingDecision(youthPartner, "Age %d from %s is under %d: %s serves the whole city%s"
                    .formatted(age.years(), age.source(), ageLimit, youthPartner, where), false, district);
        }
        String ageText = age.isKnown()
                ? "Age %d from %s is %d or over".formatted(age.years(), age.source(), ageLimit)
                : "Age unknown (" + age.source() + ")";
        if (district == null && sharedJour(location) != null) {
            String jour = sharedJour(location);
            return new RoutingDecision(jour, "%s; %s lies in %s, all served by %s".formatted(ageText,
                    location.evidence().replace(" does not tell which district", ""),
                    String.join(" or ", new TreeSet<>(location.candidates())), jour), !age.isKnown(), null);
        }
        if (district == null) {
            return new RoutingDecision(RoutingDecision.TRIAGE, ageText + " and the district is not known: " + location.evidence(),
                    !age.isKnown(), null);
        }
        String jour = jourByDistrict.get(district);
        String reason = "%s; district %s (%s) is served by %s".formatted(ageText, district, location.evidence(), jour);
        if (!age.isKnown()) {
            reason += "; routed by district alone, check the age at first contact";
        }
        return new RoutingDecision(jour, reason, !age.isKnown(), district);
    }

    /** The one jour serving every district an ambiguous place may lie in, or {@code null}. */
    private String sharedJour(Location location) {
        if (location.kind() != Location.Kind.AMBIGUOUS || location.candidates().isEmpty()) {
            return null;
        }
        var jours = location.candidates().stream().map(jourByDistrict::get).distinct().toList();
        return jours.size() == 1 ? jours.get(0) : null;
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
