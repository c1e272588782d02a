package dev.slipway.bench.distribution;

import java.util.List;

/**
 * What the nodes hold before a run and which images the release carries. Every run starts from wiped
 * nodes; {@code preloaded} nodes then import A and B straight through their containerd socket (untimed,
 * not over the links).
 */
enum Scenario {
    FIRST("a", "first release A+B, nodes empty", false, List.of("slipway-bench/a:1", "slipway-bench/b:1")),
    RERUN("b", "rerun A+B, nodes hold A and B", true, List.of("slipway-bench/a:1", "slipway-bench/b:1")),
    TOP_LAYER("c", "release A2+B (A2 = A with a new top layer), nodes hold A and B", true,
            List.of("slipway-bench/a:2", "slipway-bench/b:1"));

    final String label;
    final String description;
    final boolean preloaded;
    final List<String> release;

    Scenario(String label, String description, boolean preloaded, List<String> release) {
        this.label = label;
        this.description = description;
        this.preloaded = preloaded;
        this.release = release;
    }

    static Scenario valueOfLabel(String label) {
        for (Scenario scenario : values()) {
            if (scenario.label.equals(label)) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("no scenario " + label);
    }

    /** The images the nodes hold before the run (A and B) when preloaded. */
    static final List<String> PRELOAD = List.of("slipway-bench/a:1", "slipway-bench/b:1");
}
