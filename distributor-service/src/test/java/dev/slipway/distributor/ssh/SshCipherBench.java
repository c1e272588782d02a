package dev.slipway.distributor.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the cipher costs the distributor's JVM: 200 MiB written into {@code cat > /dev/null} on simulated
 * k3s node 1 over one session, with sshd-core's default cipher list (chacha20-poly1305 first) and with
 * {@link SshRemote#CIPHERS} (AES-GCM first), 5 runs each, alternating, after one warm-up of each. Prints
 * the medians of wall time and of the process's CPU time. Not a test; run it with
 * {@code ./mvnw -o -pl distributor-service test -Dgroups=bench -DexcludedGroups= -Dtest=SshCipherBench}.
 */
@Tag("bench")
class SshCipherBench {
    private static final int CHUNKS = 3200; // of 64 KiB: 200 MiB
    private static final int RUNS = 5;

    @Test
    void aesGcmAgainstTheDefaultCipher() throws Exception {
        K3sNodes.Node node = K3sNodes.nodes(1, 1).get(0);
        List<long[]> defaults = new ArrayList<>();
        List<long[]> gcm = new ArrayList<>();
        send(node, null);
        send(node, SshRemote.CIPHERS);
        for (int run = 0; run < RUNS; run++) {
            defaults.add(send(node, null));
            gcm.add(send(node, SshRemote.CIPHERS));
        }
        System.out.printf("default cipher list: median %d ms wall, %d ms CPU; SshRemote.CIPHERS: median %d ms wall, %d ms CPU%n",
                median(defaults, 0), median(defaults, 1), median(gcm, 0), median(gcm, 1));
    }

    /** Returns {wall ms, CPU ms} of one send; {@code ciphers} null for sshd-core's defaults. */
    private static long[] send(K3sNodes.Node node, List<NamedFactory<Cipher>> ciphers) throws IOException, GeneralSecurityException {
        SshClient client = SshClient.setUpDefaultClient();
        if (ciphers != null) {
            client.setCipherFactories(ciphers);
        }
        client.setServerKeyVerifier(new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE, K3sNodes.knownHosts()));
        client.start();
        String hostPort = node.address().substring(node.address().indexOf('@') + 1);
        try (ClientSession session = client.connect("root", hostPort.substring(0, hostPort.indexOf(':')),
                Integer.parseInt(hostPort.substring(hostPort.indexOf(':') + 1))).verify(Duration.ofSeconds(20)).getSession()) {
            try (InputStream key = Files.newInputStream(K3sNodes.key())) {
                for (KeyPair pair : SecurityUtils.loadKeyPairIdentities(null, null, key, null)) {
                    session.addPublicKeyIdentity(pair);
                }
            }
            session.auth().verify(Duration.ofSeconds(20));
            byte[] chunk = new byte[64 * 1024];
            new Random(1).nextBytes(chunk);
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu = os.getProcessCpuTime();
            long started = System.nanoTime();
            try (ChannelExec channel = session.createExecChannel("cat > /dev/null")) {
                channel.open().verify(Duration.ofSeconds(20));
                try (OutputStream in = channel.getInvertedIn()) {
                    for (int i = 0; i < CHUNKS; i++) {
                        in.write(chunk);
                    }
                }
                channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofMinutes(5));
            }
            System.out.printf("%s: %d ms%n", session.getNegotiatedKexParameter(KexProposalOption.C2SENC),
                    (System.nanoTime() - started) / 1_000_000);
            return new long[] {(System.nanoTime() - started) / 1_000_000, (os.getProcessCpuTime() - cpu) / 1_000_000};
        } finally {
            client.stop();
        }
    }

    private static long median(List<long[]> runs, int column) {
        return runs.stream().mapToLong(run -> run[column]).sorted().skip(runs.size() / 2).findFirst().orElseThrow();
    }
}
