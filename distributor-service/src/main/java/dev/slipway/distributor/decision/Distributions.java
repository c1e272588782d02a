package dev.slipway.distributor.decision;

import dev.slipway.events.ImageBuilt;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.NodeResult;
import dev.slipway.events.RegistryResult;
import dev.slipway.events.StageOutcome;
import java.util.List;

/** Builds the ImageDistributed event for an ImageBuilt. No I/O. */
public final class Distributions {
    private Distributions() {}

    /** A failed build is passed on without touching any node. */
    public static ImageDistributed passThrough(ImageBuilt built) {
        return new ImageDistributed(built.release(), built.service(), StageOutcome.FAILED, built.image(), List.of(),
                DistributionErrors.buildFailed(built.service().name(), built.error()));
    }

    /** The result of distributing a built image: its node results and the outcome they add up to. */
    public static ImageDistributed distributed(ImageBuilt built, List<NodeResult> results) {
        return distributed(built, results, null);
    }

    /** The result of distributing a built image to the nodes and to a registry ({@code registry} null when none). */
    public static ImageDistributed distributed(ImageBuilt built, List<NodeResult> results, RegistryResult registry) {
        ServiceOutcome outcome = DistributionDecision.outcome(built.release().releaseId(), built.service().name(), results,
                registry, built.release().distribution());
        return new ImageDistributed(built.release(), built.service(), outcome.outcome(), built.image(), results, registry,
                outcome.error());
    }

    /** Distribution stopped for a reason outside any one node. */
    public static ImageDistributed stopped(ImageBuilt built, List<NodeResult> results, String cause) {
        return new ImageDistributed(built.release(), built.service(), StageOutcome.FAILED, built.image(), results,
                DistributionErrors.unexpected(built.release().releaseId(), built.service().name(), cause));
    }

    /** Whether the build produced an image to distribute. */
    public static boolean buildSucceeded(ImageBuilt built) {
        return built.outcome() == StageOutcome.SUCCEEDED && built.image() != null;
    }
}
