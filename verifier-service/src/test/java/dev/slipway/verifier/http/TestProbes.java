package dev.slipway.verifier.http;

import io.vertx.core.Vertx;

/** The probe tests check with: {@link VertxHttpProbe} on one Vert.x shared by the tests of a run, as in the service. */
public final class TestProbes {
    private static final Vertx VERTX = Vertx.vertx();

    private TestProbes() {}

    public static HttpProbe vertx() {
        return new VertxHttpProbe(VERTX);
    }
}
