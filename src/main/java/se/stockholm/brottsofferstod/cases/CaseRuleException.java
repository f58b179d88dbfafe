package se.stockholm.brottsofferstod.cases;

/** The request is well-formed but a rule of the partnership refuses it now (409, the reason in the detail). */
public class CaseRuleException extends RuntimeException {

    public CaseRuleException(String reason) {
        super(reason);
    }
}
