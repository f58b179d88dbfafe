package se.stockholm.brottsofferstod.statistics;

import se.stockholm.brottsofferstod.intake.RefusedException;

/** A statistics period that cannot be read or makes no sense (400, naming the parameter). */
public class InvalidPeriodException extends RefusedException {

    InvalidPeriodException(String field, String reason) {
        super(400, field, field + ": " + reason);
    }
}
