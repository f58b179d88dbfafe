package se.stockholm.brottsofferstod.security;

/**
 * One user of the users file.
 *
 * @param password in Spring Security's encoded form ({@code {bcrypt}...})
 * @param partner  the partner id, for {@link Role#STAFF} and {@link Role#PARTNER_SYSTEM}
 */
public record IntakeUser(String username, String password, Role role, String partner) {
}
