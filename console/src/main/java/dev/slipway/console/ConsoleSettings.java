package dev.slipway.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The console's own settings. The broker is {@code kafka.bootstrap.servers} and the five topics are
 * {@code slipway.topic.<channel>}, the same keys and defaults as the stages; the HTTP port is {@code quarkus.http.port}.
 */
@ConfigMapping(prefix = "slipway.console")
public interface ConsoleSettings {
    /** The compacted topic holding the index: one record per release (key = release id) and the positions read. */
    @WithDefault("slipway.console-index")
    String indexTopic();

    /** How many releases' events are kept in memory to update their records without reading the topics again. */
    @WithDefault("5000")
    int cachedReleases();

    /** The largest page {@code GET /api/releases} returns. */
    @WithDefault("500")
    int maxPage();
}
