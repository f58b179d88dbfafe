package se.stockholm.brottsofferstod.routing;

import java.time.LocalDate;
import java.time.Period;

/** Age arithmetic shared by identity numbers and birth years. */
public final class Ages {

    private Ages() {
    }

    /** Whole years from birth to the date; a person turns N on the Nth birthday (1 March for 29 February in other years). */
    public static int between(LocalDate birth, LocalDate date) {
        return Period.between(birth, date).getYears();
    }

    /**
     * The age a person born in {@code birthYear} reaches during the year of {@code date}: the exact day is
     * unknown, so this is the age at the year's end, the convention of Swedish population statistics.
     */
    public static int fromBirthYear(int birthYear, LocalDate date) {
        return date.getYear() - birthYear;
    }
}
