package dev.slipway.console.index;

/** Where a release's records are on one topic: the partition it is keyed to and its first and last offsets there. */
public record EventRange(int partition, long first, long last) {
    public EventRange including(long offset) {
        return new EventRange(partition, Math.min(first, offset), Math.max(last, offset));
    }
}
