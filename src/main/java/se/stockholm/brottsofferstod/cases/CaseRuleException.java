package se.stockholm.brottsofferstod.cases;

import se.stockholm.brottsofferstod.intake.RefusedException;

/** The request is well-formed but a rule of the partnership refuses it now (409, the reason in the detail). */
public class CaseRuleException extends RefusedException {

    public CaseRuleException(String reason) {
        super(409, null, reason);
    }
}
