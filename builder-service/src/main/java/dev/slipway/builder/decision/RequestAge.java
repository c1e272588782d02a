package dev.slipway.builder.decision;

import dev.slipway.events.BuildRequested;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a build request is too old to act on. The topics keep months of requests for audits; a
 * consumer group that starts over (new, renamed, offsets expired) must not build and deploy them again.
 */
public final class RequestAge {
    private RequestAge() {}

    /** Why {@code request} is not built at {@code now}; empty when it is young enough or there is no limit. */
    public static Optional<String> expired(BuildRequested request, Instant now, Duration maxAge) {
        if (maxAge == null || request.requestedAt() == null) {
            return Optional.empty();
        }
        Duration age = Duration.between(request.requestedAt(), now);
        if (age.compareTo(maxAge) <= 0) {
            return Optional.empty();
        }
        return Optional.of("release " + request.releaseId() + " was requested at " + request.requestedAt() + ", "
                + describe(age) + " ago, longer than slipway.builder.max-request-age (" + maxAge + "): not built, so that "
                + "reading old requests again (a new consumer group, offsets expired) deploys nothing; to release it now, "
                + "publish it again with slipway release");
    }

    private static String describe(Duration age) {
        if (age.toDays() > 0) {
            return age.toDays() + " d " + age.toHoursPart() + " h";
        }
        if (age.toHours() > 0) {
            return age.toHours() + " h " + age.toMinutesPart() + " min";
        }
        return age.toMinutes() + " min";
    }
}
