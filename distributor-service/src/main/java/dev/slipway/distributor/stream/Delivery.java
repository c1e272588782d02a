package dev.slipway.distributor.stream;

import java.util.Optional;

/**
 * What one receiver of a fan-out got: the bytes it read, the most its buffer held at once, and the
 * failure it ended with (empty when it finished without one).
 */
public record Delivery(long bytes, long peakBufferedBytes, Optional<Exception> failure) {
    public boolean succeeded() {
        return failure.isEmpty();
    }
}
