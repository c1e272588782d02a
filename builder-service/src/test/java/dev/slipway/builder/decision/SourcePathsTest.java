package dev.slipway.builder.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.builder.decision.SourceResolution.Refused;
import dev.slipway.builder.decision.SourceResolution.Resolved;
import dev.slipway.events.plan.BuildSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcePathsTest {
    @TempDir
    Path temp;
    Path root;
    Path outside;

    @BeforeEach
    void monorepo() throws IOException {
        root = Files.createDirectories(temp.resolve("monorepo")).toRealPath();
        Files.createDirectories(root.resolve("services/api"));
        Files.writeString(root.resolve("services/api/Dockerfile"), "FROM scratch\n");
        Files.writeString(root.resolve("Dockerfile.shared"), "FROM scratch\n");
        outside = Files.createDirectories(temp.resolve("outside")).toRealPath();
        Files.writeString(outside.resolve("Dockerfile"), "FROM scratch\n");
    }

    @Test
    void resolvesAContextAndDockerfileInsideTheSourceRoot() {
        SourceResolution resolution = resolve("services/api", "Dockerfile");

        assertThat(resolution).isEqualTo(new Resolved(
                new BuildSource(root.resolve("services/api"), root.resolve("services/api/Dockerfile"))));
    }

    @Test
    void acceptsTheSourceRootItselfAndDotDotThatStaysInside() {
        assertThat(resolve(".", "services/api/Dockerfile")).isInstanceOf(Resolved.class);
        assertThat(resolve("services/../services/api", "./Dockerfile"))
                .isEqualTo(new Resolved(new BuildSource(root.resolve("services/api"), root.resolve("services/api/Dockerfile"))));
    }

    @Test
    void refusesAContextThatClimbsOutOfTheSourceRoot() {
        String reason = refusal("../outside", "Dockerfile");

        assertThat(reason).contains("build context '../outside'", outside.toString(), "outside the source root " + root);
    }

    @Test
    void refusesAnAbsoluteContext() {
        String reason = refusal(outside.toString(), "Dockerfile");

        assertThat(reason).contains("build context '" + outside + "' is an absolute path", root.toString());
    }

    @Test
    void refusesAContextThatIsASymbolicLinkLeavingTheSourceRoot() throws IOException {
        Files.createSymbolicLink(root.resolve("services/escape"), outside);

        String reason = refusal("services/escape", "Dockerfile");

        assertThat(reason).contains("build context 'services/escape' resolves through a symbolic link to " + outside,
                "outside the source root " + root);
    }

    @Test
    void refusesADockerfileThatClimbsOutOfTheSourceRoot() {
        String reason = refusal("services/api", "../../../outside/Dockerfile");

        assertThat(reason).contains("Dockerfile '../../../outside/Dockerfile' resolves to " + outside.resolve("Dockerfile"),
                "outside the source root " + root);
    }

    @Test
    void refusesADockerfileThatIsASymbolicLinkLeavingTheSourceRoot() throws IOException {
        Files.createSymbolicLink(root.resolve("services/api/Linked.Dockerfile"), outside.resolve("Dockerfile"));

        String reason = refusal("services/api", "Linked.Dockerfile");

        assertThat(reason).contains("Dockerfile 'Linked.Dockerfile' resolves through a symbolic link to "
                + outside.resolve("Dockerfile"), "outside the source root " + root);
    }

    @Test
    void refusesAnAbsoluteDockerfile() {
        String reason = refusal("services/api", "/etc/passwd");

        assertThat(reason).contains("Dockerfile '/etc/passwd' is an absolute path");
    }

    @Test
    void refusesADockerfileOutsideTheContextEvenInsideTheSourceRoot() {
        String reason = refusal("services/api", "../../Dockerfile.shared");

        assertThat(reason).contains("outside the build context " + root.resolve("services/api"));
    }

    @Test
    void reportsAMissingContextWithWhereItLooked() {
        String reason = refusal("services/web", "Dockerfile");

        assertThat(reason).contains("build context 'services/web' does not exist", root.resolve("services/web").toString(),
                "check build.context");
    }

    @Test
    void reportsAMissingDockerfileWithWhereItLooked() {
        String reason = refusal("services/api", "Dockerfile.prod");

        assertThat(reason).contains("Dockerfile 'Dockerfile.prod' does not exist",
                root.resolve("services/api/Dockerfile.prod").toString(), "check build.dockerfile");
    }

    @Test
    void reportsASourceRootThatDoesNotExist() {
        SourceResolution resolution = SourcePaths.resolve(temp.resolve("nowhere"), spec("services/api", "Dockerfile"));

        assertThat(((Refused) resolution).reason()).contains(temp.resolve("nowhere").toString(),
                "slipway.builder.source-root", "does not exist");
    }

    private SourceResolution resolve(String context, String dockerfile) {
        return SourcePaths.resolve(root, spec(context, dockerfile));
    }

    private String refusal(String context, String dockerfile) {
        SourceResolution resolution = resolve(context, dockerfile);
        assertThat(resolution).isInstanceOf(Refused.class);
        return ((Refused) resolution).reason();
    }

    private static BuildSpec spec(String context, String dockerfile) {
        return new BuildSpec(context, dockerfile, Map.of());
    }
}
