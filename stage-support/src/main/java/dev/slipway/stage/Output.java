package dev.slipway.stage;

import io.smallrye.reactive.messaging.MutinyEmitter;
import java.net.URI;

/** Where a stage writes its events: the emitter of an outgoing channel, the channel's name and the CloudEvents source. */
public record Output(MutinyEmitter<String> emitter, String channel, URI source) {}
