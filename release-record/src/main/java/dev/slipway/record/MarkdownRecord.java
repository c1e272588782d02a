package dev.slipway.record;

import dev.slipway.record.AuditRecord.Build;
import dev.slipway.record.AuditRecord.Check;
import dev.slipway.record.AuditRecord.Distribution;
import dev.slipway.record.AuditRecord.Failure;
import dev.slipway.record.AuditRecord.NodeDelivery;
import dev.slipway.record.AuditRecord.Request;
import dev.slipway.record.AuditRecord.Rollout;
import dev.slipway.record.AuditRecord.ServiceRecord;
import dev.slipway.record.AuditRecord.StageTime;
import dev.slipway.record.AuditRecord.WorkloadChange;

/** The audit record as a Markdown document: a section per part of the record, tables in the record's order. */
public final class MarkdownRecord {
    private MarkdownRecord() {}

    public static String render(AuditRecord record) {
        StringBuilder out = new StringBuilder();
        out.append("# Release ").append(record.releaseId()).append("\n\n");
        out.append("**").append(state(record)).append("**\n\n");
        request(out, record.request());
        images(out, record);
        distribution(out, record);
        rollout(out, record);
        failures(out, record);
        checks(out, record);
        verdict(out, record);
        timings(out, record);
        return out.toString();
    }

    private static String state(AuditRecord record) {
        return record.outcome().finished() ? record.outcome().state()
                : "IN PROGRESS (no verdict yet; last stage reached: " + record.outcome().lastStage() + ")";
    }

    private static void request(StringBuilder out, Request request) {
        out.append("## Request\n\n");
        if (request == null) {
            out.append("The build request is not among the events.\n\n");
            return;
        }
        String commit = request.commit() == null ? "none recorded"
                : request.commit() + (request.dirty() ? " with uncommitted changes (dirty)" : "")
                        + (request.workingTree() ? ", built from the working tree" : "");
        out.append(new MarkdownTable("", "")
                .row("release", request.release())
                .row("version", request.version())
                .row("services", String.join(", ", request.services()))
                .row("commit", commit)
                .row("replaces an earlier build of the version", request.replaceVersion() ? "yes" : "no")
                .row("requested at", request.requestedAt())
                .render()).append('\n');
    }

    private static void images(StringBuilder out, AuditRecord record) {
        MarkdownTable table = new MarkdownTable("service", "outcome", "image", "id", "size", "layers", "build time", "error");
        for (ServiceRecord service : record.services()) {
            for (Build build : service.builds()) {
                table.row(service.name(), build.outcome(), build.image(), build.imageId(),
                        build.sizeBytes() == null ? null : bytes(build.sizeBytes()), build.layers(),
                        Units.seconds(build.buildMillis()), build.error());
            }
        }
        section(out, "Images", table, "No image-built event.");
    }

    private static void distribution(StringBuilder out, AuditRecord record) {
        MarkdownTable nodes = new MarkdownTable("service", "node", "result", "bytes", "duration", "error");
        MarkdownTable registries = new MarkdownTable("service", "registry", "reference", "manifest digest", "result",
                "bytes", "duration", "error");
        for (ServiceRecord service : record.services()) {
            for (Distribution distribution : service.distributions()) {
                for (NodeDelivery node : distribution.nodes()) {
                    nodes.row(service.name(), node.node(), node.result(), bytes(node.bytes()),
                            Units.seconds(node.durationMillis()), node.error());
                }
                if (distribution.nodes().isEmpty()) {
                    nodes.row(service.name(), null, distribution.outcome(), null, null, distribution.error());
                }
                if (distribution.registry() != null) {
                    var push = distribution.registry();
                    registries.row(service.name(), push.registry(), push.ref(), push.manifestDigest(), push.result(),
                            bytes(push.bytes()), Units.seconds(push.durationMillis()), push.error());
                }
            }
        }
        section(out, "Distribution", nodes, "No image-distributed event.");
        if (!registries.isEmpty()) {
            out.append("### Registry\n\n").append(registries.render()).append('\n');
        }
    }

    private static void rollout(StringBuilder out, AuditRecord record) {
        MarkdownTable table = new MarkdownTable("service", "node", "workload", "previous image", "new image", "outcome",
                "duration", "diagnosis");
        for (ServiceRecord service : record.services()) {
            for (Rollout rollout : service.rollouts()) {
                for (WorkloadChange workload : rollout.workloads()) {
                    table.row(service.name(), workload.node(), workload.target(),
                            workload.previousImage() == null ? "not recorded" : workload.previousImage(),
                            workload.newImage(), workload.outcome() == null ? rollout.outcome() : workload.outcome(),
                            Units.seconds(rollout.durationMillis()), workload.diagnosis());
                }
                if (rollout.workloads().isEmpty()) {
                    table.row(service.name(), null, null, null, rollout.newImage(), rollout.outcome(),
                            Units.seconds(rollout.durationMillis()), rollout.diagnosis());
                }
            }
        }
        section(out, "Rollout", table, "No rollout-done event.");
    }

    private static void failures(StringBuilder out, AuditRecord record) {
        MarkdownTable table = new MarkdownTable("stage", "service", "node", "check", "outcome", "diagnosis");
        for (Failure failure : record.failures()) {
            table.row(failure.stage(), failure.service(), failure.node(), failure.check(), failure.outcome(), failure.diagnosis());
        }
        section(out, "Failures", table, "None.");
    }

    private static void checks(StringBuilder out, AuditRecord record) {
        MarkdownTable table = new MarkdownTable("check", "kind", "expected", "observed", "result");
        for (Check check : record.checks()) {
            table.row(check.name(), check.kind(), check.expected(), check.observed(), check.passed() ? "pass" : "FAIL");
        }
        section(out, "Checks", table, record.outcome().finished() ? "The verdict ran no check." : "Not run yet.");
    }

    private static void verdict(StringBuilder out, AuditRecord record) {
        out.append("## Verdict\n\n");
        if (!record.outcome().finished()) {
            out.append("No verdict yet.\n\n");
            return;
        }
        out.append(record.outcome().state()).append(" at ").append(record.outcome().verifiedAt()).append("\n\n");
        if (record.outcome().diagnosis() != null && !record.outcome().diagnosis().isBlank()) {
            out.append("Diagnosis:\n\n");
            record.outcome().diagnosis().strip().lines().forEach(line -> out.append("    ").append(line).append('\n'));
            out.append('\n');
        }
    }

    private static void timings(StringBuilder out, AuditRecord record) {
        MarkdownTable table = new MarkdownTable("stage", "duration");
        for (StageTime stage : record.timings()) {
            table.row(stage.stage(), Units.seconds(stage.millis()));
        }
        if (record.totalMillis() != null) {
            table.row("total", Units.seconds(record.totalMillis()));
        }
        out.append("## Stage timings (from event times)\n\n");
        out.append(table.isEmpty() ? "No stage has reported yet.\n" : table.render());
    }

    private static void section(StringBuilder out, String title, MarkdownTable table, String whenEmpty) {
        out.append("## ").append(title).append("\n\n").append(table.isEmpty() ? whenEmpty + "\n" : table.render()).append('\n');
    }

    private static String bytes(long bytes) {
        return bytes + " (" + Units.bytes(bytes) + ")";
    }
}
