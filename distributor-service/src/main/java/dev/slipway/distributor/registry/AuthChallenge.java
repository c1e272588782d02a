package dev.slipway.distributor.registry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry's {@code WWW-Authenticate} answer: {@code Basic realm="..."} or
 * {@code Bearer realm="https://auth/token",service="registry",scope="repository:app:pull"}.
 */
record AuthChallenge(String scheme, Map<String, String> params) {
    private static final Pattern PARAM = Pattern.compile("([A-Za-z_-]+)=(?:\"([^\"]*)\"|([^,\\s]*))");

    AuthChallenge {
        params = Map.copyOf(params);
    }

    static Optional<AuthChallenge> parse(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        int space = value.indexOf(' ');
        String scheme = (space < 0 ? value : value.substring(0, space)).toLowerCase(Locale.ROOT);
        Map<String, String> params = new LinkedHashMap<>();
        if (space >= 0) {
            Matcher matcher = PARAM.matcher(value.substring(space + 1));
            while (matcher.find()) {
                params.put(matcher.group(1).toLowerCase(Locale.ROOT),
                        matcher.group(2) != null ? matcher.group(2) : matcher.group(3));
            }
        }
        return Optional.of(new AuthChallenge(scheme, params));
    }

    boolean basic() {
        return "basic".equals(scheme);
    }

    boolean bearer() {
        return "bearer".equals(scheme);
    }

    Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }
}
