package dev.slipway.events.plan;

/** A published port, as in {@code docker run -p hostIp:hostPort:containerPort}. */
public record PortBinding(String hostIp, int hostPort, int containerPort) {
    public PortBinding {
        hostIp = hostIp == null ? "0.0.0.0" : hostIp;
        if (!hostIp.matches("(\\d{1,3}\\.){3}\\d{1,3}")) {
            throw new IllegalArgumentException("port binding host address '" + hostIp + "' is not an IPv4 address");
        }
        checkPort("host port", hostPort);
        checkPort("container port", containerPort);
    }

    private static void checkPort(String what, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(what + " " + port + " is not between 1 and 65535");
        }
    }
}
