package se.stockholm.brottsofferstod.cases;

/** A field of a staff request or case event is missing or wrong (400, naming the field). */
public class InvalidCaseRequestException extends RuntimeException {

    private final String field;

    public InvalidCaseRequestException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
