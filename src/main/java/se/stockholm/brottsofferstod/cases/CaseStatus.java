package se.stockholm.brottsofferstod.cases;

/** Where a case stands: received, being worked (after the first contact attempt), or closed. */
public enum CaseStatus { NEW, IN_PROGRESS, CLOSED }
