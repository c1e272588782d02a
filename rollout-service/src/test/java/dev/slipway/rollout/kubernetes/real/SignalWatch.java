package dev.slipway.rollout.kubernetes.real;

import dev.slipway.rollout.decision.Observed;
import dev.slipway.kubernetes.RolloutStatus;
import dev.slipway.rollout.decision.PodFailures;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The benchmark's own eyes on the cluster, separate from the rollout's: informers on a namespace's pods, its
 * FailedScheduling events and its Deployments. When a watch event arrives, each awaited workload is judged; the
 * {@link System#nanoTime()} of the first event that shows its failure signal (a pod at the new image in the awaited
 * state, or the Deployment's ProgressDeadlineExceeded) is kept. That is "the moment the pod's status first shows
 * the signal", as seen by a watcher in the same process as the stage.
 */
final class SignalWatch implements AutoCloseable {
    private record Awaited(String image, String reason) {}

    private final SharedIndexInformer<Pod> pods;
    private final SharedIndexInformer<Event> events;
    private final SharedIndexInformer<Deployment> deployments;
    private final Map<String, Awaited> awaited = new ConcurrentHashMap<>();
    private final Map<String, Long> seen = new ConcurrentHashMap<>();

    SignalWatch(KubernetesClient client, String namespace) {
        ResourceEventHandler<Object> handler = new ResourceEventHandler<>() {
            @Override
            public void onAdd(Object obj) {
                judge();
            }

            @Override
            public void onUpdate(Object oldObj, Object newObj) {
                judge();
            }

            @Override
            public void onDelete(Object obj, boolean deletedFinalStateUnknown) {}
        };
        pods = client.pods().inNamespace(namespace).inform(cast(handler));
        events = client.v1().events().inNamespace(namespace).withField("reason", "FailedScheduling").inform(cast(handler));
        deployments = client.apps().deployments().inNamespace(namespace).inform(cast(handler));
    }

    @SuppressWarnings("unchecked")
    private static <T> ResourceEventHandler<T> cast(ResourceEventHandler<Object> handler) {
        return (ResourceEventHandler<T>) (ResourceEventHandler<?>) handler;
    }

    /** Starts looking for {@code reason} (a regular expression) on the pods of workload {@code name} at {@code image}. */
    void await(String name, String image, String reason) {
        seen.remove(name);
        awaited.put(name, new Awaited(image, reason));
        judge();
    }

    /** When the signal was first seen, waiting up to {@code timeout} for it. */
    long seenAt(String name, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            Long at = seen.get(name);
            if (at != null) {
                awaited.remove(name);
                return at;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no " + awaited.get(name) + " seen for " + name + " within " + timeout);
    }

    private synchronized void judge() {
        long now = System.nanoTime();
        if (awaited.isEmpty()) {
            return;
        }
        List<Pod> allPods = pods == null ? List.of() : pods.getStore().list();
        List<Event> allEvents = events == null ? List.of() : events.getStore().list();
        awaited.forEach((name, wanted) -> {
            if (seen.containsKey(name)) {
                return;
            }
            if ("ProgressDeadlineExceeded".equals(wanted.reason())) {
                if (deployments != null && deployments.getStore().list().stream().filter(d -> name.equals(d.getMetadata().getName()))
                        .anyMatch(d -> RolloutStatus.progressDeadlineExceeded(Observed.workload(d)).isPresent())) {
                    seen.put(name, now);
                }
                return;
            }
            boolean shows = allPods.stream()
                    .filter(p -> name.equals(p.getMetadata().getLabels() == null ? null : p.getMetadata().getLabels().get("app")))
                    .filter(p -> p.getSpec().getContainers().stream().anyMatch(c -> wanted.image().equals(c.getImage())))
                    .map(p -> PodFailures.of(Observed.pod(p), Observed.events(allEvents)))
                    .anyMatch(f -> f.isPresent() && f.get().reason().matches(wanted.reason()));
            if (shows) {
                seen.put(name, now);
            }
        });
    }

    @Override
    public void close() {
        for (SharedIndexInformer<?> informer : new SharedIndexInformer<?>[] {pods, events, deployments}) {
            if (informer != null) {
                informer.stop();
            }
        }
    }
}
