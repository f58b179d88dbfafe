package se.stockholm.brottsofferstod.statistics;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * The report as CSV for Excel: one row per figure, named by its path in the JSON, so each value can be checked
 * against the JSON. UTF-8 with a byte-order mark, without which Excel reads å, ä and ö wrong. Counts from 1 to 4
 * are marked: the coordinator suppresses them before publishing.
 */
final class StatisticsCsv {

    static final String HEADER = "figure,value,under_5";
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(\\.\\d+)?");

    private StatisticsCsv() {
    }

    static byte[] write(JsonNode report) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        rows(report, "", csv);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(BOM);
        out.writeBytes(csv.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void rows(JsonNode node, String path, StringBuilder csv) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                rows(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), csv);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                rows(node.get(i), path + "[" + i + "]", csv);
            }
        } else {
            String name = path.substring(path.lastIndexOf('.') + 1);
            boolean count = SmallCounts.isCount(name, node);
            boolean small = count ? SmallCounts.isSmall(node.asLong()) : SmallCounts.SHOWN.equals(node.asString(""));
            csv.append(quoted(path)).append(',').append(node.isNull() ? "" : quoted(node.asString())).append(',')
                    .append(small ? "yes" : "").append("\r\n");
        }
    }

    /**
     * A cell Excel would read as a formula (starting with = + - @, a tab or a carriage return) gets a leading
     * apostrophe, so a partner's name or period label from the data files can never run as one; numbers, negative
     * ones included, stay numbers.
     */
    static String neutralised(String value) {
        if (value.isEmpty() || "=+-@\t\r".indexOf(value.charAt(0)) < 0 || NUMBER.matcher(value).matches()) {
            return value;
        }
        return "'" + value;
    }

    private static String quoted(String raw) {
        String value = neutralised(raw);
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
