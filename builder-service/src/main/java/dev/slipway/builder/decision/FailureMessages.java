package dev.slipway.builder.decision;

import dev.slipway.events.names.ReleaseId;
import dev.slipway.events.names.ServiceName;

/** The wording of every FAILED ImageBuilt: what failed (service, release) first, then why and what to do. */
public final class FailureMessages {
    private FailureMessages() {}

    public static String refused(ReleaseId release, ServiceName service, String reason) {
        return subject(release, service) + " was not built: " + reason;
    }

    public static String buildFailed(ReleaseId release, ServiceName service, String builderError) {
        return subject(release, service) + " failed to build: " + builderError;
    }

    public static String engineProblem(ReleaseId release, ServiceName service, String problem) {
        return subject(release, service) + " could not be built: " + problem;
    }

    private static String subject(ReleaseId release, ServiceName service) {
        return "service '" + service + "' of release '" + release + "'";
    }
}
