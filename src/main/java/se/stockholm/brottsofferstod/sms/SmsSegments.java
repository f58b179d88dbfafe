package se.stockholm.brottsofferstod.sms;

/**
 * How an SMS is encoded and how many segments it costs. A text whose every character is in the GSM 03.38 alphabet
 * (Latin letters with the Nordic and some Western accents) goes as GSM-7: 160 characters in one segment, 153 in each
 * of several. Any other character (Arabic, Persian, Cyrillic, Ethiopic, Polish ł, Spanish á, emoji) makes the whole
 * text UCS-2: 70 characters in one segment, 67 in each of several.
 */
final class SmsSegments {

    /** Every reply fits in this many segments, in every language. */
    static final int MAX_SEGMENTS = 3;

    enum Encoding { GSM_7, UCS_2 }

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** Characters of the extension table: each takes two septets. */
    private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

    private SmsSegments() {
    }

    static Encoding encoding(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) < 0 && GSM_EXTENSION.indexOf(c) < 0) {
                return Encoding.UCS_2;
            }
        }
        return Encoding.GSM_7;
    }

    /** The segments the text costs. */
    static int count(String text) {
        if (text.isEmpty()) {
            return 1;
        }
        if (encoding(text) == Encoding.GSM_7) {
            int septets = 0;
            for (int i = 0; i < text.length(); i++) {
                septets += GSM_EXTENSION.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
            }
            return septets <= 160 ? 1 : (septets + 152) / 153;
        }
        int units = text.length(); // UTF-16 code units, as UCS-2 (and UTF-16 for characters beyond it) counts them
        return units <= 70 ? 1 : (units + 66) / 67;
    }

    static boolean fits(String text) {
        return count(text) <= MAX_SEGMENTS;
    }
}
