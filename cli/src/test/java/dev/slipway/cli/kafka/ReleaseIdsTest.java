package dev.slipway.cli.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.events.names.InvalidNameException;
import dev.slipway.events.names.ReleaseName;
import dev.slipway.events.names.Version;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReleaseIdsTest {
    @Test
    void joinsReleaseVersionAndEightRandomHexDigitsInLowercase() {
        assertThat(ReleaseIds.next(ReleaseName.of("shop"), Version.of("2.1.0-RC1"), new Random(7)).value())
                .matches("shop-2\\.1\\.0-rc1-[0-9a-f]{8}");
    }

    @Test
    void refusesAnIdThatWouldBeTooLong() {
        assertThatThrownBy(() -> ReleaseIds.next(ReleaseName.of("shop"), Version.of("v".repeat(100)), new Random(7)))
                .isInstanceOf(InvalidNameException.class)
                .hasMessageStartingWith("release id 'shop-vvv");
    }
}
