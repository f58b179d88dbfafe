package se.stockholm.brottsofferstod.security;

/**
 * Who is acting: a logged-in user, a partner system on the broker, or the service's own jobs.
 *
 * @param partner the partner whose cases the actor may see, for {@link Role#STAFF} and {@link Role#PARTNER_SYSTEM}
 */
public record Actor(String username, Role role, String partner) {

    public static Actor system(String job) {
        return new Actor(job, Role.COORDINATOR, null);
    }

    /** Whether the actor may see and work a case held by the given partner. */
    public boolean mayWork(String casePartner) {
        return switch (role) {
            case COORDINATOR -> true;
            case STAFF, PARTNER_SYSTEM -> partner != null && partner.equals(casePartner);
            default -> false;
        };
    }
}
