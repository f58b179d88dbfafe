package se.stockholm.brottsofferstod.statistics;

import java.util.Map;
import java.util.function.Function;

/** Simple bar charts as inline SVG, drawn on the server: the report prints and opens offline. */
final class Charts {

    private static final int WIDTH = 640;
    private static final int LABEL = 230;
    private static final int ROW = 22;

    private Charts() {
    }

    /** Horizontal bars, one row per label. */
    static String bars(String title, Map<String, Long> values, Function<Long, String> label) {
        long max = Math.max(1, values.values().stream().mapToLong(Long::longValue).max().orElse(1));
        int height = values.size() * ROW + 8;
        StringBuilder svg = open(title, height);
        int y = 4;
        int room = WIDTH - LABEL - 70;
        for (Map.Entry<String, Long> e : values.entrySet()) {
            int w = (int) Math.round((double) e.getValue() / max * room);
            svg.append("<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>".formatted(LABEL - 6, y + 15,
                    StatisticsHtml.escape(e.getKey())));
            svg.append("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#2f5d8a\"/>".formatted(LABEL, y + 3, w, ROW - 6));
            svg.append("<text x=\"%d\" y=\"%d\">%s</text>".formatted(LABEL + w + 5, y + 15,
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
        StringBuilder svg = open(title, height);
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

    private static StringBuilder open(String title, int height) {
        return new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"Arial,sans-serif\" font-size=\"12\"><title>%s</title>"
                .formatted(WIDTH, height, WIDTH, height, StatisticsHtml.escape(title)));
    }
}
