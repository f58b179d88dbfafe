package se.stockholm.brottsofferstod.statistics;

import java.util.Map;
import java.util.function.Function;

/** Simple bar charts as inline SVG, drawn on the server: the report prints and opens offline. */
final class Charts {

    private static final int WIDTH = 640;
    /** The narrowest bar chart: it fits a phone's screen (360 px less the page's margins) without being scaled down. */
    private static final int BARS_MIN_WIDTH = 320;
    /** A generous width of one character of the 12 px sans-serif labels, so that a label is never cut. */
    private static final double CHAR_WIDTH = 7.2;
    private static final int VALUE_ROOM = 60;
    private static final int LABEL_HEIGHT = 15;
    private static final int BAR_HEIGHT = 14;
    private static final int ROW = LABEL_HEIGHT + BAR_HEIGHT + 9;

    private Charts() {
    }

    /**
     * Horizontal bars, each under its label: a label has the chart's whole width, so a long partner name is never
     * cut, and the chart is as wide as its longest label needs (narrow enough for a phone when the labels are short).
     * {@code label} writes a bar's value (small counts may be suppressed).
     */
    static String bars(String title, Map<String, Long> values, Function<Long, String> label) {
        long max = Math.max(1, values.values().stream().mapToLong(Long::longValue).max().orElse(1));
        int longest = values.keySet().stream().mapToInt(String::length).max().orElse(0);
        int width = Math.max(BARS_MIN_WIDTH, (int) Math.ceil(longest * CHAR_WIDTH) + 4);
        int height = values.size() * ROW + 4;
        StringBuilder svg = open(title, width, height);
        int y = 2;
        int room = width - VALUE_ROOM;
        for (Map.Entry<String, Long> e : values.entrySet()) {
            int w = (int) Math.round((double) e.getValue() / max * room);
            svg.append("<text x=\"0\" y=\"%d\">%s</text>".formatted(y + LABEL_HEIGHT - 3, StatisticsHtml.escape(e.getKey())));
            int barTop = y + LABEL_HEIGHT;
            svg.append("<rect x=\"0\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#2f5d8a\"/>".formatted(barTop, w, BAR_HEIGHT));
            svg.append("<text x=\"%d\" y=\"%d\">%s</text>".formatted(w + 5, barTop + BAR_HEIGHT - 2,
                    StatisticsHtml.escape(label.apply(e.getValue()))));
            y += ROW;
        }
        return svg.append("</svg>").toString();
    }

    /** Vertical columns in order, for a series such as quarters. */
    static String columns(String title, Map<String, Long> values, Function<Long, String> label) {
        long max = Math.max(1, values.values().stream().mapToLong(Long::longValue).max().orElse(1));
        int height = 200;
        int plot = height - 40;
        int slot = Math.max(24, Math.min(90, (WIDTH - 20) / Math.max(1, values.size())));
        StringBuilder svg = open(title, WIDTH, height);
        int x = 10;
        for (Map.Entry<String, Long> e : values.entrySet()) {
            int h = (int) Math.round((double) e.getValue() / max * (plot - 16));
            int top = plot - h;
            svg.append("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#2f5d8a\"/>".formatted(x + 4, top, slot - 8, h));
            svg.append("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>".formatted(x + slot / 2, top - 4,
                    StatisticsHtml.escape(label.apply(e.getValue()))));
            svg.append("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>".formatted(x + slot / 2, plot + 18,
                    StatisticsHtml.escape(e.getKey())));
            x += slot;
        }
        return svg.append("</svg>").toString();
    }

    /** A chart scales down with its viewBox where the page is narrower than the chart (the report's CSS caps its width). */
    private static StringBuilder open(String title, int width, int height) {
        return new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"Arial,sans-serif\" font-size=\"12\"><title>%s</title>"
                .formatted(width, height, width, height, StatisticsHtml.escape(title)));
    }
}
