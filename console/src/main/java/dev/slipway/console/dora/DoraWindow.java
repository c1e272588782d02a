package dev.slipway.console.dora;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The period the measures are computed over, written as {@code 30d} or {@code 12h} (1 to 9999 days or hours). */
public record DoraWindow(String text, Duration length) {
    private static final Pattern FORMAT = Pattern.compile("([1-9][0-9]{0,3})([dh])");

    public static DoraWindow parse(String text) {
        Matcher matcher = FORMAT.matcher(text == null ? "" : text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("window '" + text + "' is not a number of days or hours such as 30d or 12h");
        }
        long amount = Long.parseLong(matcher.group(1));
        return new DoraWindow(text, matcher.group(2).equals("d") ? Duration.ofDays(amount) : Duration.ofHours(amount));
    }
}
