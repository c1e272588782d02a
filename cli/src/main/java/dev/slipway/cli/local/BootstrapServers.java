package dev.slipway.cli.local;

import java.util.List;
import java.util.regex.Pattern;

/** A Kafka bootstrap address given on the command line: one or more {@code host:port}, comma-separated. */
public record BootstrapServers(String value) {
    private static final Pattern HOST_PORT = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}\\]):([0-9]{1,5})");

    public BootstrapServers {
        List<String> servers = value == null ? List.of() : List.of(value.split(",", -1));
        if (servers.isEmpty() || !servers.stream().allMatch(BootstrapServers::isHostPort)) {
            throw new LocalPipelineException("--bootstrap-servers '" + value + "' is not a Kafka address such as "
                    + "kafka:9092 or 10.0.0.5:9092,10.0.0.6:9092 (host:port, comma-separated)");
        }
    }

    private static boolean isHostPort(String server) {
        var matcher = HOST_PORT.matcher(server);
        if (!matcher.matches()) {
            return false;
        }
        int port = Integer.parseInt(matcher.group(1));
        return port >= 1 && port <= 65535;
    }

    @Override
    public String toString() {
        return value;
    }
}
