package dev.slipway.stage;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One piece of a stage's work on one input: the side effect, which returns the event that describes
 * it, and the event to publish instead when the side effect throws (the stage's FAILED event naming the
 * cause). The builder has one step per service; the other stages one per input.
 */
public record StageStep(String name, Supplier<Object> work, Function<RuntimeException, Object> failed) {
    public static StageStep of(String name, Supplier<Object> work, Function<RuntimeException, Object> failed) {
        return new StageStep(name, work, failed);
    }
}
