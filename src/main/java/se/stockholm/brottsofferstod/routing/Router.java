package se.stockholm.brottsofferstod.routing;

/** The routing feature's entry: where a person of a known (or unknown) age, living where they say, is served. */
public final class Router {

    private final Partners partners;
    private final DistrictDirectory districts;
    private final RoutingRule rule;

    public Router(Partners partners, DistrictDirectory districts) {
        this.partners = partners;
        this.districts = districts;
        this.rule = new RoutingRule(partners.youthPartner(), partners.ageLimit(), districts.jourByDistrict());
    }

    public RoutingDecision route(KnownAge age, String districtText, String postalCode, String city) {
        return rule.route(age, districts.locate(districtText, postalCode, city));
    }

    public Partners partners() {
        return partners;
    }

    public DistrictDirectory districts() {
        return districts;
    }
}
