package dev.slipway.events.names;

/** A name that would reach a shell, a path or an API did not match the form it must have. */
public final class InvalidNameException extends IllegalArgumentException {
    private final String kind;

    public InvalidNameException(String kind, String value, String expected) {
        super(kind + " '" + printable(value) + "' is not valid: expected " + expected);
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }

    private static String printable(String value) {
        if (value == null) {
            return "null";
        }
        String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
