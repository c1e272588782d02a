package dev.slipway.bench.faults;

import dev.slipway.cli.local.LocalPipeline.Layout;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which fault {@link FaultBench} puts into every release, and the pipeline layout that fault needs. */
enum FaultMode {
    /** One service (each in turn) killed with SIGKILL and started again 2 s later; one instance per stage, broker in-process. */
    KILL(Layout.SINGLE),
    /** The broker (its own process) killed or stopped with SIGTERM, in turn, and started again 2 s later at the same address. */
    BROKER(new Layout(1, 1, true)),
    /** Two instances of each stage in one consumer group over 3 partitions; the one that accepted the release killed, not restarted until the verdict. */
    INSTANCES(new Layout(2, 3, false)),
    /**
     * The rollout killed with SIGKILL as it starts replacing the first container (between stopping the old one and
     * starting the new), and started again 2 s later; the service's endpoints watched for how long they do not answer.
     */
    SWITCH(Layout.SINGLE);

    private final Layout layout;

    FaultMode(Layout layout) {
        this.layout = layout;
    }

    Layout layout() {
        return layout;
    }

    static FaultMode parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown fault mode '" + name + "': use one of " + Arrays.stream(values())
                    .map(mode -> mode.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")), e);
        }
    }
}
