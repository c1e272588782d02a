package dev.slipway.distributor.ssh;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A validated SSH address {@code user@host[:port]}: a POSIX user name, a host name or IPv4 address (or an
 * IPv6 address in brackets) and a port (default 22). Construction fails with {@link IllegalArgumentException}
 * for anything else, so no shell or SSH option syntax can arrive through it.
 */
public record SshAddress(String user, String host, int port) {
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    private static final Pattern HOST = Pattern.compile(
            "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\\[[0-9A-Fa-f:.]{2,45}]");
    private static final Pattern ADDRESS = Pattern.compile("([^@]+)@(\\[[^]]*]|[^:]+)(?::([0-9]{1,5}))?");
    static final String EXPECTED = "expected user@host or user@host:port, e.g. root@10.0.0.5:22";

    public SshAddress {
        if (user == null || !USER.matcher(user).matches()) {
            throw new IllegalArgumentException("SSH user '" + user + "' is not valid: " + EXPECTED);
        }
        if (host == null || !HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("SSH host '" + host + "' is not valid: " + EXPECTED);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SSH port " + port + " is not valid: 1-65535");
        }
    }

    public static SshAddress parse(String value) {
        Matcher matcher = value == null ? null : ADDRESS.matcher(value.strip());
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException("SSH address '" + value + "' is not valid: " + EXPECTED);
        }
        int port = matcher.group(3) == null ? 22 : Integer.parseInt(matcher.group(3));
        return new SshAddress(matcher.group(1), matcher.group(2), port);
    }

    /** The host without IPv6 brackets, to connect to. */
    public String connectHost() {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port;
    }
}
