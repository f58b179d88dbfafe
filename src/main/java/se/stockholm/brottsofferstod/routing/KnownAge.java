package se.stockholm.brottsofferstod.routing;

import java.time.LocalDate;

/**
 * A person's age as far as it is known, with where it came from (for the routing reason).
 *
 * @param years  whole years, or {@code null} when nothing tells the age
 * @param source how it was worked out
 */
public record KnownAge(Integer years, String source) {

    public static final KnownAge UNKNOWN = new KnownAge(null, "no identity number or birth year");

    public static KnownAge of(PersonalIdentityNumber number, LocalDate at) {
        return new KnownAge(number.ageAt(at), number.coordinationNumber() ? "samordningsnummer" : "personnummer");
    }

    public static KnownAge ofBirthYear(int birthYear, LocalDate at) {
        return new KnownAge(Ages.fromBirthYear(birthYear, at), "birth year");
    }

    public boolean isKnown() {
        return years != null;
    }
}
