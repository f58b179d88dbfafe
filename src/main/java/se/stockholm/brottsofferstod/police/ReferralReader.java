package se.stockholm.brottsofferstod.police;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Splits a delivery into referrals: a JSON object, a JSON array of objects (streamed, never held whole
 * as a tree) or NDJSON. A part that is not JSON becomes an item with a parse error, so it can be
 * rejected on its own while the rest goes on.
 */
final class ReferralReader {

    /**
     * One referral of a delivery, as read.
     *
     * @param raw the text as sent where it was read as text (an NDJSON line); {@code null} for a parsed JSON
     *            element, which is written out again only if it has to go to the dead-letter queue
     */
    record Item(String label, int index, JsonNode node, String raw, Violation parseError) {
    }

    /** Trailing tokens are allowed because the array is read one element at a time; the end is checked here. */
    private final JsonMapper json = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private final ObjectReader wholeLine = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    JsonMapper json() {
        return json;
    }

    /** Reads a JSON object or array of objects; a malformed document is one item with a parse error. */
    void readJson(InputStream in, boolean arrayExpectedAsBatch, Consumer<Item> items) {
        int index = 0;
        try (JsonParser parser = json.createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    JsonNode node = json.readTree(parser);
                    items.accept(new Item("referral[" + index + "]", index, node, null, null));
                    index++;
                }
                if (index == 0) {
                    items.accept(new Item(null, -1, null, "[]", new Violation(null, "the batch is an empty array")));
                }
            } else if (first == JsonToken.START_OBJECT) {
                JsonNode node = json.readTree(parser);
                items.accept(new Item(arrayExpectedAsBatch ? null : "referral[0]", 0, node, null, null));
            } else {
                items.accept(new Item(null, -1, null, "", new Violation(null,
                        first == null ? "the body is empty" : "must be a JSON object or an array of objects")));
            }
            if (parser.nextToken() != null) {
                items.accept(new Item(null, -1, null, "", new Violation(null, "has more after the end of the JSON document")));
            }
        } catch (JacksonException e) {
            String where = e.getLocation() != null
                    ? " at line %d, column %d".formatted(e.getLocation().getLineNr(), e.getLocation().getColumnNr()) : "";
            String label = index > 0 ? "referral[" + index + "] and after" : null;
            items.accept(new Item(label, index, null, null, new Violation(null, "is not well-formed JSON" + where)));
        }
    }

    /**
     * Reads NDJSON: one referral per non-blank line; a malformed line is an item with a parse error, and so is a line
     * longer than {@code maxLineChars}, which is skipped without ever being held whole.
     */
    void readNdjson(InputStream in, int maxLineChars, Consumer<Item> items) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int lineNumber = 0;
            while ((line = boundedLine(reader, maxLineChars)) != null) {
                lineNumber++;
                String label = "line " + lineNumber;
                if (line == TOO_LONG) {
                    items.accept(new Item(label, lineNumber, null, "", new Violation(null,
                            "is longer than the limit of " + maxLineChars + " characters")));
                    continue;
                }
                if (line.isBlank()) {
                    continue;
                }
                try {
                    items.accept(new Item(label, lineNumber, wholeLine.readTree(line), line, null));
                } catch (JacksonException e) {
                    items.accept(new Item(label, lineNumber, null, line, new Violation(null, "is not well-formed JSON")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Marks a line over the limit (compared by identity): its text is not kept. */
    private static final String TOO_LONG = new String("(too long)");

    /** The next line without its end, {@link #TOO_LONG} for one over the limit (read to its end), or {@code null} at the end. */
    private static String boundedLine(BufferedReader reader, int maxChars) throws IOException {
        StringBuilder line = new StringBuilder();
        boolean tooLong = false;
        int c;
        while ((c = reader.read()) >= 0) {
            if (c == '\n') {
                return tooLong ? TOO_LONG : stripCarriageReturn(line);
            }
            if (!tooLong) {
                if (line.length() >= maxChars) {
                    tooLong = true;
                    line.setLength(0);
                } else {
                    line.append((char) c);
                }
            }
        }
        if (tooLong) {
            return TOO_LONG;
        }
        return line.length() == 0 ? null : stripCarriageReturn(line);
    }

    private static String stripCarriageReturn(StringBuilder line) {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
    }

    List<Item> readJson(byte[] body) {
        List<Item> items = new ArrayList<>();
        readJson(new ByteArrayInputStream(body), true, items::add);
        return items;
    }
}
