package dev.slipway.distributor.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Reading a response head and framing the body that follows, on bytes in memory. */
class HttpResponseHeadTest {

    @Test
    void readsTheStatusAndFieldsAndSkipsContinue() throws IOException {
        InputStream in = bytes("HTTP/1.1 100 Continue\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\ntransfer-encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n0\r\n\r\n");

        HttpResponseHead head = HttpResponseHead.read(in);

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.reason()).isEqualTo("OK");
        assertThat(head.header("api-version")).contains("1.41");
        assertThat(head.chunked()).isTrue();
        assertThat(new String(head.body(in).readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("abc");
    }

    @Test
    void aContentLengthBodyEndsAtItsLength() throws IOException {
        InputStream in = bytes("HTTP/1.1 404 Not Found\r\nContent-Length: 39\r\n\r\n"
                + "{\"message\":\"reference does not exist\"}\nleft on the connection");

        HttpResponseHead head = HttpResponseHead.read(in);

        assertThat(head.status()).isEqualTo(404);
        assertThat(EngineMessages.refused(head.status(), EngineMessages.text(head.body(in))))
                .isEqualTo("the engine answered 404: reference does not exist");
    }

    @Test
    void withoutFramingTheBodyRunsToTheEndOfTheConnection() throws IOException {
        InputStream in = bytes("HTTP/1.0 200 OK\r\n\r\nall of it");

        HttpResponseHead head = HttpResponseHead.read(in);

        assertThat(new String(head.body(in).readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("all of it");
    }

    @Test
    void noAnswerAndACutHeadAreFailures() {
        assertThatThrownBy(() -> HttpResponseHead.read(bytes(""))).isInstanceOf(TruncatedStreamException.class)
                .hasMessage("the engine closed the connection without answering");
        assertThatThrownBy(() -> HttpResponseHead.read(bytes("HTTP/1.1 200 OK\r\nContent-Le")))
                .isInstanceOf(TruncatedStreamException.class).hasMessageContaining("in the middle of its answer's head");
    }

    @Test
    void rejectsWhatIsNotHttp() {
        assertThatThrownBy(() -> HttpResponseHead.read(bytes("SSH-2.0-OpenSSH_9.2\r\n\r\n")))
                .hasMessageContaining("not an HTTP/1.1 response");
        assertThatThrownBy(() -> HttpResponseHead.read(bytes("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n")))
                .hasMessageContaining("malformed HTTP header field");
        assertThatThrownBy(() -> HttpResponseHead.read(bytes("HTTP/1.1 200 OK\r\nX: " + "y".repeat(70_000) + "\r\n\r\n")))
                .hasMessageContaining("longer than");
    }

    @Test
    void theEnginesErrorMessagesAreReadFromItsJson() {
        assertThat(EngineMessages.errorIn("{\"stream\":\"Loaded image: a:1\\n\"}")).isNull();
        assertThat(EngineMessages.errorIn("{\"errorDetail\":{\"message\":\"unexpected EOF\"},\"error\":\"other\"}"))
                .isEqualTo("unexpected EOF");
        assertThat(EngineMessages.errorIn("{\"error\":\"no space left\"}")).isEqualTo("no space left");
        assertThat(EngineMessages.errorIn("not json")).isNull();
        assertThat(EngineMessages.refused(502, "Bad Gateway\n")).isEqualTo("the engine answered 502: Bad Gateway");
        assertThat(EngineMessages.refused(500, "")).isEqualTo("the engine answered 500: no message");
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
