package se.stockholm.brottsofferstod.intake;

/**
 * The reason of a dead letter that the intake consumers' redelivery policy ({@code redelivery} in routes/) gave
 * up on: how often it was tried and the kind of failure, never the failure's text (it may quote personal data).
 */
public final class Redeliveries {

    /** The header redelivery gives the consumer's entry: the redeliveries it made before it gave up. */
    public static final String HEADER = "intakeRedeliveries";

    private Redeliveries() {
    }

    /**
     * @param cause        the last failure
     * @param redeliveries the redeliveries made before the policy gave up (header {@value #HEADER})
     */
    public static String reason(Throwable cause, Integer redeliveries) {
        return failure(cause, redeliveries) + "; replay it once the cause is fixed";
    }

    /** How often it was tried and the kind of the last failure, without what to do next. */
    public static String failure(Throwable cause, Integer redeliveries) {
        int attempts = 1 + (redeliveries == null ? 0 : redeliveries);
        return "could not be taken in " + attempts + " attempts (" + (cause == null ? "unknown" : cause.getClass().getSimpleName())
                + "), a failure on our side";
    }
}
