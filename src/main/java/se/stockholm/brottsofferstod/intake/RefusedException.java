package se.stockholm.brottsofferstod.intake;

/**
 * A request to the service's HTTP API that is refused for a reason the caller can act on: the status it is answered
 * with and, where one field is at fault, that field. Features throw their own kinds; {@link ApiProblems} answers all.
 */
public abstract class RefusedException extends RuntimeException {

    private final int status;
    private final String field;

    protected RefusedException(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public int status() {
        return status;
    }

    /** The offending field or parameter, or {@code null} when the refusal is about the request as a whole. */
    public String field() {
        return field;
    }
}
