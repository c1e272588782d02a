package dev.slipway.distributor.docker;

/** An HTTP message body ended before its framing said it would: the other side closed the connection early. */
final class TruncatedStreamException extends EngineHttpException {
    TruncatedStreamException(String message) {
        super(message);
    }
}
