package se.stockholm.brottsofferstod.cases;

import se.stockholm.brottsofferstod.intake.RefusedException;

/** No case by that reference that this actor may see: answered 404 in both cases, so nothing leaks. */
public class CaseNotFoundException extends RefusedException {

    public CaseNotFoundException(String caseReference) {
        super(404, null, "No case " + caseReference);
    }
}
