package se.stockholm.brottsofferstod.security;

/** The roles of the users file (contract section 7). */
public enum Role {
    /** A police system: posts referrals over HTTP and sends them to {@code referrals.police}. */
    POLICE,
    /** Staff of one partner: works that partner's cases. */
    STAFF,
    /** The city's coordinator: sees all cases, triage and statistics; browses every case queue. */
    COORDINATOR,
    /** The 46elks webhook's HTTP Basic user. */
    SMS_GATEWAY,
    /** A partner's own system: consumes its partner's case queue and reports on {@code case-events}. */
    PARTNER_SYSTEM,
    /** A monitoring system: reads {@code /actuator/prometheus} and nothing else. */
    METRICS
}
