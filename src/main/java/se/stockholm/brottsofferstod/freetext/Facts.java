package se.stockholm.brottsofferstod.freetext;

import se.stockholm.brottsofferstod.routing.KnownAge;
import se.stockholm.brottsofferstod.routing.Location;

/**
 * What one message says about the person, as far as {@link FreeText} can tell.
 *
 * @param text                 the message with every personnummer or samordningsnummer masked: the only form to store
 * @param age                  the age in years, or {@code null}
 * @param ageEvidence          how the age was found, for the routing reason (never the identity number)
 * @param place                the place name as the routing data spells it matched (e.g. {@code Tensta}), or {@code null}
 * @param postalCode           a postal code written in the message (5 digits), or {@code null}
 * @param location             where the place or postal code lies; {@link Location.Kind#UNKNOWN} when nothing was found
 * @param language             an ISO 639 code, or {@code null} when the words do not tell
 * @param languageChosen       the person named the language ("på arabiska", "English please"), not merely wrote in it
 * @param identityNumberMasked the message held a personnummer or samordningsnummer (now masked)
 */
public record Facts(String text, Integer age, String ageEvidence, String place, String postalCode, Location location,
                    String language, boolean languageChosen, boolean identityNumberMasked) {

    public boolean hasAge() {
        return age != null;
    }

    /** A place that routes: a district of the city or a place outside it. */
    public boolean hasKnownLocation() {
        return location.isKnown();
    }

    /** The age for the routing rule. */
    public KnownAge knownAge() {
        return age == null ? KnownAge.UNKNOWN : new KnownAge(age, ageEvidence);
    }
}
