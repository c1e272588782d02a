package dev.slipway.kubernetes.observed;

import io.fabric8.kubernetes.api.model.ObjectMeta;

/** A PersistentVolumeClaim as the verifier reads it: its name, the volume it is bound to, and its phase. */
public record ObservedClaim(ObjectMeta metadata, Spec spec, Status status) {
    public record Spec(String volumeName) {}

    public record Status(String phase) {}

    public String name() {
        return metadata == null ? null : metadata.getName();
    }

    /** Its phase; Pending when none is reported yet (as kubectl shows a new claim). */
    public String phase() {
        return status == null || status.phase() == null ? "Pending" : status.phase();
    }

    /** The PersistentVolume it is bound to; null before. */
    public String volumeName() {
        return spec == null ? null : spec.volumeName();
    }
}
