package se.stockholm.brottsofferstod.intake;

import java.time.LocalDate;

/** What happened, as far as told. */
public record Offence(String category, LocalDate occurredOn, Boolean gangRelated, Boolean intimatePartnerViolence,
                      String description) {

    public boolean isGangRelated() {
        return Boolean.TRUE.equals(gangRelated);
    }

    public boolean isIntimatePartnerViolence() {
        return Boolean.TRUE.equals(intimatePartnerViolence);
    }
}
