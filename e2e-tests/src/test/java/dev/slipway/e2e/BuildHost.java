package dev.slipway.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The build host of {@code scripts/build-host.sh}: a dockerd listening with TLS on the cluster's bridge, reachable
 * from every pod, and the folder of the client certificate (ca.pem, cert.pem, key.pem) Slipway's pods present.
 */
record BuildHost(String address, Path clientCertificates) {
    static final List<String> CERTIFICATE_FILES = List.of("ca.pem", "cert.pem", "key.pem");

    static BuildHost fromEnvironment() {
        String address = System.getenv("SLIPWAY_BUILD_HOST");
        String certificates = System.getenv("SLIPWAY_BUILD_HOST_CERTS");
        if (address == null || address.isBlank() || certificates == null || certificates.isBlank()) {
            throw new IllegalStateException("SLIPWAY_BUILD_HOST is not set: start the build host the deployed builder "
                    + "reaches over TLS with `scripts/build-host.sh start` and `eval \"$(scripts/build-host.sh env)\"` "
                    + "(after scripts/cluster.sh start), or run scripts/test.sh, which does both");
        }
        Path folder = Path.of(certificates);
        for (String file : CERTIFICATE_FILES) {
            if (!Files.isReadable(folder.resolve(file))) {
                throw new IllegalStateException("SLIPWAY_BUILD_HOST_CERTS=" + folder + " holds no readable " + file
                        + ": scripts/build-host.sh start makes the client certificate there");
            }
        }
        return new BuildHost(address, folder);
    }
}
