package dev.slipway.verifier.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.slipway.events.names.ContainerName;
import dev.slipway.events.names.ImageId;
import dev.slipway.events.names.NodeName;
import dev.slipway.verifier.decision.ContainerObservation;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@link ContainerInspector} with docker-java: {@code docker inspect <container>} on each node's engine. */
@Singleton
public class DockerContainerInspector implements ContainerInspector {
    private final NodeEngines engines;

    @Inject
    public DockerContainerInspector(NodeEngines engines) {
        this.engines = engines;
    }

    @Override
    public List<ContainerObservation> inspectOnEveryNode(ContainerName container) {
        List<ContainerObservation> seen = new ArrayList<>();
        for (Map.Entry<NodeName, DockerClient> node : engines.clients().entrySet()) {
            seen.add(inspect(node.getKey(), node.getValue(), container));
        }
        return seen;
    }

    @Override
    public String whyNoNode() {
        return engines.whyNoDockerNode();
    }

    static ContainerObservation inspect(NodeName node, DockerClient engine, ContainerName container) {
        InspectContainerResponse found;
        try {
            found = engine.inspectContainerCmd(container.value()).exec();
        } catch (NotFoundException e) {
            return ContainerObservation.absent(node);
        } catch (RuntimeException e) {
            return ContainerObservation.unreachable(node, "engine error: " + rootMessage(e));
        }
        InspectContainerResponse.ContainerState state = found.getState();
        String status = state == null || state.getStatus() == null ? "unknown" : state.getStatus();
        String health = state == null || state.getHealth() == null ? null : state.getHealth().getStatus();
        ImageId image = found.getImageId() == null ? null : ImageId.of(found.getImageId());
        return new ContainerObservation(node, status, image, health, detail(status, state, found));
    }

    private static String detail(String status, InspectContainerResponse.ContainerState state,
            InspectContainerResponse found) {
        List<String> details = new ArrayList<>();
        if (state != null && !"running".equals(status) && state.getExitCodeLong() != null) {
            details.add("exit code " + state.getExitCodeLong());
        }
        if (state != null && state.getError() != null && !state.getError().isBlank()) {
            details.add(state.getError());
        }
        if (found.getRestartCount() != null && found.getRestartCount() > 0) {
            details.add("restarted " + found.getRestartCount() + " times");
        }
        return details.isEmpty() ? null : String.join(", ", details);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
