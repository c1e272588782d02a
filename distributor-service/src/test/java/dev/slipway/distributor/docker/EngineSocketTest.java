package dev.slipway.distributor.docker;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Connections to addresses where no engine answers as it should. */
class EngineSocketTest {

    @Test
    void anEngineThatAcceptsButNeverAnswersIsGivenUpOnAfterTheIdleTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            String address = "tcp://127.0.0.1:" + silent.getLocalPort();
            EngineHttp http = new EngineHttp(URI.create(address), Duration.ofSeconds(1));

            assertThatThrownBy(() -> http.get("/images/get?names=a%3A1"))
                    .isInstanceOf(EngineHttpException.class)
                    .hasMessage("the engine at " + address + " sent and took nothing for 1 s; the connection was closed");
        }
    }

    @Test
    void anAddressThatIsNotAnEngineAddressIsAConfigurationErrorNotAnUnreachableEngine() {
        assertThatThrownBy(() -> EngineSocket.connect(URI.create("http://127.0.0.1:2375")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Docker engine address 'http://127.0.0.1:2375' is not valid: expected unix:///path/docker.sock or tcp://host:port");
    }

    @Test
    void aSocketFileNobodyListensOnIsNamed() {
        String missing = "unix:///tmp/slipway-test-distributor-no-engine/docker.sock";

        assertThatThrownBy(() -> EngineSocket.connect(URI.create(missing)))
                .isInstanceOf(EngineUnreachableException.class)
                .hasMessage("cannot connect to " + missing + ": No such file or directory");
    }
}
