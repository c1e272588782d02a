package dev.slipway.rollout.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.HealthState;
import com.github.dockerjava.api.command.HealthStateLog;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import dev.slipway.events.Labels;
import dev.slipway.rollout.decision.AppliedRelease;
import dev.slipway.events.names.ContainerName;
import dev.slipway.events.names.ImageId;
import dev.slipway.rollout.decision.ContainerSpec;
import dev.slipway.rollout.decision.ContainerState;
import dev.slipway.rollout.decision.ContainerStatus;
import dev.slipway.rollout.decision.ExistingContainer;
import dev.slipway.rollout.decision.Health;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** {@link NodeContainers} on one Docker engine, through docker-java. */
public final class DockerNodeContainers implements NodeContainers {
    private static final Duration LOG_READ_TIMEOUT = Duration.ofSeconds(10);
    private final DockerClient docker;

    public DockerNodeContainers(DockerClient docker) {
        this.docker = docker;
    }

    @Override
    public Optional<ExistingContainer> find(ContainerName name) {
        InspectContainerResponse inspected;
        try {
            inspected = docker.inspectContainerCmd(name.value()).exec();
        } catch (NotFoundException e) {
            return Optional.empty();
        }
        // the engine also resolves id prefixes: only a container with exactly this name counts
        if (!("/" + name.value()).equals(inspected.getName())) {
            return Optional.empty();
        }
        Map<String, String> labels = inspected.getConfig() == null || inspected.getConfig().getLabels() == null ? Map.of()
                : inspected.getConfig().getLabels();
        return Optional.of(new ExistingContainer(inspected.getId(), name, inspected.getImageId(), labels.get(Labels.RELEASE_ID),
                stateOf(inspected)));
    }

    /** The release container {@code name} was created by, from its labels; empty without it or without the labels. */
    public Optional<AppliedRelease> appliedRelease(ContainerName name, String where) {
        InspectContainerResponse inspected;
        try {
            inspected = docker.inspectContainerCmd(name.value()).exec();
        } catch (NotFoundException e) {
            return Optional.empty();
        }
        if (!("/" + name.value()).equals(inspected.getName()) || inspected.getConfig() == null
                || inspected.getConfig().getLabels() == null) {
            return Optional.empty();
        }
        Map<String, String> labels = inspected.getConfig().getLabels();
        return AppliedRelease.of(labels.get(Labels.RELEASE_ID), labels.get(Labels.REQUESTED_AT), where);
    }

    @Override
    public Optional<ContainerState> state(String containerId) {
        try {
            return Optional.of(stateOf(docker.inspectContainerCmd(containerId).exec()));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean hasImage(ImageId image) {
        try {
            return image.value().equals(docker.inspectImageCmd(image.value()).exec().getId());
        } catch (NotFoundException e) {
            return false;
        }
    }

    @Override
    public String create(ContainerSpec spec) {
        List<PortBinding> bindings = spec.ports().stream()
                .map(p -> new PortBinding(Ports.Binding.bindIpAndPort(p.hostIp(), p.hostPort()), ExposedPort.tcp(p.containerPort())))
                .toList();
        List<ExposedPort> exposed = spec.ports().stream().map(p -> ExposedPort.tcp(p.containerPort())).distinct().toList();
        List<String> env = spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList();
        HostConfig host = HostConfig.newHostConfig()
                .withPortBindings(bindings)
                .withRestartPolicy(RestartPolicy.noRestart());
        return docker.createContainerCmd(spec.image().value())
                .withName(spec.name().value())
                .withEnv(env)
                .withLabels(spec.labels())
                .withExposedPorts(exposed)
                .withHostConfig(host)
                .exec()
                .getId();
    }

    @Override
    public void start(String containerId) {
        try {
            docker.startContainerCmd(containerId).exec();
        } catch (NotModifiedException e) {
            // already running
        }
    }

    @Override
    public void stop(String containerId, Duration timeout) {
        try {
            docker.stopContainerCmd(containerId).withTimeout((int) Math.max(0, timeout.toSeconds())).exec();
        } catch (NotModifiedException e) {
            // already stopped
        }
    }

    @Override
    public void rename(String containerId, ContainerName name) {
        docker.renameContainerCmd(containerId).withName(name.value()).exec();
    }

    @Override
    public void remove(String containerId) {
        try {
            docker.removeContainerCmd(containerId).withForce(true).exec();
        } catch (NotFoundException e) {
            // already gone
        }
    }

    @Override
    public List<String> lastLogLines(String containerId, int count) {
        StringBuilder text = new StringBuilder();
        ResultCallback.Adapter<Frame> collect = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                synchronized (text) {
                    text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
            }
        };
        try {
            docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTail(count).exec(collect)
                    .awaitCompletion(LOG_READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (NotFoundException e) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        synchronized (text) {
            Arrays.stream(text.toString().split("\\r?\\n")).filter(l -> !l.isBlank()).forEach(lines::add);
        }
        return lines.size() <= count ? lines : lines.subList(lines.size() - count, lines.size());
    }

    @Override
    public void restartUnlessStopped(String containerId) {
        docker.updateContainerCmd(containerId).withRestartPolicy(RestartPolicy.unlessStoppedRestart()).exec();
    }

    static ContainerState stateOf(InspectContainerResponse inspected) {
        InspectContainerResponse.ContainerState state = inspected.getState();
        HealthState health = state.getHealth();
        String healthOutput = null;
        if (health != null && health.getLog() != null && !health.getLog().isEmpty()) {
            HealthStateLog last = health.getLog().get(health.getLog().size() - 1);
            healthOutput = last.getOutput();
        }
        Integer restarts = inspected.getRestartCount();
        Long exitCode = state.getExitCodeLong();
        return new ContainerState(ContainerStatus.of(state.getStatus()), exitCode == null ? 0 : exitCode.intValue(),
                time(state.getStartedAt()), time(state.getFinishedAt()), restarts == null ? 0 : restarts,
                Boolean.TRUE.equals(state.getOOMKilled()), Health.of(health == null ? null : health.getStatus()),
                healthOutput, state.getError());
    }

    /** Engine timestamps; the engine writes year 1 for "never". */
    private static Instant time(String engineTime) {
        if (engineTime == null || engineTime.isBlank() || engineTime.startsWith("0001-")) {
            return null;
        }
        try {
            return Instant.parse(engineTime);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
