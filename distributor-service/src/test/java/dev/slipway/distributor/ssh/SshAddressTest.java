package dev.slipway.distributor.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SshAddressTest {
    @Test
    void readsUserHostAndPortWithPort22ByDefault() {
        assertThat(SshAddress.parse("root@10.0.0.5:2222")).isEqualTo(new SshAddress("root", "10.0.0.5", 2222));
        assertThat(SshAddress.parse("deploy@k3s-1.example.com")).isEqualTo(new SshAddress("deploy", "k3s-1.example.com", 22));
        assertThat(SshAddress.parse("root@[::1]:22").connectHost()).isEqualTo("::1");
        assertThat(SshAddress.parse("root@10.0.0.5:2222")).hasToString("root@10.0.0.5:2222");
    }

    @Test
    void refusesAnythingAShellOrSshWouldReadAsSyntax() {
        assertThatThrownBy(() -> SshAddress.parse("10.0.0.5")).hasMessageContaining("SSH address '10.0.0.5' is not valid");
        assertThatThrownBy(() -> SshAddress.parse("root;reboot@10.0.0.5")).hasMessageContaining("SSH user 'root;reboot' is not valid");
        assertThatThrownBy(() -> SshAddress.parse("root@-oProxyCommand=x")).hasMessageContaining("SSH host '-oProxyCommand=x' is not valid");
        assertThatThrownBy(() -> SshAddress.parse("root@host:70000")).hasMessageContaining("SSH port 70000 is not valid");
    }
}
