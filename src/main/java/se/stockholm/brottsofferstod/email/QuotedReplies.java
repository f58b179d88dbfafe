package se.stockholm.brottsofferstod.email;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Takes the earlier mails a reply quotes out of its text, so a case holds what the person wrote now. Forwarded
 * mails stay: what someone forwards to us (a threat they received) is part of their message.
 */
final class QuotedReplies {

    /**
     * "On Tue, 25 Nov 2026 at 10:00, Name <a@b> wrote:", Swedish "Den tis 25 nov. 2026 kl 10:00 skrev Name <a@b>:".
     * A sentence of the person's own can look the same ("Den 3 maj skrev han:"), so it only counts when an
     * address is in it or quoted lines (or nothing) follow.
     */
    private static final Pattern ATTRIBUTION = Pattern.compile(
            "^(On\\s.+\\swrote:|Den\\s.+\\sskrev.*:|.*<[^>\\s]+@[^>\\s]+>\\s*(wrote|skrev):)\\s*$",
            Pattern.CASE_INSENSITIVE);
    /** The start of an attribution that the client wrapped onto a second line. */
    private static final Pattern WRAPPED = Pattern.compile("^(On|Den)\\s.+", Pattern.CASE_INSENSITIVE);
    private static final Pattern ORIGINAL_MESSAGE = Pattern.compile(
            "^-{2,}\\s*(Original Message|Ursprungligt meddelande|Originalmeddelande)\\s*-{2,}\\s*$", Pattern.CASE_INSENSITIVE);
    /** Outlook's header block of the quoted mail: a From line soon followed by a Sent/Date line. */
    private static final Pattern OUTLOOK_FROM = Pattern.compile("^\\*?(From|Från):\\*?\\s.+", Pattern.CASE_INSENSITIVE);
    private static final Pattern OUTLOOK_SENT = Pattern.compile("^\\*?(Sent|Skickat|Date|Datum):\\*?\\s.+",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern RULE = Pattern.compile("^_{10,}\\s*$");
    private static final Pattern FORWARDED = Pattern.compile(
            "^(-{2,}\\s*(Forwarded message|Vidarebefordrat meddelande)\\s*-{2,}|Begin forwarded message:)\\s*$",
            Pattern.CASE_INSENSITIVE);
    /** Fwd:, FW:, VB: (vidarebefordrat): the whole mail is the message, whatever it quotes. */
    private static final Pattern FORWARD_SUBJECT = Pattern.compile("^\\s*(fwd?|vb)\\s*:.*", Pattern.CASE_INSENSITIVE);

    private QuotedReplies() {
    }

    static String strip(String text, String subject) {
        if (FORWARD_SUBJECT.matcher(subject).matches()) {
            return text.strip();
        }
        List<String> lines = text.lines().toList();
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (FORWARDED.matcher(line).matches()) {
                kept.addAll(lines.subList(i, lines.size()));
                break;
            }
            String withNext = i + 1 < lines.size() ? line + " " + lines.get(i + 1).strip() : line;
            if (attribution(line, lines, i + 1) || WRAPPED.matcher(line).matches() && attribution(withNext, lines, i + 2)
                    || ORIGINAL_MESSAGE.matcher(line).matches() || outlookHeader(lines, i)
                    || RULE.matcher(line).matches() && outlookHeader(lines, i + 1)) {
                break;
            }
            if (!line.startsWith(">")) {
                kept.add(lines.get(i).stripTrailing());
            }
        }
        String stripped = String.join("\n", kept).strip();
        // a reply written between the quoted lines leaves nothing outside them: then the whole text is the message
        return stripped.isEmpty() ? text.strip() : stripped;
    }

    private static boolean attribution(String line, List<String> lines, int next) {
        return ATTRIBUTION.matcher(line).matches() && (line.contains("@") || startsQuote(lines, next));
    }

    private static boolean startsQuote(List<String> lines, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                return lines.get(i).strip().startsWith(">");
            }
        }
        return true;
    }

    private static boolean outlookHeader(List<String> lines, int at) {
        if (at >= lines.size() || !OUTLOOK_FROM.matcher(lines.get(at).strip()).matches()) {
            return false;
        }
        for (int i = at + 1; i < Math.min(lines.size(), at + 4); i++) {
            if (OUTLOOK_SENT.matcher(lines.get(i).strip()).matches()) {
                return true;
            }
        }
        return false;
    }
}
