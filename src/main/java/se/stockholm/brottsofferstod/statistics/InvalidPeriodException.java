package se.stockholm.brottsofferstod.statistics;

/** A statistics period that cannot be read or makes no sense (400, naming the parameter). */
public class InvalidPeriodException extends RuntimeException {

    private final String field;

    InvalidPeriodException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
