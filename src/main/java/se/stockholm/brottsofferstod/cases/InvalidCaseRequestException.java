package se.stockholm.brottsofferstod.cases;

import se.stockholm.brottsofferstod.intake.RefusedException;

/** A field of a staff request or case event is missing or wrong (400, naming the field). */
public class InvalidCaseRequestException extends RefusedException {

    public InvalidCaseRequestException(String field, String reason) {
        super(400, field, field + ": " + reason);
    }
}
