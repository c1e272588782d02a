package dev.slipway.rollout.kubernetes;

import dev.slipway.events.names.KubeName;
import dev.slipway.kubernetes.KubernetesClients;
import dev.slipway.events.plan.WorkloadKind;
import dev.slipway.rollout.decision.WorkloadRef;
import dev.slipway.rollout.decision.WorkloadSnapshot;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.utils.HttpClientUtils;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link ClusterWorkloads} over fabric8. Writes are JSON Patches (never strategic merge or
 * server-side apply); waiting is driven by informers (list + watch, re-listing after a broken watch),
 * never by polling.
 */
public final class Fabric8ClusterWorkloads implements ClusterWorkloads, AutoCloseable {
    /** How long a diagnosis may wait for a crashed container's log before it goes without it. */
    public static final Duration LOG_READ_TIMEOUT = Duration.ofSeconds(3);

    private final KubernetesClient client;
    private final KubernetesClient logs;

    /** On {@code client}; the log client gets fabric8's default HTTP client factory (a Vert.x of its own). */
    public Fabric8ClusterWorkloads(KubernetesClient client) {
        this(client, HttpClientUtils.getHttpClientFactory());
    }

    /** On {@code client}; the log client's HTTP connections from {@code http} (the service's Vert.x). */
    public Fabric8ClusterWorkloads(KubernetesClient client, HttpClient.Factory http) {
        this.client = client;
        this.logs = KubernetesClients.quickReads(client, LOG_READ_TIMEOUT, http);
    }

    /** Closes the log client this made; the main client belongs to the caller. */
    @Override
    public void close() {
        logs.close();
    }

    private Resource<? extends HasMetadata> resource(WorkloadRef workload) {
        if (workload.kind() == WorkloadKind.STATEFUL_SET) {
            return client.apps().statefulSets().inNamespace(workload.namespace().value()).withName(workload.name().value());
        }
        return client.apps().deployments().inNamespace(workload.namespace().value()).withName(workload.name().value());
    }

    @Override
    public Optional<HasMetadata> read(WorkloadRef workload) {
        return Optional.ofNullable(resource(workload).get());
    }

    @Override
    public HasMetadata patch(WorkloadRef workload, String jsonPatch) {
        return resource(workload).patch(PatchContext.of(PatchType.JSON), jsonPatch);
    }

    @Override
    public List<ReplicaSet> replicaSets(WorkloadRef workload, LabelSelector selector) {
        return client.apps().replicaSets().inNamespace(workload.namespace().value()).withLabelSelector(selector).list()
                .getItems();
    }

    @Override
    public List<String> lastLogLines(KubeName namespace, String pod, String container, boolean previous, int lines) {
        PodResource resource = logs.pods().inNamespace(namespace.value()).withName(pod);
        String log = previous ? resource.inContainer(container).terminated().tailingLines(lines).getLog()
                : resource.inContainer(container).tailingLines(lines).getLog();
        if (log == null || log.isEmpty()) {
            return List.of();
        }
        List<String> all = log.lines().toList();
        return all.subList(Math.max(0, all.size() - lines), all.size());
    }

    @Override
    public void deletePod(KubeName namespace, String pod) {
        client.pods().inNamespace(namespace.value()).withName(pod).delete();
    }

    @Override
    public Optional<Lease> readLease(KubeName namespace, String name) {
        return Optional.ofNullable(client.leases().inNamespace(namespace.value()).withName(name).get());
    }

    @Override
    public Lease createLease(Lease lease) {
        return client.leases().inNamespace(lease.getMetadata().getNamespace()).resource(lease).create();
    }

    /** A PUT carrying the Lease's resourceVersion (fabric8's update() sends it as is when set): 409 when stale. */
    @Override
    public Lease updateLease(Lease lease) {
        if (lease.getMetadata().getResourceVersion() == null) {
            throw new IllegalArgumentException("the Lease to update carries no resourceVersion");
        }
        return client.leases().inNamespace(lease.getMetadata().getNamespace()).resource(lease).update();
    }

    /** A DELETE with the precondition resourceVersion = the Lease's. */
    @Override
    public void deleteLease(Lease lease) {
        client.leases().inNamespace(lease.getMetadata().getNamespace()).withName(lease.getMetadata().getName())
                .lockResourceVersion(lease.getMetadata().getResourceVersion()).delete();
    }

    @Override
    public WorkloadWatch watch(WorkloadRef workload, LabelSelector podSelector) {
        InformerWatch watch = new InformerWatch();
        try {
            String namespace = workload.namespace().value();
            if (workload.kind() == WorkloadKind.STATEFUL_SET) {
                watch.workload = client.apps().statefulSets().inNamespace(namespace).withName(workload.name().value())
                        .inform(watch.handler());
            } else {
                watch.workload = client.apps().deployments().inNamespace(namespace).withName(workload.name().value())
                        .inform(watch.handler());
                watch.replicaSets = client.apps().replicaSets().inNamespace(namespace).withLabelSelector(podSelector)
                        .inform(watch.handler());
            }
            watch.pods = client.pods().inNamespace(namespace).withLabelSelector(podSelector).inform(watch.handler());
            watch.events = client.v1().events().inNamespace(namespace).withField("reason", "FailedScheduling")
                    .inform(watch.handler());
            watch.nodes = client.nodes().inform(watch.handler());
            return watch;
        } catch (RuntimeException e) {
            watch.close();
            throw e;
        }
    }

    /** Informers on the workload, its ReplicaSets, its pods, the namespace's FailedScheduling events and the nodes. */
    private static final class InformerWatch implements WorkloadWatch {
        private final Object lock = new Object();
        private long version;
        SharedIndexInformer<? extends HasMetadata> workload;
        SharedIndexInformer<ReplicaSet> replicaSets;
        SharedIndexInformer<Pod> pods;
        SharedIndexInformer<Event> events;
        SharedIndexInformer<Node> nodes;

        <T> ResourceEventHandler<T> handler() {
            return new ResourceEventHandler<>() {
                @Override
                public void onAdd(T obj) {
                    changed();
                }

                @Override
                public void onUpdate(T oldObj, T newObj) {
                    changed();
                }

                @Override
                public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                    changed();
                }
            };
        }

        private void changed() {
            synchronized (lock) {
                version++;
                lock.notifyAll();
            }
        }

        @Override
        public long version() {
            synchronized (lock) {
                return version;
            }
        }

        @Override
        public WorkloadSnapshot snapshot() {
            List<? extends HasMetadata> workloads = workload.getStore().list();
            return new WorkloadSnapshot(workloads.isEmpty() ? null : workloads.get(0), pods.getStore().list(),
                    replicaSets == null ? List.of() : replicaSets.getStore().list(),
                    events.getStore().list().stream().filter(e -> "FailedScheduling".equals(e.getReason())).toList(),
                    nodes.getStore().list());
        }

        @Override
        public void awaitChange(long seen, Duration timeout) throws InterruptedException {
            long until = System.nanoTime() + timeout.toNanos();
            synchronized (lock) {
                while (version <= seen) {
                    long left = until - System.nanoTime();
                    if (left <= 0) {
                        return;
                    }
                    lock.wait(Math.max(1, left / 1_000_000));
                }
            }
        }

        @Override
        public void close() {
            List<SharedIndexInformer<?>> all = new ArrayList<>();
            for (SharedIndexInformer<?> informer : new SharedIndexInformer<?>[] {workload, replicaSets, pods, events, nodes}) {
                if (informer != null) {
                    all.add(informer);
                }
            }
            all.forEach(SharedIndexInformer::stop);
        }
    }
}
