package dev.slipway.rollout.kubernetes.sim;

import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import dev.slipway.rollout.decision.Revisions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated k3s cluster for tests: fabric8's CRUD mock API server plus, in test code, the parts
 * of the control plane and the kubelets a rollout depends on. Like the real ones, and only from
 * what is in the API server:
 * <ul>
 *   <li>a Deployment controller makes one ReplicaSet per pod template (pod-template-hash label,
 *       deployment.kubernetes.io/revision annotation, owner reference), scales the current one to
 *       the desired replicas, scales the old ones down once the new pods are ready, and writes the
 *       Deployment's status (observedGeneration, replicas, updated, ready, available, Progressing);</li>
 *   <li>a StatefulSet controller keeps pods {@code <name>-<ordinal>} at the update revision
 *       (controller-revision-hash label) and writes currentRevision/updateRevision/ready;</li>
 *   <li>a scheduler puts pod i of a revision on node i mod n, unless a claim it mounts is missing
 *       or unbound (then Pending, PodScheduled=False/Unschedulable and a FailedScheduling event);</li>
 *   <li>kubelets run a container when its image is on the node (imagePullPolicy Never) or report
 *       ErrImageNeverPull; an image set to crash reports CrashLoopBackOff with restarts and its log;
 *       an image set to fail reports the given waiting reason; an image set to hang stays ContainerCreating.</li>
 * </ul>
 * Every failing status it writes is time-stamped ({@link #failureWrites()}) for the measurement.
 * It never looks at the code under test; it reacts to what reaches the API server.
 */
public final class SimulatedCluster implements AutoCloseable {
    /** How a container with a given image behaves once started. */
    private sealed interface Behaviour permits Crash, Fail, Hang {}

    private record Crash(int exitCode, List<String> log) implements Behaviour {}

    private record Fail(String reason, String message) implements Behaviour {}

    private record Hang() implements Behaviour {}

    /** A failing status written by the simulator: which pod (or workload), which reason, when (System.nanoTime). */
    public record FailureWrite(String namespace, String object, String reason, long nanoTime) {}

    private final List<String> nodes;
    private final KubernetesMockServer server;
    private final RecordingDispatcher dispatcher;
    private final ContainerLogs logs = new ContainerLogs();
    private final KubernetesClient client;
    private final ExecutorService loop = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "simulated-control-plane");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Map<String, Set<String>> imagesOnNode = new ConcurrentHashMap<>();
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Set<String> deadlineExpired = ConcurrentHashMap.newKeySet();
    private final List<FailureWrite> failureWrites = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicLong podCounter = new AtomicLong();
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

    /** The mock web server logs every request at INFO; kept referenced so the level sticks. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private SimulatedCluster(List<String> nodes) {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        this.nodes = List.copyOf(nodes);
        nodes.forEach(n -> imagesOnNode.put(n, ConcurrentHashMap.newKeySet()));
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        dispatcher = new RecordingDispatcher(new KubernetesMixedDispatcher(responses), logs);
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
        server.init();
        client = server.createClient();
        informers.add(client.apps().deployments().inAnyNamespace().inform(trigger()));
        informers.add(client.apps().statefulSets().inAnyNamespace().inform(trigger()));
        informers.add(client.pods().inAnyNamespace().inform(trigger()));
    }

    public static SimulatedCluster start(String... nodes) {
        return new SimulatedCluster(List.of(nodes));
    }

    /** The User-Agent of clients made by {@link #newClient()}: tells the code's requests from the simulator's. */
    public static final String CODE_UNDER_TEST = "slipway-rollout-under-test";

    /** A new client for the code under test (its requests carry {@link #CODE_UNDER_TEST} as User-Agent). */
    public KubernetesClient newClient() {
        io.fabric8.kubernetes.client.Config config = new io.fabric8.kubernetes.client.ConfigBuilder(client.getConfiguration())
                .withUserAgent(CODE_UNDER_TEST).build();
        return new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(config).build();
    }

    /** The API server's URL, for a kubeconfig. */
    public String url() {
        return server.url("/").replaceAll("/$", "");
    }

    /** The client the simulator itself uses (tests set up objects with it). */
    public KubernetesClient client() {
        return client;
    }

    public List<RecordingDispatcher.Request> requests() {
        return List.copyOf(dispatcher.requests);
    }

    public List<FailureWrite> failureWrites() {
        return List.copyOf(failureWrites);
    }

    public void clearFailureWrites() {
        failureWrites.clear();
    }

    public List<Throwable> errors() {
        return List.copyOf(errors);
    }

    // ---- what the nodes hold and how images behave -------------------------------------------

    /** The image was imported on these nodes (for imagePullPolicy Never). */
    public SimulatedCluster imported(String image, String... onNodes) {
        for (String node : onNodes.length == 0 ? nodes.toArray(String[]::new) : onNodes) {
            imagesOnNode.get(node).add(image);
        }
        return this;
    }

    public SimulatedCluster crashes(String image, int exitCode, List<String> log) {
        behaviours.put(image, new Crash(exitCode, log));
        return this;
    }

    public SimulatedCluster failsWith(String image, String reason, String message) {
        behaviours.put(image, new Fail(reason, message));
        return this;
    }

    public SimulatedCluster hangs(String image) {
        behaviours.put(image, new Hang());
        return this;
    }

    /** The Deployment controller's progress deadline passes for the Deployment's current generation. */
    public void expireProgressDeadline(String namespace, String name) {
        deadlineExpired.add(namespace + "/" + name);
        kick();
    }

    // ---- objects ------------------------------------------------------------------------------

    public void namespace(String name) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
    }

    public Deployment createDeployment(String namespace, String name, String image, int replicas) {
        return client.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).addToLabels("app", name).endMetadata()
                .withNewSpec().withReplicas(replicas).withProgressDeadlineSeconds(600)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addToContainers(new ContainerBuilder().withName(name).withImage(image)
                        .withImagePullPolicy("Never").build()).endSpec()
                .endTemplate().endSpec().build()).create();
    }

    public StatefulSet createStatefulSet(String namespace, String name, String image, int replicas, String claim) {
        return client.apps().statefulSets().inNamespace(namespace).resource(new StatefulSetBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).addToLabels("app", name).endMetadata()
                .withNewSpec().withReplicas(replicas).withServiceName(name)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewUpdateStrategy().withType("RollingUpdate").endUpdateStrategy()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addToContainers(new ContainerBuilder().withName(name).withImage(image)
                        .withImagePullPolicy("IfNotPresent").addNewVolumeMount().withName("data")
                        .withMountPath("/prometheus").endVolumeMount().build())
                .addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName(claim)
                .endPersistentVolumeClaim().endVolume().endSpec()
                .endTemplate().endSpec().build()).create();
    }

    public void boundClaim(String namespace, String name) {
        claim(namespace, name, "Bound");
    }

    /** A claim no volume was bound to (no matching PersistentVolume, no provisioner). */
    public void pendingClaim(String namespace, String name) {
        claim(namespace, name, "Pending");
    }

    private void claim(String namespace, String name, String phase) {
        client.persistentVolumeClaims().inNamespace(namespace).resource(new io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withNewResources().addToRequests("storage",
                        new io.fabric8.kubernetes.api.model.Quantity("1Gi")).endResources().endSpec()
                .withNewStatus().withPhase(phase).endStatus().build()).create();
    }

    // ---- the control loop ---------------------------------------------------------------------

    private <T> ResourceEventHandler<T> trigger() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                kick();
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                kick();
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                kick();
            }
        };
    }

    private void kick() {
        if (scheduled.compareAndSet(false, true)) {
            loop.submit(() -> {
                scheduled.set(false);
                try {
                    reconcileAll();
                } catch (KubernetesClientException e) {
                    if (e.getCode() == 409) {
                        kick();
                    } else {
                        errors.add(e);
                    }
                } catch (RuntimeException e) {
                    errors.add(e);
                }
            });
        }
    }

    private void reconcileAll() {
        for (Deployment deployment : client.apps().deployments().inAnyNamespace().list().getItems()) {
            reconcile(deployment);
        }
        for (StatefulSet statefulSet : client.apps().statefulSets().inAnyNamespace().list().getItems()) {
            reconcile(statefulSet);
        }
    }

    private void reconcile(Deployment deployment) {
        String namespace = deployment.getMetadata().getNamespace();
        int desired = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        List<ReplicaSet> owned = client.apps().replicaSets().inNamespace(namespace).list().getItems().stream()
                .filter(rs -> ownedBy(rs, deployment)).toList();
        PodTemplateSpec wanted = withoutHash(deployment.getSpec().getTemplate());
        long maxRevision = owned.stream().mapToLong(SimulatedCluster::revision).max().orElse(0);
        Optional<ReplicaSet> current = owned.stream()
                .filter(rs -> Objects.equals(withoutHash(rs.getSpec().getTemplate()), wanted)).findFirst();
        ReplicaSet found;
        if (current.isEmpty()) {
            found = createReplicaSet(deployment, wanted, maxRevision + 1, desired);
        } else {
            found = current.get();
            if (revision(found) < maxRevision || !Objects.equals(found.getSpec().getReplicas(), desired)) {
                long revision = revision(found) < maxRevision ? maxRevision + 1 : revision(found);
                found = client.apps().replicaSets().inNamespace(namespace).withName(found.getMetadata().getName())
                        .edit(rs -> new ReplicaSetBuilder(rs).editMetadata()
                                .addToAnnotations(Revisions.REVISION_ANNOTATION, Long.toString(revision)).endMetadata()
                                .editSpec().withReplicas(desired).endSpec().build());
            }
        }
        ReplicaSet newRs = found;
        List<Pod> pods = client.pods().inNamespace(namespace).list().getItems();
        List<Pod> newPods = new ArrayList<>(pods.stream().filter(p -> ownedBy(p, newRs)).toList());
        for (int i = newPods.size(); i < desired; i++) {
            newPods.add(startPod(newRs, newRs.getSpec().getTemplate(), newRs.getMetadata().getName() + "-" + suffix(), i,
                    Map.of()));
        }
        long ready = newPods.stream().filter(SimulatedCluster::ready).count();
        for (ReplicaSet old : owned) {
            if (old.getMetadata().getUid().equals(newRs.getMetadata().getUid())) {
                continue;
            }
            if (ready >= desired) {
                for (Pod pod : pods) {
                    if (ownedBy(pod, old)) {
                        client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).delete();
                    }
                }
                if (old.getSpec().getReplicas() == null || old.getSpec().getReplicas() != 0) {
                    client.apps().replicaSets().inNamespace(namespace).withName(old.getMetadata().getName())
                            .edit(rs -> new ReplicaSetBuilder(rs).editSpec().withReplicas(0).endSpec().build());
                }
            }
        }
        List<Pod> all = client.pods().inNamespace(namespace).list().getItems().stream()
                .filter(p -> owned.stream().anyMatch(rs -> ownedBy(p, rs)) || ownedBy(p, newRs)).toList();
        long updated = all.stream().filter(p -> ownedBy(p, newRs)).count();
        long allReady = all.stream().filter(SimulatedCluster::ready).count();
        boolean expired = deadlineExpired.contains(namespace + "/" + deployment.getMetadata().getName()) && updated > 0
                && all.stream().filter(p -> ownedBy(p, newRs)).anyMatch(p -> !ready(p));
        DeploymentStatus status = new DeploymentStatusBuilder()
                .withObservedGeneration(deployment.getMetadata().getGeneration())
                .withReplicas((int) all.size()).withUpdatedReplicas((int) updated)
                .withReadyReplicas((int) allReady).withAvailableReplicas((int) allReady)
                .withUnavailableReplicas(Math.max(0, all.size() - (int) allReady))
                .addToConditions(expired
                        ? new DeploymentConditionBuilder().withType("Progressing").withStatus("False")
                                .withReason("ProgressDeadlineExceeded")
                                .withMessage("ReplicaSet \"" + newRs.getMetadata().getName() + "\" has timed out progressing.").build()
                        : new DeploymentConditionBuilder().withType("Progressing").withStatus("True")
                                .withReason(updated >= desired && allReady >= desired ? "NewReplicaSetAvailable" : "ReplicaSetUpdated")
                                .withMessage("ReplicaSet \"" + newRs.getMetadata().getName() + "\" is progressing.").build())
                .build();
        if (!status.equals(deployment.getStatus())) {
            if (expired && !isExpired(deployment.getStatus())) {
                failureWrites.add(new FailureWrite(namespace, deployment.getMetadata().getName(), "ProgressDeadlineExceeded",
                        System.nanoTime()));
            }
            client.apps().deployments().inNamespace(namespace).withName(deployment.getMetadata().getName())
                    .editStatus(d -> new DeploymentBuilder(d).withStatus(status).build());
        }
    }

    private static boolean ownedBy(HasMetadata child, HasMetadata owner) {
        return Revisions.ownedBy(child.getMetadata(), owner.getMetadata());
    }

    /** The ReplicaSet's revision annotation, 0 without one (as the Deployment controller counts). */
    private static long revision(ReplicaSet replicaSet) {
        Map<String, String> annotations = replicaSet.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(Revisions.REVISION_ANNOTATION);
        return value == null ? 0 : Long.parseLong(value.trim());
    }

    /** A copy of the template without the pod-template-hash label (the simulated controller's own objects are typed). */
    private static PodTemplateSpec withoutHash(PodTemplateSpec template) {
        PodTemplateSpec copy = new PodTemplateSpecBuilder(template).build();
        if (copy.getMetadata() != null && copy.getMetadata().getLabels() != null) {
            Map<String, String> labels = new LinkedHashMap<>(copy.getMetadata().getLabels());
            labels.remove(Revisions.POD_TEMPLATE_HASH);
            copy.getMetadata().setLabels(labels);
        }
        return copy;
    }

    private static boolean isExpired(DeploymentStatus status) {
        return status != null && status.getConditions() != null && status.getConditions().stream()
                .anyMatch(c -> "ProgressDeadlineExceeded".equals(c.getReason()));
    }

    private ReplicaSet createReplicaSet(Deployment deployment, PodTemplateSpec template, long revision, int replicas) {
        String hash = hash(template);
        PodTemplateSpec withHash = withoutHash(template);
        Map<String, String> labels = new LinkedHashMap<>(withHash.getMetadata().getLabels());
        labels.put(Revisions.POD_TEMPLATE_HASH, hash);
        withHash.getMetadata().setLabels(labels);
        Map<String, String> annotations = new LinkedHashMap<>();
        if (deployment.getMetadata().getAnnotations() != null) {
            annotations.putAll(deployment.getMetadata().getAnnotations());
        }
        annotations.put(Revisions.REVISION_ANNOTATION, Long.toString(revision));
        Map<String, String> selector = new LinkedHashMap<>(deployment.getSpec().getSelector().getMatchLabels());
        selector.put(Revisions.POD_TEMPLATE_HASH, hash);
        return client.apps().replicaSets().inNamespace(deployment.getMetadata().getNamespace()).resource(new ReplicaSetBuilder()
                .withNewMetadata().withName(deployment.getMetadata().getName() + "-" + hash)
                .withNamespace(deployment.getMetadata().getNamespace()).withLabels(labels).withAnnotations(annotations)
                .withOwnerReferences(owner(deployment)).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(selector).endSelector()
                .withTemplate(withHash).endSpec().build()).create();
    }

    private void reconcile(StatefulSet statefulSet) {
        String namespace = statefulSet.getMetadata().getNamespace();
        String name = statefulSet.getMetadata().getName();
        int desired = statefulSet.getSpec().getReplicas() == null ? 1 : statefulSet.getSpec().getReplicas();
        String revision = name + "-" + hash(withoutHash(statefulSet.getSpec().getTemplate()));
        List<Pod> owned = client.pods().inNamespace(namespace).list().getItems().stream()
                .filter(p -> ownedBy(p, statefulSet)).toList();
        List<Pod> pods = new ArrayList<>();
        for (int ordinal = 0; ordinal < desired; ordinal++) {
            String podName = name + "-" + ordinal;
            Optional<Pod> existing = owned.stream().filter(p -> p.getMetadata().getName().equals(podName)).findFirst();
            if (existing.isPresent() && revision.equals(existing.get().getMetadata().getLabels().get(Revisions.CONTROLLER_REVISION_HASH))) {
                pods.add(existing.get());
                continue;
            }
            if (existing.isPresent()) {
                client.pods().inNamespace(namespace).withName(podName).delete();
            }
            pods.add(startPod(statefulSet, statefulSet.getSpec().getTemplate(), podName, ordinal,
                    Map.of(Revisions.CONTROLLER_REVISION_HASH, revision)));
        }
        long ready = pods.stream().filter(SimulatedCluster::ready).count();
        String currentRevision = ready >= desired ? revision
                : statefulSet.getStatus() == null || statefulSet.getStatus().getCurrentRevision() == null ? revision
                        : statefulSet.getStatus().getCurrentRevision();
        StatefulSetStatus status = new StatefulSetStatusBuilder()
                .withObservedGeneration(statefulSet.getMetadata().getGeneration()).withReplicas(pods.size())
                .withReadyReplicas((int) ready).withAvailableReplicas((int) ready).withCurrentReplicas((int) ready)
                .withUpdatedReplicas(pods.size()).withUpdateRevision(revision).withCurrentRevision(currentRevision).build();
        if (!status.equals(statefulSet.getStatus())) {
            client.apps().statefulSets().inNamespace(namespace).withName(name)
                    .editStatus(s -> new StatefulSetBuilder(s).withStatus(status).build());
        }
    }

    // ---- scheduler and kubelet ----------------------------------------------------------------

    private Pod startPod(HasMetadata owner, PodTemplateSpec template, String name, int index, Map<String, String> extraLabels) {
        String namespace = owner.getMetadata().getNamespace();
        Map<String, String> labels = new LinkedHashMap<>(template.getMetadata().getLabels());
        labels.putAll(extraLabels);
        Optional<String> unschedulable = unschedulable(namespace, template);
        String node = unschedulable.isPresent() ? null : nodes.get(index % nodes.size());
        Pod pod = client.pods().inNamespace(namespace).resource(new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels)
                .withOwnerReferences(owner(owner)).endMetadata()
                .withSpec(new io.fabric8.kubernetes.api.model.PodSpecBuilder(template.getSpec()).withNodeName(node).build())
                .withNewStatus().withPhase("Pending").endStatus().build()).create();
        PodStatus status;
        if (unschedulable.isPresent()) {
            status = new PodStatusBuilder().withPhase("Pending").addToConditions(new PodConditionBuilder()
                    .withType("PodScheduled").withStatus("False").withReason("Unschedulable")
                    .withMessage(unschedulable.get()).build()).build();
            failureWrites.add(new FailureWrite(namespace, name, "Unschedulable", System.nanoTime()));
            client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                    .withNewMetadata().withName(name + "." + Long.toHexString(System.nanoTime())).withNamespace(namespace).endMetadata()
                    .withInvolvedObject(new ObjectReferenceBuilder().withKind("Pod").withNamespace(namespace).withName(name)
                            .withUid(pod.getMetadata().getUid()).withApiVersion("v1").build())
                    .withReason("FailedScheduling").withType("Warning").withMessage(unschedulable.get())
                    .withLastTimestamp(Instant.now().toString()).withNewSource().withComponent("default-scheduler").endSource()
                    .build()).create();
        } else {
            status = kubelet(namespace, name, node, template);
        }
        pod.setStatus(status);
        pod.getMetadata().setResourceVersion(null);
        return client.pods().inNamespace(namespace).resource(pod).updateStatus();
    }

    private Optional<String> unschedulable(String namespace, PodTemplateSpec template) {
        if (template.getSpec().getVolumes() == null) {
            return Optional.empty();
        }
        for (Volume volume : template.getSpec().getVolumes()) {
            if (volume.getPersistentVolumeClaim() == null) {
                continue;
            }
            String claim = volume.getPersistentVolumeClaim().getClaimName();
            PersistentVolumeClaim found = client.persistentVolumeClaims().inNamespace(namespace).withName(claim).get();
            String preemption = " preemption: 0/" + nodes.size() + " nodes are available: " + nodes.size()
                    + " Preemption is not helpful for scheduling.";
            if (found == null) {
                return Optional.of("0/" + nodes.size() + " nodes are available: persistentvolumeclaim \"" + claim
                        + "\" not found." + preemption);
            }
            if (found.getStatus() == null || !"Bound".equals(found.getStatus().getPhase())) {
                return Optional.of("0/" + nodes.size() + " nodes are available: pod has unbound immediate PersistentVolumeClaims."
                        + preemption);
            }
        }
        return Optional.empty();
    }

    private PodStatus kubelet(String namespace, String pod, String node, PodTemplateSpec template) {
        List<ContainerStatus> statuses = new ArrayList<>();
        String failure = null;
        for (io.fabric8.kubernetes.api.model.Container container : template.getSpec().getContainers()) {
            String image = container.getImage();
            Behaviour behaviour = behaviours.get(image);
            boolean present = imagesOnNode.get(node).contains(image);
            ContainerStatusBuilder status = new ContainerStatusBuilder().withName(container.getName()).withImage(image)
                    .withReady(false).withStarted(false).withRestartCount(0);
            if ("Never".equals(container.getImagePullPolicy()) && !present) {
                failure = "ErrImageNeverPull";
                status.withNewState().withNewWaiting().withReason("ErrImageNeverPull")
                        .withMessage("Container image \"" + image + "\" is not present with pull policy of Never")
                        .endWaiting().endState();
            } else if (behaviour instanceof Crash crash) {
                failure = "CrashLoopBackOff";
                status.withRestartCount(2).withNewState().withNewWaiting().withReason("CrashLoopBackOff")
                        .withMessage("back-off 20s restarting failed container=" + container.getName() + " pod=" + pod)
                        .endWaiting().endState()
                        .withNewLastState().withNewTerminated().withExitCode(crash.exitCode()).withReason("Error")
                        .endTerminated().endLastState();
                logs.write(namespace, pod, container.getName(), List.of(), crash.log());
            } else if (behaviour instanceof Fail fail) {
                failure = fail.reason();
                status.withNewState().withNewWaiting().withReason(fail.reason()).withMessage(fail.message()).endWaiting()
                        .endState();
            } else if (behaviour instanceof Hang) {
                status.withNewState().withNewWaiting().withReason("ContainerCreating").endWaiting().endState();
            } else {
                status.withReady(true).withStarted(true).withNewState().withNewRunning().withStartedAt(Instant.now().toString())
                        .endRunning().endState();
                logs.write(namespace, pod, container.getName(), List.of("started " + image), null);
            }
            statuses.add(status.build());
        }
        boolean ready = statuses.stream().allMatch(ContainerStatus::getReady);
        if (failure != null) {
            failureWrites.add(new FailureWrite(namespace, pod, failure, System.nanoTime()));
        }
        return new PodStatusBuilder().withPhase(ready ? "Running" : "Pending").withHostIP("10.0.0." + (nodes.indexOf(node) + 1))
                .addToConditions(new PodConditionBuilder().withType("PodScheduled").withStatus("True").build(),
                        new PodConditionBuilder().withType("Ready").withStatus(ready ? "True" : "False").build())
                .withContainerStatuses(statuses).build();
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static io.fabric8.kubernetes.api.model.OwnerReference owner(HasMetadata owner) {
        return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid()).withController(true)
                .withBlockOwnerDeletion(true).build();
    }

    private String suffix() {
        String base = Long.toString(podCounter.incrementAndGet() * 7919 + 10007, 36);
        return base.length() > 5 ? base.substring(base.length() - 5) : base;
    }

    static String hash(PodTemplateSpec template) {
        try {
            String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(template);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 10);
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::stop);
        loop.shutdownNow();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
        server.destroy();
    }
}
