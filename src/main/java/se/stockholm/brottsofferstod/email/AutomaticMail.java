package se.stockholm.brottsofferstod.email;

import java.util.Locale;
import java.util.function.Function;

/**
 * Tells mail written by a machine from mail written by a person, the way mail systems do it (RFC 3834 and
 * common practice), so that we never answer an auto-reply, a bounce, a list or ourselves: two auto-responders
 * answering each other would fill both mailboxes.
 *
 * @param kind   what sort of automatic mail
 * @param reason a sentence naming the header that told us, never its personal content
 */
record AutomaticMail(Kind kind, String reason) {

    enum Kind { BOUNCE, AUTO_REPLY, LIST, OWN_ADDRESS, NO_SENDER }

    /**
     * @param header      a header's value by name, or {@code null}
     * @param from        the sender's address, or {@code null} when none can be read
     * @param contentType the mail's top-level content type
     * @param ownAddress  our own address, never answered
     * @return the kind of automatic mail, or {@code null} for mail from a person
     */
    static AutomaticMail of(Function<String, String> header, String from, String contentType, String ownAddress) {
        if (from == null || from.isBlank()) {
            return new AutomaticMail(Kind.NO_SENDER, "no sender address to answer");
        }
        String sender = from.toLowerCase(Locale.ROOT);
        String local = sender.contains("@") ? sender.substring(0, sender.indexOf('@')) : sender;
        if (ownAddress != null && !ownAddress.isBlank() && sender.equalsIgnoreCase(ownAddress.strip())) {
            return new AutomaticMail(Kind.OWN_ADDRESS, "sent from our own address");
        }
        if (local.equals("mailer-daemon") || local.equals("postmaster")) {
            return new AutomaticMail(Kind.BOUNCE, "a delivery report (sender " + local + ")");
        }
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/report")) {
            return new AutomaticMail(Kind.BOUNCE, "a delivery report (multipart/report)");
        }
        if ("<>".equals(strip(header.apply("Return-Path")))) {
            return new AutomaticMail(Kind.BOUNCE, "a delivery report (empty Return-Path)");
        }
        String autoSubmitted = strip(header.apply("Auto-Submitted"));
        if (autoSubmitted != null && !autoSubmitted.toLowerCase(Locale.ROOT).startsWith("no")) {
            return new AutomaticMail(Kind.AUTO_REPLY, "automatic mail (Auto-Submitted: " + token(autoSubmitted) + ")");
        }
        if (header.apply("X-Autoreply") != null || header.apply("X-Autorespond") != null) {
            return new AutomaticMail(Kind.AUTO_REPLY, "automatic reply (X-Autoreply)");
        }
        String precedence = strip(header.apply("Precedence"));
        if (precedence != null && precedence.toLowerCase(Locale.ROOT).matches("bulk|list|junk|auto_reply")) {
            return new AutomaticMail(precedence.equalsIgnoreCase("auto_reply") ? Kind.AUTO_REPLY : Kind.LIST,
                    "bulk or list mail (Precedence: " + token(precedence) + ")");
        }
        if (header.apply("List-Id") != null) {
            return new AutomaticMail(Kind.LIST, "list mail (List-Id)");
        }
        return null;
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }

    /** Only a header's first word goes into a reason: the rest is free text. */
    private static String token(String value) {
        String word = value.split("[\\s;]", 2)[0];
        return word.length() > 30 ? word.substring(0, 30) : word;
    }
}
