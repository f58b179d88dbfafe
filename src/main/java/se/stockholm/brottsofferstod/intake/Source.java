package se.stockholm.brottsofferstod.intake;

/** Where a support request came from, as the statistics count it. */
public enum Source { POLICE, SMS, EMAIL, WEB }
