package se.stockholm.brottsofferstod.intake;

/** The person a request is about, in the shape of the police referral schema; every field may be missing. */
public record Person(String role, String givenName, String familyName, String personalIdentityNumber, Integer birthYear,
                     String gender, String phone, String email, Address address, String district,
                     String preferredLanguage, Boolean interpreterNeeded, Boolean protectedIdentity) {

    public record Address(String street, String postalCode, String city) {
    }

    public boolean isProtected() {
        return Boolean.TRUE.equals(protectedIdentity);
    }

    /** The same person with the identity number in its normalised 12-digit form. */
    public Person withIdentityNumber(String normalized) {
        return new Person(role, givenName, familyName, normalized, birthYear, gender, phone, email, address, district,
                preferredLanguage, interpreterNeeded, protectedIdentity);
    }
}
