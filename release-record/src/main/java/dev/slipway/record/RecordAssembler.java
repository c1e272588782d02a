package dev.slipway.record;

import dev.slipway.record.AuditRecord.Build;
import dev.slipway.record.AuditRecord.Check;
import dev.slipway.record.AuditRecord.Distribution;
import dev.slipway.record.AuditRecord.NodeDelivery;
import dev.slipway.record.AuditRecord.Outcome;
import dev.slipway.record.AuditRecord.RegistryPush;
import dev.slipway.record.AuditRecord.Request;
import dev.slipway.record.AuditRecord.Rollout;
import dev.slipway.record.AuditRecord.ServiceRecord;
import dev.slipway.record.AuditRecord.StageTime;
import dev.slipway.record.AuditRecord.WorkloadChange;
import dev.slipway.events.BuildRequested;
import dev.slipway.events.BuiltImage;
import dev.slipway.events.EventType;
import dev.slipway.events.ImageBuilt;
import dev.slipway.events.ImageDistributed;
import dev.slipway.events.RegistryResult;
import dev.slipway.events.RolloutDone;
import dev.slipway.events.Verified;
import dev.slipway.events.names.ServiceName;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Builds a release's {@link AuditRecord} from its events, in any order and with duplicates: the same events give the same record. */
public final class RecordAssembler {
    private RecordAssembler() {}

    public static AuditRecord assemble(String releaseId, List<ReleaseEvent> events) {
        List<ReleaseEvent> distinct = DistinctEvents.of(events);
        Optional<BuildRequested> request = first(distinct, EventType.BUILD_REQUESTED, BuildRequested.class);
        Optional<ReleaseEvent> verified = distinct.stream().filter(e -> e.type() == EventType.VERIFIED).findFirst();
        List<ServiceRecord> services = serviceNames(distinct, request).stream().map(name -> service(name, distinct)).toList();
        List<Check> checks = verified.map(v -> v.as(Verified.class).checks().stream()
                .map(c -> new Check(c.name(), c.kind(), c.expected(), c.observed(), c.passed())).toList()).orElse(List.of());
        List<StageTime> timings = StageTimings.stages(distinct).stream()
                .map(stage -> new StageTime(stage.name(), stage.duration().toMillis())).toList();
        Optional<Instant> requestedTime = StageTimings.last(distinct, EventType.BUILD_REQUESTED);
        Long total = requestedTime.isPresent() && verified.isPresent()
                ? Duration.between(requestedTime.get(), verified.get().time()).toMillis() : null;
        return new AuditRecord(releaseId, request.map(RecordAssembler::request).orElse(null), services,
                FailureFinder.find(distinct), checks, outcome(distinct, verified), timings, total);
    }

    private static Request request(BuildRequested request) {
        return new Request(request.plan().release().value(), request.version().value(),
                request.plan().serviceNames().stream().map(ServiceName::value).toList(),
                request.source() == null ? null : request.source().commit(),
                request.source() != null && request.source().dirty(),
                request.source() != null && request.source().workingTree(), request.replaceVersion(),
                request.requestedAt().toString());
    }

    /** The plan's services in its order, then any other service an event names, by name. */
    private static List<String> serviceNames(List<ReleaseEvent> events, Optional<BuildRequested> request) {
        Set<String> names = new LinkedHashSet<>();
        request.ifPresent(r -> r.plan().serviceNames().forEach(n -> names.add(n.value())));
        Set<String> others = new TreeSet<>();
        for (ReleaseEvent event : events) {
            event.service().ifPresent(others::add);
        }
        names.addAll(others);
        return List.copyOf(names);
    }

    private static ServiceRecord service(String name, List<ReleaseEvent> events) {
        List<Build> builds = new ArrayList<>();
        List<Distribution> distributions = new ArrayList<>();
        List<Rollout> rollouts = new ArrayList<>();
        for (ReleaseEvent event : events) {
            if (!event.service().map(name::equals).orElse(false)) {
                continue;
            }
            String at = event.time().toString();
            switch (event.type()) {
                case IMAGE_BUILT -> builds.add(build(event.as(ImageBuilt.class), at));
                case IMAGE_DISTRIBUTED -> distributions.add(distribution(event.as(ImageDistributed.class), at));
                case ROLLOUT_DONE -> rollouts.add(rollout(event.as(RolloutDone.class), at));
                default -> { }
            }
        }
        return new ServiceRecord(name, builds, distributions, rollouts);
    }

    private static Build build(ImageBuilt built, String at) {
        BuiltImage image = built.image();
        return new Build(built.outcome().name(), image == null ? null : image.ref().value(),
                image == null ? null : image.id().value(), image == null ? null : image.sizeBytes(),
                image == null ? null : image.layers(), built.buildMillis(), built.error(), at);
    }

    private static Distribution distribution(ImageDistributed distributed, String at) {
        List<NodeDelivery> nodes = distributed.nodes().stream().map(n -> new NodeDelivery(n.node().value(),
                n.outcome().name(), n.bytes(), n.durationMillis(), n.error())).toList();
        RegistryResult registry = distributed.registry();
        RegistryPush push = registry == null ? null : new RegistryPush(registry.registry(),
                registry.ref() == null ? null : registry.ref().value(), registry.manifestDigest(),
                registry.outcome().name(), registry.bytes(), registry.durationMillis(), registry.error());
        return new Distribution(distributed.outcome().name(), nodes, push, distributed.error(), at);
    }

    private static Rollout rollout(RolloutDone done, String at) {
        String image = done.image() == null ? null : done.image().reference();
        List<WorkloadChange> workloads = done.nodes().stream().map(n -> new WorkloadChange(n.node().value(), n.target(),
                n.previousImage(), image, n.outcome() == null ? null : n.outcome().name(), n.diagnosis())).toList();
        return new Rollout(done.outcome().name(), image, workloads, done.diagnosis(), done.durationMillis(), at);
    }

    private static Outcome outcome(List<ReleaseEvent> events, Optional<ReleaseEvent> verified) {
        if (verified.isPresent()) {
            Verified verdict = verified.get().as(Verified.class);
            return new Outcome(verdict.verdict().name(), EventType.VERIFIED.channel(), verdict.diagnosis(),
                    verified.get().time().toString());
        }
        String last = events.stream().map(ReleaseEvent::type).max(Enum::compareTo).map(EventType::channel).orElse(null);
        return new Outcome("IN_PROGRESS", last, null, null);
    }

    private static <T> Optional<T> first(List<ReleaseEvent> events, EventType type, Class<T> recordType) {
        return events.stream().filter(e -> e.type() == type).findFirst().map(e -> e.as(recordType));
    }
}
