package se.stockholm.brottsofferstod.web;

import java.util.List;
import java.util.Optional;

import se.stockholm.brottsofferstod.routing.Agreements;

/**
 * Where the coordinator may hand over a case from outside the city: other municipalities' own agreements with one of
 * our partners (seed 004: Norrtälje's IOP with Brottsofferjouren Stockholm-Gotland), from the agreements of the
 * routing data (config/routing/agreements.yml), the one list of them.
 */
record Handovers(List<Handover> all) {

    /** @param id the agreement's id, {@code partner} the partner that takes the case under this agreement */
    record Handover(String id, String municipality, String partner) {
    }

    static Handovers of(Agreements agreements) {
        return new Handovers(agreements.others().stream()
                .map(a -> new Handover(a.id(), a.municipality(), a.partner())).toList());
    }

    Optional<Handover> byId(String id) {
        return all.stream().filter(h -> h.id().equals(id)).findFirst();
    }
}
