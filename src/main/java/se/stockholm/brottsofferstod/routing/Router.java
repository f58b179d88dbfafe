package se.stockholm.brottsofferstod.routing;

/**
 * The routing feature's entry: where a person of a known (or unknown) age, living where they say, is served. The
 * person's municipality decides the agreement first (agreements.yml); that agreement's rule then decides the partner:
 * Stockholm city's by age and district ({@link RoutingRule}), another municipality's sends every resident to its
 * partner. A place outside every agreement goes to outside area.
 */
public final class Router {

    private final Partners partners;
    private final DistrictDirectory districts;
    private final Agreements agreements;
    private final RoutingRule rule;

    /** Stockholm city's agreement alone. */
    public Router(Partners partners, DistrictDirectory districts) {
        this(partners, districts, Agreements.stockholmOnly(partners));
    }

    public Router(Partners partners, DistrictDirectory districts, Agreements agreements) {
        this.partners = partners;
        this.agreements = agreements;
        for (Agreements.Agreement agreement : agreements.all()) {
            agreement.partners().stream().filter(p -> !partners.ids().contains(p)).findFirst().ifPresent(p -> {
                throw new IllegalArgumentException("agreement " + agreement.id() + " names " + p + ", not a partner");
            });
        }
        this.districts = districts.with(agreements.others());
        this.rule = new RoutingRule(partners.youthPartner(), partners.ageLimit(), districts.jourByDistrict());
    }

    public RoutingDecision route(KnownAge age, String districtText, String postalCode, String city) {
        Location location = districts.locate(districtText, postalCode, city);
        if (location.kind() == Location.Kind.OTHER_AGREEMENT) {
            Agreements.Agreement agreement = agreements.byId(location.agreement()).orElseThrow();
            String ageText = age.isKnown() ? "Age %d from %s".formatted(age.years(), age.source())
                    : "Age unknown (" + age.source() + ")";
            return new RoutingDecision(agreement.partner(), "%s; %s: under %s's own agreement (%s) every resident, of any age, is served by %s"
                    .formatted(ageText, location.evidence(), agreement.municipality(), agreement.id(), agreement.partner()),
                    false, null, agreement.id());
        }
        return rule.route(age, location).withAgreement(agreements.home());
    }

    public Partners partners() {
        return partners;
    }

    /** The districts of Stockholm city, with the places and postal codes of the other agreements' areas. */
    public DistrictDirectory districts() {
        return districts;
    }

    public Agreements agreements() {
        return agreements;
    }
}
