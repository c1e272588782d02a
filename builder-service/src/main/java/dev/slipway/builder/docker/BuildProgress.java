package dev.slipway.builder.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.BuildResponseItem;
import io.quarkus.logging.Log;

/** Follows a build's response stream: the image id on success, the builder's error line on failure. */
final class BuildProgress extends ResultCallback.Adapter<BuildResponseItem> {
    private final String tag;
    private volatile String imageId;
    private volatile String error;

    BuildProgress(String tag) {
        this.tag = tag;
    }

    @Override
    public void onNext(BuildResponseItem item) {
        if (item.isBuildSuccessIndicated()) {
            imageId = item.getImageId();
        } else if (item.isErrorIndicated()) {
            error = errorLine(item);
        }
        if (item.getStream() != null && !item.getStream().isBlank()) {
            Log.debugf("build %s: %s", tag, item.getStream().strip());
        }
    }

    /** The image id the engine reported (short or full), or null when none was. */
    String imageId() {
        return imageId;
    }

    /** The builder's error line, or null when it reported none. */
    String error() {
        return error;
    }

    private static String errorLine(BuildResponseItem item) {
        String message = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                ? item.getErrorDetail().getMessage()
                : item.getError();
        return message == null ? "the builder reported an error without a message" : message.strip();
    }
}
