package dev.slipway.rollout.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.Labels;
import dev.slipway.events.names.ContainerName;
import dev.slipway.events.plan.RolloutPolicy;
import dev.slipway.events.plan.ServicePlan;
import dev.slipway.rollout.testing.Events;
import org.junit.jupiter.api.Test;

class ContainerSpecsTest {
    @Test
    void theContainerCarriesThePlansLabelsAndSlipwaysOwn() {
        ServicePlan api = Events.service("api", ContainerName.of("example-api"), 18080);
        ContainerSpec spec = ContainerSpecs.of(Events.release("example-2", "2.1.0", api, RolloutPolicy.DEFAULT), api,
                api.docker(), Events.image(api, "2.1.0", Events.fakeId('a')));
        assertThat(spec.name()).isEqualTo(ContainerName.of("example-api"));
        assertThat(spec.image()).isEqualTo(Events.fakeId('a'));
        assertThat(spec.env()).containsEntry("MODE", "test");
        assertThat(spec.labels()).containsEntry("team", "rollout").containsEntry(Labels.RELEASE_ID, "example-2")
                .containsEntry(Labels.SERVICE, "api").containsEntry(Labels.VERSION, "2.1.0");
    }

    @Test
    void thePreviousContainerIsNamedAfterTheService() {
        assertThat(ContainerNames.previousOf(ContainerName.of("example-api"))).isEqualTo(ContainerName.of("example-api.previous"));
    }
}
