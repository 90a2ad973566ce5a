package dev.actiongate.devops;

import java.util.regex.Pattern;

/**
 * The part of a log a GPT can take: ANSI colours stripped, the last {@code tail} lines before the
 * cursor, cut to a character budget at a line boundary, with the cursor for the lines before.
 */
final class LogTail {

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]|\u001B[@-Z\\\\-_]");

    record Window(int fromLine, int toLine, int totalLines, boolean truncated, String text) {
    }

    private LogTail() {
    }

    /**
     * @param firstLine the line number of the log's first line here (1 unless its start was cut off)
     * @param endLine   the last line wanted (inclusive), or 0 for the end of the log
     */
    static Window of(String log, int firstLine, int tail, int endLine, int maxCharacters) {
        String clean = ANSI.matcher(log.replace("\r\n", "\n").replace('\r', '\n').replace("\uFEFF", "")).replaceAll("");
        String[] lines = clean.endsWith("\n") ? clean.substring(0, clean.length() - 1).split("\n", -1) : clean.split("\n", -1);
        int total = firstLine - 1 + (clean.isEmpty() ? 0 : lines.length);
        int to = endLine <= 0 || endLine > total ? total : endLine;
        int wanted = Math.max(0, Math.min(tail, to - firstLine + 1));
        StringBuilder text = new StringBuilder();
        int from = to + 1;
        boolean truncated = false;
        while (to - from + 1 < wanted) {
            String line = lines[from - 1 - firstLine];
            int needed = line.length() + (text.isEmpty() ? 0 : 1);
            if (text.length() + needed > maxCharacters) {
                truncated = true;
                if (text.isEmpty()) {
                    text.append(line, line.length() - maxCharacters, line.length());
                    from--;
                }
                break;
            }
            text.insert(0, text.isEmpty() ? line : line + "\n");
            from--;
        }
        return new Window(Math.min(from, to), to, total, truncated, text.toString());
    }
}
