package dev.slipway.rollout.kubernetes;

import static dev.slipway.kubernetes.ApiResources.DEPLOYMENTS;
import static dev.slipway.kubernetes.ApiResources.EVENTS;
import static dev.slipway.kubernetes.ApiResources.NODES;
import static dev.slipway.kubernetes.ApiResources.PODS;
import static dev.slipway.kubernetes.ApiResources.REPLICA_SETS;
import static dev.slipway.kubernetes.ApiResources.STATEFUL_SETS;

import dev.slipway.events.names.KubeName;
import dev.slipway.kubernetes.KubernetesClients;
import dev.slipway.events.plan.WorkloadKind;
import dev.slipway.rollout.decision.WorkloadRef;
import dev.slipway.rollout.decision.WorkloadSnapshot;
import dev.slipway.kubernetes.observed.ObservedEvent;
import dev.slipway.kubernetes.observed.ObservedNode;
import dev.slipway.kubernetes.observed.ObservedObjects;
import dev.slipway.kubernetes.observed.ObservedPod;
import dev.slipway.kubernetes.observed.ObservedReplicaSet;
import dev.slipway.kubernetes.observed.ObservedWorkload;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.utils.HttpClientUtils;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link ClusterWorkloads} over fabric8. Writes are JSON Patches (never strategic merge or
 * server-side apply); waiting is driven by informers (list + watch, re-listing after a broken watch),
 * never by polling. Workloads, ReplicaSets, pods, events and nodes are read as fabric8's generic resources and
 * handed over as the narrow records of {@code dev.slipway.kubernetes.observed} (the Leases, small, stay typed).
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

    private Resource<GenericKubernetesResource> resource(WorkloadRef workload) {
        var kind = workload.kind() == WorkloadKind.STATEFUL_SET ? STATEFUL_SETS : DEPLOYMENTS;
        return client.genericKubernetesResources(kind).inNamespace(workload.namespace().value())
                .withName(workload.name().value());
    }

    @Override
    public Optional<ObservedWorkload> read(WorkloadRef workload) {
        return Optional.ofNullable(ObservedObjects.read(resource(workload).get(), ObservedWorkload.class));
    }

    @Override
    public ObservedWorkload patch(WorkloadRef workload, String jsonPatch) {
        return ObservedObjects.read(resource(workload).patch(PatchContext.of(PatchType.JSON), jsonPatch), ObservedWorkload.class);
    }

    @Override
    public List<ObservedReplicaSet> replicaSets(WorkloadRef workload, LabelSelector selector) {
        return ObservedObjects.readAll(client.genericKubernetesResources(REPLICA_SETS).inNamespace(workload.namespace().value())
                .withLabelSelector(selector).list().getItems(), ObservedReplicaSet.class);
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
        client.genericKubernetesResources(PODS).inNamespace(namespace.value()).withName(pod).delete();
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
            watch.workload = resource(workload).inform(watch.handler());
            if (workload.kind() != WorkloadKind.STATEFUL_SET) {
                watch.replicaSets = client.genericKubernetesResources(REPLICA_SETS).inNamespace(namespace)
                        .withLabelSelector(podSelector).inform(watch.handler());
            }
            watch.pods = client.genericKubernetesResources(PODS).inNamespace(namespace).withLabelSelector(podSelector)
                    .inform(watch.handler());
            watch.events = client.genericKubernetesResources(EVENTS).inNamespace(namespace)
                    .withField("reason", "FailedScheduling").inform(watch.handler());
            watch.nodes = client.genericKubernetesResources(NODES).inform(watch.handler());
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
        SharedIndexInformer<GenericKubernetesResource> workload;
        SharedIndexInformer<GenericKubernetesResource> replicaSets;
        SharedIndexInformer<GenericKubernetesResource> pods;
        SharedIndexInformer<GenericKubernetesResource> events;
        SharedIndexInformer<GenericKubernetesResource> nodes;

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
            List<GenericKubernetesResource> workloads = workload.getStore().list();
            return new WorkloadSnapshot(workloads.isEmpty() ? null : ObservedObjects.read(workloads.get(0), ObservedWorkload.class),
                    ObservedObjects.readAll(pods.getStore().list(), ObservedPod.class),
                    replicaSets == null ? List.of() : ObservedObjects.readAll(replicaSets.getStore().list(), ObservedReplicaSet.class),
                    ObservedObjects.readAll(events.getStore().list(), ObservedEvent.class).stream()
                            .filter(e -> "FailedScheduling".equals(e.reason())).toList(),
                    ObservedObjects.readAll(nodes.getStore().list(), ObservedNode.class));
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
