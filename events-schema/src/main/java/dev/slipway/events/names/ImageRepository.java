package dev.slipway.events.names;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A validated image repository; construction fails with {@link InvalidNameException} for anything else. */
public record ImageRepository(@JsonValue String value) {
    public ImageRepository {
        NamePattern.REPOSITORY.check("image repository", value);
    }

    @JsonCreator
    public static ImageRepository of(String value) {
        return new ImageRepository(value);
    }

    /** The reference of this repository at a version: {@code repository:version}. */
    public ImageRef at(Version version) {
        return new ImageRef(this, version);
    }

    @Override
    public String toString() {
        return value;
    }
}
