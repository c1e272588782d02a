package dev.slipway.events.names;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A validated image id; construction fails with {@link InvalidNameException} for anything else. */
public record ImageId(@JsonValue String value) {
    public ImageId {
        NamePattern.IMAGE_ID.check("image id", value);
    }

    @JsonCreator
    public static ImageId of(String value) {
        return new ImageId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
