package dev.slipway.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.events.names.ImageRef;
import dev.slipway.events.names.InvalidNameException;
import dev.slipway.events.names.NodeName;
import dev.slipway.events.names.ServiceName;
import org.junit.jupiter.api.Test;

class NamesTest {
    @Test
    void refusesShellMetacharactersInNames() {
        assertThatThrownBy(() -> ServiceName.of("svc;rm -rf /")).isInstanceOf(InvalidNameException.class)
                .hasMessageContaining("service name 'svc;rm -rf /' is not valid");
        assertThatThrownBy(() -> NodeName.of("vps-1 && reboot")).isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> ImageRef.parse("gx/svc-tax:2.1.0$(id)")).isInstanceOf(InvalidNameException.class);
    }

    @Test
    void parsesImageReferencesWithRegistryPorts() {
        ImageRef ref = ImageRef.parse("127.0.0.1:5000/gx-protocol/svc-tax:2.1.0");
        assertThat(ref.repository().value()).isEqualTo("127.0.0.1:5000/gx-protocol/svc-tax");
        assertThat(ref.tag().value()).isEqualTo("2.1.0");
        assertThatThrownBy(() -> ImageRef.parse("127.0.0.1:5000/app")).isInstanceOf(InvalidNameException.class);
    }
}
