package dev.slipway.kubernetes.observed;

import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * A core/v1 Event as the rollout reads it (a FailedScheduling event of a pod): reason, message, the object it is
 * about, and its times (the newest set one says when it happened).
 */
public record ObservedEvent(ObjectMeta metadata, String reason, String message, InvolvedObject involvedObject,
        String lastTimestamp, String firstTimestamp, String eventTime) {
    public record InvolvedObject(String kind, String name, String uid) {}

    /** When it last happened: lastTimestamp, else firstTimestamp, eventTime, the object's creation; "" when none. */
    public String time() {
        for (String time : new String[] {lastTimestamp, firstTimestamp, eventTime,
                metadata == null ? null : metadata.getCreationTimestamp()}) {
            if (time != null) {
                return time;
            }
        }
        return "";
    }
}
