package dev.slipway.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineLayoutTest {
    @Test
    void eachInstanceOfAStageIsAStaticMemberUnderItsOwnName() {
        Map<String, String> first = PipelineService.ROLLOUT.properties("127.0.0.1:9092", "unix:///e.sock", Path.of("/src"),
                Map.of("local", "unix:///e.sock"), 0);
        Map<String, String> second = PipelineService.ROLLOUT.properties("127.0.0.1:9092", "unix:///e.sock", Path.of("/src"),
                Map.of("local", "unix:///e.sock"), 1);

        assertThat(first).containsEntry("slipway.instance-id", "slipway-rollout-0").containsEntry("quarkus.http.port", "0");
        assertThat(second).containsEntry("slipway.instance-id", "slipway-rollout-1").containsEntry("quarkus.http.port", "0");
        assertThat(PipelineService.ROLLOUT.properties("127.0.0.1:9092", "unix:///e.sock", Path.of("/src"),
                Map.of("local", "unix:///e.sock"))).isEqualTo(first);
    }

    @Test
    void slipwayLocalKeepsOneInstanceOnePartitionAndTheBrokerInItsJvm() {
        LocalPipeline.Settings settings = new LocalPipeline.Settings(Path.of("/repo"), "unix:///e.sock", Path.of("/repo"),
                Path.of("/run"), Duration.ofMinutes(1));

        assertThat(settings.layout()).isEqualTo(LocalPipeline.Layout.SINGLE)
                .isEqualTo(new LocalPipeline.Layout(1, 1, false));
        LocalPipeline.Settings scaled = settings.withLayout(new LocalPipeline.Layout(2, 3, true))
                .withProperties(PipelineService.BUILDER, Map.of("k", "v"));
        assertThat(scaled.layout()).isEqualTo(new LocalPipeline.Layout(2, 3, true));
        assertThat(scaled.properties().get(PipelineService.BUILDER)).containsEntry("k", "v");
    }

    @Test
    void aLayoutNeedsAnInstanceAndAPartition() {
        assertThatThrownBy(() -> new LocalPipeline.Layout(0, 2, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a layout needs at least one instance of each stage and one partition per topic, not 0 and 2");
        assertThatThrownBy(() -> new LocalPipeline.Layout(2, 0, false)).isInstanceOf(IllegalArgumentException.class);
    }
}
