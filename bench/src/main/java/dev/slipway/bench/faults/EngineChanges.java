package dev.slipway.bench.faults;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The side effects the engine reports between two instants: container creates and starts, image tags and loads. */
record EngineChanges(List<String> creates, List<String> starts, List<String> tags, List<String> loads) {
    static EngineChanges between(DockerClient docker, Instant from, Instant to) throws InterruptedException {
        EngineChanges changes = new EngineChanges(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        ResultCallback.Adapter<Event> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Event event) {
                Map<String, String> attributes = event.getActor() == null || event.getActor().getAttributes() == null
                        ? Map.of() : event.getActor().getAttributes();
                String name = attributes.getOrDefault("name", event.getId());
                switch (String.valueOf(event.getAction())) {
                    case "create" -> changes.creates().add(name);
                    case "start" -> changes.starts().add(name);
                    case "tag" -> changes.tags().add(name);
                    case "load", "import" -> changes.loads().add(name);
                    default -> { }
                }
            }
        };
        docker.eventsCmd().withSince(Long.toString(from.getEpochSecond())).withUntil(Long.toString(to.getEpochSecond() + 1))
                .exec(callback).awaitCompletion(30, TimeUnit.SECONDS);
        return changes;
    }

    long createsOf(String container) {
        return creates.stream().filter(container::equals).count();
    }

    long startsOf(String container) {
        return starts.stream().filter(container::equals).count();
    }

    long tagsOf(String imagePrefix, String version) {
        return tags.stream().filter(tag -> tag.startsWith(imagePrefix) && tag.endsWith(":" + version)).count();
    }
}
