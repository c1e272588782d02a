package dev.slipway.record;

import dev.slipway.record.AuditRecord.Failure;
import dev.slipway.events.CheckResult;
import dev.slipway.events.ImageBuilt;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.NodeOutcome;
import dev.slipway.events.NodeResult;
import dev.slipway.events.NodeRollout;
import dev.slipway.events.RegistryOutcome;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.RolloutOutcome;
import dev.slipway.events.ServiceResult;
import dev.slipway.events.StageOutcome;
import dev.slipway.events.Verdict;
import dev.slipway.events.Verified;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every failure of a release at the stage it came from. A service's failure is reported where it first
 * happened (later stages pass it on: a distribution FAILED because the build did, a rollout SKIPPED), with
 * a row per failing node when the stage names nodes; a node that failed while its service went on
 * ({@code onNodeFailure: CONTINUE}) and every failed check are failures too.
 *
 * <p>Expects {@link DistinctEvents} order: by stage, then time.
 */
final class FailureFinder {
    private FailureFinder() {}

    static List<Failure> find(List<ReleaseEvent> events) {
        List<Failure> failures = new ArrayList<>();
        Set<String> failedServices = new HashSet<>();
        for (ReleaseEvent event : events) {
            switch (event.type()) {
                case IMAGE_BUILT -> build(event.as(ImageBuilt.class), failures, failedServices);
                case IMAGE_DISTRIBUTED -> distribution(event.as(ImageDistributed.class), failures, failedServices);
                case ROLLOUT_DONE -> rollout(event.as(RolloutDone.class), failures, failedServices);
                case VERIFIED -> verdict(event.as(Verified.class), failures, failedServices);
                default -> { }
            }
        }
        return failures;
    }

    private static void build(ImageBuilt built, List<Failure> failures, Set<String> failed) {
        String service = built.service().name().value();
        if (built.outcome() == StageOutcome.FAILED && failed.add(service)) {
            failures.add(new Failure("build", service, null, null, built.outcome().name(), built.error()));
        }
    }

    private static void distribution(ImageDistributed distributed, List<Failure> failures, Set<String> failed) {
        String service = distributed.service().name().value();
        if (failed.contains(service)) {
            return;
        }
        List<NodeResult> failedNodes = distributed.nodes().stream().filter(n -> n.outcome() == NodeOutcome.FAILED).toList();
        failedNodes.forEach(n -> failures.add(new Failure("distribute", service, n.node().value(), null, n.outcome().name(),
                n.error())));
        if (distributed.registry() != null && distributed.registry().outcome() == RegistryOutcome.FAILED) {
            failures.add(new Failure("distribute", service, null, null, "FAILED",
                    "registry " + distributed.registry().registry() + ": " + distributed.registry().error()));
        } else if (distributed.outcome() == StageOutcome.FAILED && failedNodes.isEmpty()) {
            failures.add(new Failure("distribute", service, null, null, distributed.outcome().name(), distributed.error()));
        }
        if (distributed.outcome() == StageOutcome.FAILED) {
            failed.add(service);
        }
    }

    private static void rollout(RolloutDone done, List<Failure> failures, Set<String> failed) {
        String service = done.service().name().value();
        if (done.outcome() == RolloutOutcome.ROLLED_OUT || !failed.add(service)) {
            return;
        }
        List<NodeRollout> diagnosed = done.nodes().stream()
                .filter(n -> n.diagnosis() != null && !n.diagnosis().isBlank() && n.outcome() != RolloutOutcome.ROLLED_OUT)
                .toList();
        if (diagnosed.isEmpty()) {
            failures.add(new Failure("rollout", service, null, null, done.outcome().name(), done.diagnosis()));
        }
        diagnosed.forEach(n -> failures.add(new Failure("rollout", service, n.node().value(), null,
                n.outcome().name(), n.diagnosis())));
    }

    private static void verdict(Verified verified, List<Failure> failures, Set<String> failed) {
        for (ServiceResult result : verified.services()) {
            if (result.outcome() != RolloutOutcome.ROLLED_OUT && failed.add(result.service().value())) {
                failures.add(new Failure("verify", result.service().value(), null, null, result.outcome().name(),
                        result.diagnosis()));
            }
        }
        for (CheckResult check : verified.checks()) {
            if (!check.passed()) {
                failures.add(new Failure("verify", null, null, check.name(), "FAILED",
                        "expected " + check.expected() + "; observed " + check.observed()));
            }
        }
        if (verified.verdict() == Verdict.FAILED && failures.isEmpty()) {
            failures.add(new Failure("verify", null, null, null, "FAILED", verified.diagnosis()));
        }
    }
}
