package dev.actiongate.admin;

import dev.actiongate.usage.UsageOverview;

import java.util.List;

/**
 * The page's charts as inline SVG, drawn on the server: readable without script, scaled by the browser
 * (a viewBox, no fixed size), and every figure also in a {@code <title>} that screen readers and a hover show.
 */
final class UsageChart {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 220;
    private static final int AXIS = 18;
    /** Room above the highest bar for the axis figure. */
    private static final int TOP = 14;

    private UsageChart() {
    }

    /** Calls per day: one bar a day, the highest day's count on the axis, every seventh date under the bars. */
    static String svg(List<UsageOverview.Day> days) {
        long most = Math.max(1, days.stream().mapToLong(UsageOverview.Day::calls).max().orElse(0));
        double slot = (double) WIDTH / Math.max(1, days.size());
        int plot = HEIGHT - AXIS - TOP;
        StringBuilder svg = new StringBuilder(4096).append("<svg class=\"chart\" id=\"calls-chart\" role=\"img\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(HEIGHT).append("\" aria-label=\"Calls per day, ").append(days.isEmpty() ? "" : days.getFirst().day())
                .append(" to ").append(days.isEmpty() ? "" : days.getLast().day()).append("; at most ").append(most).append(" a day\">")
                .append("<g class=\"bars\">");
        for (int i = 0; i < days.size(); i++) {
            UsageOverview.Day day = days.get(i);
            double height = day.calls() == 0 ? 0 : Math.max(1, (double) plot * day.calls() / most);
            svg.append("<rect x=\"").append(format(i * slot + 1)).append("\" y=\"").append(format(TOP + plot - height)).append("\" width=\"")
                    .append(format(Math.max(1, slot - 2))).append("\" height=\"").append(format(height)).append("\"><title>")
                    .append(day.day()).append(": ").append(day.calls()).append(day.calls() == 1 ? " call" : " calls").append("</title></rect>");
        }
        svg.append("</g><line x1=\"0\" x2=\"").append(WIDTH).append("\" y1=\"").append(TOP + plot).append("\" y2=\"").append(TOP + plot)
                .append("\" stroke=\"currentColor\" stroke-opacity=\".3\"/>")
                .append("<text class=\"axis\" x=\"2\" y=\"10\">").append(most).append("</text>");
        for (int i = 0; i < days.size(); i += 7) {
            svg.append("<text class=\"axis\" x=\"").append(format(i * slot + 1)).append("\" y=\"").append(HEIGHT - 4).append("\">")
                    .append(days.get(i).day().toString().substring(5)).append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    /** A table row's bar: its share of the largest row. */
    static String bar(long value, long most) {
        double width = most <= 0 ? 0 : 100.0 * value / most;
        return "<svg class=\"bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\"><g class=\"bars\"><rect width=\""
                + format(Math.max(width, value > 0 ? 0.5 : 0)) + "\" height=\"10\"/></g></svg>";
    }

    private static String format(double value) {
        return Double.toString(Math.round(value * 10) / 10.0);
    }
}
