package se.stockholm.brottsofferstod.intake;

import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * NUL and the other control characters have no place in a name, an address or a message: they are refused in every
 * text field (they break logs, CSV, databases and the programs partners read cases with). Tab, line feed and
 * carriage return are text; every other C0 control, DEL and the C1 controls are not.
 */
public final class TextFields {

    private TextFields() {
    }

    public static boolean hasControlCharacter(String text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The text without its control characters, for a channel that cannot refuse what it is sent (a mail cannot be
     * answered with 400: it is taken, with its control characters removed).
     */
    public static String withoutControlCharacters(String text) {
        if (!hasControlCharacter(text)) {
            return text;
        }
        StringBuilder kept = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F))) {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    /**
     * The text as every database of the service can keep it: PostgreSQL's text cannot hold NUL (H2's can), so a NUL
     * in what is kept of a refused delivery (its id, its original, the reason) is written as JSON's escape of it, a
     * backslash, {@code u} and {@code 0000}. An original kept so stays refused when it is replayed: in JSON that is
     * an escaped NUL, refused in every field.
     */
    public static String storable(String text) {
        return text == null || text.indexOf('\0') < 0 ? text : text.replace("\0", "\\u0000");
    }

    /** The dotted path of the first string value (or field name) in the JSON with a control character, or {@code null}. */
    public static String firstWithControlCharacter(JsonNode node) {
        return first(node, "");
    }

    private static String first(JsonNode node, String path) {
        if (node == null) {
            return null;
        }
        if (node.isString()) {
            return hasControlCharacter(node.asString()) ? path : null;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (hasControlCharacter(field.getKey())) {
                    return path.isEmpty() ? "(a field name)" : path;
                }
                String found = first(field.getValue(), at);
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = first(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
