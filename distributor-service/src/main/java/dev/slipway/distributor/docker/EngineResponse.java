package dev.slipway.distributor.docker;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/** An engine's answer on its own connection: the head, and the body streaming from the socket. Closing it closes the connection. */
final class EngineResponse implements Closeable {
    private final HttpResponseHead head;
    private final InputStream body;
    private final EngineSocket socket;

    EngineResponse(HttpResponseHead head, InputStream body, EngineSocket socket) {
        this.head = head;
        this.body = body;
        this.socket = socket;
    }

    int status() {
        return head.status();
    }

    boolean successful() {
        return head.status() >= 200 && head.status() < 300;
    }

    HttpResponseHead head() {
        return head;
    }

    /** The body, decoded as it is read; closing it closes the connection. */
    InputStream body() {
        return body;
    }

    /** The user's reading of a non-2xx answer, from a bounded read of its body. */
    String refusal() {
        return EngineMessages.refused(head.status(), EngineMessages.text(body));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
