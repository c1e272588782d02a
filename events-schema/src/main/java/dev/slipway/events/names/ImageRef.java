package dev.slipway.events.names;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** An image reference {@code repository:tag}, both parts validated. */
public record ImageRef(ImageRepository repository, Version tag) {
    public ImageRef {
        if (repository == null || tag == null) {
            throw new InvalidNameException("image reference", repository + ":" + tag, "repository:tag");
        }
    }

    @JsonCreator
    public static ImageRef parse(String reference) {
        if (reference == null) {
            throw new InvalidNameException("image reference", null, "repository:tag");
        }
        int colon = reference.lastIndexOf(':');
        if (colon <= 0 || reference.indexOf('/', colon) >= 0) {
            throw new InvalidNameException("image reference", reference, "repository:tag, e.g. 'gx-protocol/svc-tax:2.1.0'");
        }
        return new ImageRef(ImageRepository.of(reference.substring(0, colon)), Version.of(reference.substring(colon + 1)));
    }

    @JsonValue
    public String value() {
        return repository.value() + ":" + tag.value();
    }

    @Override
    public String toString() {
        return value();
    }
}
