package dev.slipway.rollout.decision;

import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.plan.RolloutPolicy;
import dev.slipway.events.plan.WorkloadKind;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The Lease (coordination.k8s.io/v1) a rollout replica holds on a workload while it acts on it, so that two
 * replicas never roll out two releases of one workload at once: its name ({@code slipway-deployment-<name>},
 * {@code slipway-statefulset-<name>}, in the workload's namespace), its holder ({@code <instance id>/<release id>}),
 * how long it holds without renewal (the whole rollout: waiting for the new revision, then for a rollback, plus a
 * margin) and how long a release waits for it before it gives up.
 */
public record LeaseTerms(String namespace, String name, String holder, Duration duration, Duration waitBound) {
    /** What a Lease name may be (a DNS label, so it also fits where a label is asked for). */
    static final int MAX_NAME = 63;

    public static LeaseTerms of(WorkloadRef workload, String instance, ReleaseId release, RolloutPolicy policy, Duration margin) {
        Duration duration = durationOf(policy, margin);
        return new LeaseTerms(workload.namespace().value(), nameOf(workload), holderOf(instance, release), duration, duration);
    }

    /** e.g. {@code slipway-deployment-svc-tax}; lower-cased, other characters made '-', cut to 63 with a hash when longer. */
    public static String nameOf(WorkloadRef workload) {
        String kind = workload.kind() == WorkloadKind.STATEFUL_SET ? "statefulset" : "deployment";
        String wanted = "slipway-" + kind + "-" + workload.name().value();
        String name = wanted.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        if (name.length() > MAX_NAME) {
            name = name.substring(0, MAX_NAME - 9) + "-" + hash(wanted);
        }
        return name.replaceAll("-+$", "");
    }

    /** e.g. {@code slipway-rollout-0/shop-2.1.0-0a1b2c3d}: the replica and the release, so a resumed rollout knows its own. */
    public static String holderOf(String instance, ReleaseId release) {
        return instance + "/" + release.value();
    }

    /**
     * How long the Lease holds without renewal: the rollout's timeout twice (the wait for the new revision, then the
     * wait for the rollback) plus {@code margin} (reading, patching, diagnosing), so no renewal is needed.
     */
    public static Duration durationOf(RolloutPolicy policy, Duration margin) {
        return Duration.ofSeconds(2L * policy.timeoutSeconds()).plus(margin);
    }

    /** The Lease to create, or to write over {@code current} (its resourceVersion kept: optimistic concurrency). */
    public Lease toTake(Instant now, Lease current) {
        LeaseBuilder lease = current == null ? new LeaseBuilder().withNewMetadata().withNamespace(namespace).withName(name)
                .addToLabels("app.kubernetes.io/managed-by", "slipway").endMetadata() : new LeaseBuilder(current);
        int transitions = current == null || current.getSpec() == null || current.getSpec().getLeaseTransitions() == null ? 0
                : current.getSpec().getLeaseTransitions();
        boolean changesHands = current != null && current.getSpec() != null
                && !holder.equals(current.getSpec().getHolderIdentity());
        return lease.withNewSpec().withHolderIdentity(holder).withLeaseDurationSeconds((int) duration.toSeconds())
                .withAcquireTime(microTime(now)).withRenewTime(microTime(now))
                .withLeaseTransitions(changesHands ? transitions + 1 : transitions).endSpec().build();
    }

    /** A time as a Lease holds it (MicroTime: microseconds), in UTC. */
    static ZonedDateTime microTime(Instant time) {
        return time.truncatedTo(ChronoUnit.MICROS).atZone(ZoneOffset.UTC);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
