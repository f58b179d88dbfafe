package se.stockholm.brottsofferstod.security;

/**
 * One user of the users file.
 *
 * @param password in Spring Security's encoded form ({@code {bcrypt}...})
 * @param partner  the partner id, for {@link Role#STAFF} and {@link Role#PARTNER_SYSTEM}
 * @param apiKey   optional bearer key of a machine client, as {@code {sha256}<hex>} of the key (keys are long
 *                 random strings, so a fast hash is enough and the key itself is never stored)
 */
public record IntakeUser(String username, String password, Role role, String partner, String apiKey) {

    public IntakeUser(String username, String password, Role role, String partner) {
        this(username, password, role, partner, null);
    }
}
