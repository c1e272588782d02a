package dev.slipway.distributor.stream;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** The outcome of one fan-out: a delivery per receiver, and the failure of the source read if it broke. */
public record FanOutResult<K>(Map<K, Delivery> deliveries, long sourceBytes, Optional<IOException> sourceFailure) {
    public FanOutResult {
        deliveries = Map.copyOf(deliveries);
    }

    public Delivery delivery(K receiver) {
        return deliveries.get(receiver);
    }
}
