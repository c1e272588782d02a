package dev.slipway.rollout.kubernetes.real;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The images the real-cluster tests and benchmarks roll to, built FROM scratch around Debian's static busybox with the test
 * engine ({@code SLIPWAY_DOCKER_HOST}) and imported into every node's containerd: {@code serve} answers HTTP on
 * 8080, {@code crash} logs the story's Prisma error and exits 1, {@code hang} never listens. A run names them as its
 * own workload's versions with {@code ctr images tag}, so every run rolls a fresh reference.
 */
final class ClusterImages {
    static final List<String> MODES = List.of("serve", "crash", "hang");

    private ClusterImages() {}

    static String ref(String mode) {
        return "localhost/slipway-test-" + mode + ":1";
    }

    static void buildAndImport(RealCluster cluster, Path work) throws IOException {
        String engine = System.getenv("SLIPWAY_DOCKER_HOST");
        if (engine == null || engine.isBlank()) {
            throw new IllegalStateException("SLIPWAY_DOCKER_HOST is not set: start an engine with scripts/engines.sh start and "
                    + "eval \"$(scripts/engines.sh env)\"");
        }
        Path context = Files.createDirectories(work.resolve("cluster-image"));
        Files.copy(Path.of(System.getenv().getOrDefault("SLIPWAY_BUSYBOX", "/bin/busybox")), context.resolve("busybox"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(context.resolve("Dockerfile"), """
                FROM scratch
                COPY busybox /bin/busybox
                ARG MODE=serve
                ENV MODE=$MODE
                CMD ["/bin/busybox", "sh", "-c", "trap 'exit 0' TERM; if [ \\"$MODE\\" = crash ]; then echo starting; echo 'Error: @prisma/client did not initialize yet'; exit 1; fi; if [ \\"$MODE\\" = hang ]; then while true; do /bin/busybox sleep 1; done; fi; /bin/busybox mkdir -p /www; echo ok > /www/index.html; /bin/busybox httpd -f -p 8080 -h /www & wait"]
                """);
        for (String mode : MODES) {
            RealCluster.run(List.of("docker", "-H", engine, "build", "-q", "--build-arg", "MODE=" + mode, "-t", ref(mode),
                    context.toString()), Duration.ofMinutes(2));
        }
        Path archive = work.resolve("cluster-images.tar");
        RealCluster.run(List.of("docker", "-H", engine, "save", "-o", archive.toString(), ref("serve"), ref("crash"), ref("hang")),
                Duration.ofMinutes(2));
        for (int i = 1; i <= cluster.nodes; i++) {
            RealCluster.run(List.of("ctr", "-a", cluster.containerd(i), "-n", "k8s.io", "images", "import", archive.toString()),
                    Duration.ofMinutes(2));
        }
    }
}
