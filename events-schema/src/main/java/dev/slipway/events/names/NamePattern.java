package dev.slipway.events.names;

import java.util.regex.Pattern;

/** One validation rule per kind of name; each value type checks itself through one of these. */
final class NamePattern {
    static final NamePattern DNS_LABEL = new NamePattern(
            "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?",
            "1-63 lowercase letters, digits or '-', starting and ending with a letter or digit");
    static final NamePattern DNS_SUBDOMAIN = new NamePattern(
            "[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?",
            "1-253 lowercase letters, digits, '-' or '.', starting and ending with a letter or digit");
    static final NamePattern RELEASE_ID = new NamePattern(
            "[a-z0-9][a-z0-9._-]{0,99}",
            "1-100 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit");
    static final NamePattern TAG = new NamePattern(
            "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}",
            "a Docker tag: 1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-'");
    static final NamePattern CONTAINER = new NamePattern(
            "[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}",
            "a container name: 1-128 letters, digits, '_', '.' or '-', starting with a letter or digit");
    static final NamePattern IMAGE_ID = new NamePattern(
            "sha256:[0-9a-f]{64}", "an image id 'sha256:' followed by 64 hex digits");
    static final NamePattern REPOSITORY = new NamePattern(
            "(([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)(\\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*(:[0-9]{1,5})?/)?"
                    + "[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*(/[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*)*",
            "an image repository such as 'gx-protocol/svc-tax' or 'registry:5000/team/app' "
                    + "(lowercase path components of letters and digits joined by '.', '_' or '-')");

    private final Pattern pattern;
    private final String expected;

    private NamePattern(String regex, String expected) {
        this.pattern = Pattern.compile(regex);
        this.expected = expected;
    }

    String check(String kind, String value) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new InvalidNameException(kind, value, expected);
        }
        return value;
    }
}
