package dev.slipway.verifier.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.events.EventCodec;
import dev.slipway.verifier.decision.ReleaseProgress;

/**
 * The JSON of a release's progress on the state topic:
 * {@code {"format":1,"releaseId":..,"rollouts":[RolloutDone..],"verified":Verified,"emitted":bool}}.
 * The events inside are the contract's own JSON.
 */
final class ProgressCodec {
    static final int FORMAT = 1;
    private final ObjectMapper mapper = EventCodec.instance().mapper();

    String encode(ReleaseProgress progress) {
        ObjectNode json = mapper.createObjectNode().put("format", FORMAT);
        json.setAll((ObjectNode) mapper.valueToTree(progress));
        try {
            return mapper.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the progress of release " + progress.releaseId(), e);
        }
    }

    ReleaseProgress decode(String value) {
        try {
            ObjectNode json = (ObjectNode) mapper.readTree(value);
            int format = json.path("format").asInt(-1);
            if (format != FORMAT) {
                throw new IllegalArgumentException("state format " + format + ", this verifier reads format " + FORMAT);
            }
            json.remove("format");
            return mapper.treeToValue(json, ReleaseProgress.class);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalArgumentException("not a release progress record: " + e.getMessage(), e);
        }
    }
}
