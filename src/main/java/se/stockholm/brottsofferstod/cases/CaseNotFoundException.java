package se.stockholm.brottsofferstod.cases;

/** No case by that reference that this actor may see: answered 404 in both cases, so nothing leaks. */
public class CaseNotFoundException extends RuntimeException {

    public CaseNotFoundException(String caseReference) {
        super("No case " + caseReference);
    }
}
