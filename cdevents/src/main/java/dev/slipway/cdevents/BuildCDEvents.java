package dev.slipway.cdevents;

import dev.cdevents.events.ArtifactPackagedCDEvent;
import dev.cdevents.events.BuildFinishedCDEvent;
import dev.cdevents.models.CDEvent;
import dev.slipway.events.ImageBuilt;
import dev.slipway.events.StageOutcome;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * image-built → {@code build.finished} (subject {@code <release-id>/<service>}; {@code artifactId} only when the image
 * was built) and, when it was, {@code artifact.packaged} (subject the image's package URL, {@link ArtifactIds}). The
 * change that produced the artifact is the release request ({@code change.id} = release id): image-built does not carry
 * the commit, which only build-requested has.
 */
final class BuildCDEvents {
    static final String BUILD_FINISHED = "build.finished";
    static final String ARTIFACT_PACKAGED = "artifact.packaged";

    private BuildCDEvents() {}

    static List<CDEvent> of(ImageBuilt built, URI source, Instant at) {
        List<CDEvent> events = new ArrayList<>();
        String release = built.release().releaseId().value();
        boolean succeeded = built.outcome() == StageOutcome.SUCCEEDED && built.image() != null;

        BuildFinishedCDEvent finished = new BuildFinishedCDEvent();
        finished.getContext().setId(CDEventIds.of(built, BUILD_FINISHED));
        finished.getContext().setTimestamp(Date.from(at));
        finished.setSource(source);
        finished.setSubjectId(release + "/" + built.service().name().value());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("release", release);
        data.put("service", built.service().name().value());
        data.put("outcome", built.outcome().name());
        data.put("buildMillis", built.buildMillis());
        if (succeeded) {
            finished.setSubjectArtifactId(ArtifactIds.of(built.image()));
            data.put("image", built.image().ref().value());
            data.put("imageId", built.image().id().value());
            data.put("sizeBytes", built.image().sizeBytes());
            data.put("layers", built.image().layers());
        }
        if (built.error() != null) {
            data.put("error", built.error());
        }
        finished.setCustomData(data);
        events.add(finished);

        if (succeeded) {
            ArtifactPackagedCDEvent packaged = new ArtifactPackagedCDEvent();
            packaged.getContext().setId(CDEventIds.of(built, ARTIFACT_PACKAGED));
            packaged.getContext().setTimestamp(Date.from(at));
            packaged.setSource(source);
            packaged.setSubjectId(ArtifactIds.of(built.image()));
            packaged.setSubjectChangeId(release);
            events.add(packaged);
        }
        return events;
    }
}
