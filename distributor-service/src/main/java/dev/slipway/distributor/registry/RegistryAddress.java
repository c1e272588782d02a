package dev.slipway.distributor.registry;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a registry is reached: {@code host[:port]} as image references name it (e.g. {@code 127.0.0.1:5000},
 * {@code registry.example.com}) and whether its API is spoken over plain HTTP. Plain HTTP is used for
 * loopback hosts (as dockerd treats 127.0.0.0/8 as an insecure registry) and when the configuration says
 * {@code http://}; everything else is HTTPS.
 */
public record RegistryAddress(String hostPort, boolean plainHttp) {
    /** The same shape the image-distributed schema accepts for {@code registry.registry}. */
    private static final Pattern HOST_PORT = Pattern.compile(
            "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(:[0-9]{1,5})?");

    public RegistryAddress {
        if (hostPort == null || !HOST_PORT.matcher(hostPort).matches()) {
            throw new IllegalArgumentException("registry address '" + hostPort + "' is not valid: expected host[:port], "
                    + "e.g. 127.0.0.1:5000 or registry.example.com (optionally with http:// or https://)");
        }
        int colon = hostPort.indexOf(':');
        if (colon >= 0) {
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("registry address '" + hostPort + "' is not valid: port " + port
                        + " is not 1-65535");
            }
        }
    }

    /**
     * Parses {@code host[:port]}, {@code http://host[:port]} or {@code https://host[:port]} (a trailing
     * {@code /} is allowed; a path is not).
     */
    public static RegistryAddress parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("registry address is empty: expected host[:port], e.g. 127.0.0.1:5000");
        }
        String value = url.strip();
        Boolean plain = null;
        if (value.startsWith("http://")) {
            plain = true;
            value = value.substring("http://".length());
        } else if (value.startsWith("https://")) {
            plain = false;
            value = value.substring("https://".length());
        }
        if (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        String host = value.contains(":") ? value.substring(0, value.indexOf(':')) : value;
        return new RegistryAddress(value, plain != null ? plain : loopback(host));
    }

    /** The host part, without the port. */
    public String host() {
        int colon = hostPort.indexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    /** The registry API address of {@code path} (which starts with {@code /v2/}). */
    URI api(String path) {
        return URI.create((plainHttp ? "http://" : "https://") + hostPort + path);
    }

    private static boolean loopback(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.equals("localhost") || lower.matches("127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}");
    }

    @Override
    public String toString() {
        return hostPort;
    }
}
