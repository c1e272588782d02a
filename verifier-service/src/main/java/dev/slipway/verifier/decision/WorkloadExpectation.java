package dev.slipway.verifier.decision;

import dev.slipway.events.CheckResult;
import dev.slipway.events.BuiltImage;
import dev.slipway.events.plan.KubernetesRuntime;
import dev.slipway.kubernetes.observed.ObservedPod;
import dev.slipway.kubernetes.observed.ObservedWorkload.TemplateContainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Whether the service's Deployment or StatefulSet is rolled out (kubectl's rollout-status predicate), every
 * replica ready, and its container at the release's image in the pod template and in every pod: by name
 * ({@code ref}, or {@code ref@digest} when it came from a registry) and by content, the image the kubelet
 * reports each started container runs ({@code imageID}, see {@link RunningImage}) being the release's.
 */
public final class WorkloadExpectation {
    public static final String KIND = "workload";
    static final int PODS_SHOWN = 5;

    private WorkloadExpectation() {}

    public static String expected(KubernetesRuntime runtime, BuiltImage image) {
        return describe(runtime) + " rolled out with every replica ready, container " + runtime.container() + " at "
                + (image == null ? "the release's image (none: the rollout has no image for this service)" : image.reference());
    }

    public static CheckResult result(String name, KubernetesRuntime runtime, BuiltImage image, Optional<WorkloadState> state,
            List<ObservedPod> pods) {
        String expected = expected(runtime, image);
        if (state.isEmpty()) {
            return new CheckResult(name, KIND, expected, describe(runtime) + " not found", false);
        }
        WorkloadState workload = state.get();
        List<String> problems = new ArrayList<>();
        Optional<TemplateContainer> container = workload.container(runtime.container());
        if (container.isEmpty()) {
            problems.add("pod template has no container " + runtime.container() + " (it has " + workload.containerNames() + ")");
        } else if (image != null && !ImageNames.same(image.reference(), container.get().image())) {
            problems.add("pod template at " + container.get().image());
        }
        Map<String, Integer> otherImages = new TreeMap<>();
        List<ObservedPod> live = pods.stream().filter(pod -> !pod.terminating()).toList();
        Map<String, Integer> otherContent = new TreeMap<>();
        for (ObservedPod pod : live) {
            String podImage = imageOf(pod, runtime);
            if (image != null && !ImageNames.same(image.reference(), podImage)) {
                otherImages.merge(podImage == null ? "no container " + runtime.container() : podImage, 1, Integer::sum);
            } else if (image != null) {
                RunningImage.of(pod, runtime.container().value()).filter(running -> !running.is(image))
                        .ifPresent(running -> otherContent.merge(running.imageId(), 1, Integer::sum));
            }
        }
        otherImages.forEach((other, count) -> problems.add(count + (count == 1 ? " pod at " : " pods at ") + other));
        otherContent.forEach((other, count) -> problems.add(count + (count == 1 ? " pod runs " : " pods run ") + other
                + " under that name, not the release's image " + RunningImage.expected(image)));
        workload.pending().ifPresent(pending -> problems.add("rollout: " + pending));
        List<String> notReady = live.stream().filter(pod -> !PodStates.runningAndReady(pod))
                .map(pod -> pod.name() + " (" + PodStates.whyNotRunning(pod) + ")").toList();
        if (!notReady.isEmpty()) {
            problems.add("not ready: " + shortList(notReady));
        }
        boolean passes = image != null && problems.isEmpty() && workload.ready() >= workload.desired();
        String counts = workload.ready() + "/" + workload.desired() + " ready";
        String observed = problems.isEmpty() && image != null ? counts + " at " + image.reference()
                : counts + (problems.isEmpty() ? "" : "; " + String.join("; ", problems));
        return new CheckResult(name, KIND, expected, observed, passes);
    }

    /** "Deployment backend-mainnet/svc-tax". */
    public static String describe(KubernetesRuntime runtime) {
        return runtime.kind().kubernetesKind() + " " + runtime.namespace() + "/" + runtime.name();
    }

    static String shortList(List<String> items) {
        String shown = items.stream().limit(PODS_SHOWN).collect(Collectors.joining(", "));
        return items.size() > PODS_SHOWN ? shown + " and " + (items.size() - PODS_SHOWN) + " more" : shown;
    }

    private static String imageOf(ObservedPod pod, KubernetesRuntime runtime) {
        return pod.containers().stream().filter(c -> runtime.container().value().equals(c.name()))
                .map(ObservedPod.Container::image).findFirst().orElse(null);
    }
}
