package se.stockholm.brottsofferstod.routing;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Swedish personnummer or samordningsnummer (coordination number), checked and resolved to a date of
 * birth. Accepts 10 or 12 digits, with or without {@code -}; a {@code +} in the 10-digit form means the
 * person has turned 100. Error messages never repeat the number itself: they end up in rejection records.
 */
public record PersonalIdentityNumber(LocalDate birthDate, boolean coordinationNumber, String normalized) {

    private static final Pattern FORMAT = Pattern.compile("^(\\d{2})?(\\d{2})(\\d{2})(\\d{2})([-+]?)(\\d{3})(\\d)$");
    private static final int COORDINATION_DAY_OFFSET = 60;

    /**
     * @param text      the number as written
     * @param reference the date at which the number was given; it decides the century of a 10-digit number
     * @throws InvalidIdentityNumberException when the format, the date or the check digit is wrong
     */
    public static PersonalIdentityNumber parse(String text, LocalDate reference) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new InvalidIdentityNumberException("is not 10 or 12 digits in the form [YY]YYMMDD[-+]NNNN");
        }
        String yy = m.group(2);
        String mm = m.group(3);
        String dd = m.group(4);
        String serial = m.group(6);
        int checkDigit = Integer.parseInt(m.group(7));
        if (luhnCheckDigit(yy + mm + dd + serial) != checkDigit) {
            throw new InvalidIdentityNumberException("has a wrong check digit");
        }
        int day = Integer.parseInt(dd);
        boolean coordination = day > COORDINATION_DAY_OFFSET;
        if (coordination) {
            day -= COORDINATION_DAY_OFFSET;
        }
        int month = Integer.parseInt(mm);
        int year = m.group(1) != null
                ? Integer.parseInt(m.group(1) + yy)
                : centuryFor(Integer.parseInt(yy), month, day, "+".equals(m.group(5)), reference);
        LocalDate birth;
        try {
            birth = LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw new InvalidIdentityNumberException("is not a valid date of birth");
        }
        if (birth.isAfter(reference)) {
            throw new InvalidIdentityNumberException("gives a date of birth in the future");
        }
        String normalized = "%04d%s%s-%s%d".formatted(year, mm, dd, serial, checkDigit);
        return new PersonalIdentityNumber(birth, coordination, normalized);
    }

    /** Age in whole years at the given date. */
    public int ageAt(LocalDate date) {
        return Ages.between(birthDate, date);
    }

    /** The latest year ending in {@code yy} not after the reference date, 100 years earlier for a {@code +}. */
    private static int centuryFor(int yy, int month, int day, boolean hundredOrOlder, LocalDate reference) {
        int year = reference.getYear() - Math.floorMod(reference.getYear() - yy, 100);
        if (isAfter(year, month, day, reference)) {
            year -= 100;
        }
        return hundredOrOlder ? year - 100 : year;
    }

    private static boolean isAfter(int year, int month, int day, LocalDate reference) {
        return year == reference.getYear()
                && (month > reference.getMonthValue() || month == reference.getMonthValue() && day > reference.getDayOfMonth());
    }

    /** The Luhn (mod 10) check digit of the nine digits YYMMDDNNN. */
    public static int luhnCheckDigit(String nineDigits) {
        int sum = 0;
        for (int i = 0; i < nineDigits.length(); i++) {
            int d = (nineDigits.charAt(i) - '0') * (i % 2 == 0 ? 2 : 1);
            sum += d > 9 ? d - 9 : d;
        }
        return (10 - sum % 10) % 10;
    }

    /** The number is not a valid personnummer or samordningsnummer; the message says why, without the number. */
    public static final class InvalidIdentityNumberException extends IllegalArgumentException {
        InvalidIdentityNumberException(String reason) {
            super(reason);
        }
    }
}
