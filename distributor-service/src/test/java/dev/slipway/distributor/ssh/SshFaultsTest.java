package dev.slipway.distributor.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.session.helpers.MissingAttachedSessionException;
import org.junit.jupiter.api.Test;

/** Which connection faults are tried again: those that pass, never a refusal of the host key or the login. */
class SshFaultsTest {
    @Test
    void refusedResetAndCutBeforeTheSessionAttachedAreTriedAgain() {
        assertThat(SshRemote.transientFault(new IOException("connecting", new ConnectException("Connection refused")))).isTrue();
        assertThat(SshRemote.transientFault(new IOException("Connection reset by peer"))).isTrue();
        assertThat(SshRemote.transientFault(new MissingAttachedSessionException("No session attached to Nio2Session"))).isTrue();
    }

    @Test
    void aRefusedLoginIsNotTriedAgain() {
        assertThat(SshRemote.transientFault(new SshException("No more authentication methods available"))).isFalse();
    }
}
