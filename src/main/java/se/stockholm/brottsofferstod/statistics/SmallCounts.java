package se.stockholm.brottsofferstod.statistics;

import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Counts from 1 to 4 can point at individuals in a published report: with {@code intake.statistics.suppress-small-counts}
 * they are shown as {@code <5} in the JSON, the CSV and the HTML page. Zero and 5 or more stay; so do percentages.
 */
final class SmallCounts {

    static final String SHOWN = "<5";
    /** Figures that are not counts of people or cases: never marked nor suppressed. */
    static final Set<String> NOT_COUNTS = Set.of("from", "to", "quarter");

    private SmallCounts() {
    }

    static boolean isSmall(Long n) {
        return n != null && n > 0 && n < 5;
    }

    static boolean isCount(String name, JsonNode node) {
        return node.isIntegralNumber() && !NOT_COUNTS.contains(name);
    }

    /** The report's JSON with every small count replaced by {@code "<5"}, and a mark that it was done. */
    static JsonNode suppressed(JsonNode report) {
        JsonNode copy = report.deepCopy();
        suppress(copy);
        if (copy instanceof ObjectNode root) {
            root.put("smallCountsSuppressed", true);
        }
        return copy;
    }

    private static void suppress(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (isCount(field.getKey(), field.getValue()) && isSmall(field.getValue().asLong())) {
                    object.put(field.getKey(), SHOWN);
                } else {
                    suppress(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(SmallCounts::suppress);
        }
    }
}
