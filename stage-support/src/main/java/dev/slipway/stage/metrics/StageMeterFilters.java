package dev.slipway.stage.metrics;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every metric of a service, the Kafka clients' included, carries {@code stage="<stage>"} (from
 * {@code quarkus.application.name}), so that a query can join a stage's consumer lag with its progress.
 */
@Singleton
public class StageMeterFilters {
    @Produces
    @Singleton
    MeterFilter stageTag(@ConfigProperty(name = "quarkus.application.name") String application) {
        return MeterFilter.commonTags(List.of(Tag.of(MetricNames.STAGE, StageName.ofApplication(application).value())));
    }
}
