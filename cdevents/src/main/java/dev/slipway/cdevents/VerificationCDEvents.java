package dev.slipway.cdevents;

import dev.cdevents.events.PipelinerunFinishedCDEvent;
import dev.cdevents.events.TestcaserunFinishedCDEvent;
import dev.cdevents.events.TestsuiterunFinishedCDEvent;
import dev.cdevents.models.CDEvent;
import dev.slipway.events.CheckResult;
import dev.slipway.events.ServiceResult;
import dev.slipway.events.Verdict;
import dev.slipway.events.Verified;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * verified → the verdict in CDEvents:
 * <ul>
 * <li>one {@code testcaserun.finished} per check (subject {@code <release-id>/checks/<n>}, test case
 * {@code <release name>/<check name>}), outcome {@code pass} or {@code fail}, reason
 * {@code expected …; observed …} (and both, with the check's kind, in {@code customData});</li>
 * <li>when checks ran, one {@code testsuiterun.finished} for them (subject {@code <release-id>/checks}, which each
 * test case run names as its suite run): {@code pass} when every check passed;</li>
 * <li>one {@code pipelinerun.finished} for the release (subject the release id, pipeline the release name), outcome
 * {@code success} or {@code failure} with the verdict's diagnosis as {@code errors}.</li>
 * </ul>
 * The environment the checks ran against is the release's name (verified carries no more of the target).
 */
final class VerificationCDEvents {
    static final String TESTCASERUN_FINISHED = "testcaserun.finished";
    static final String TESTSUITERUN_FINISHED = "testsuiterun.finished";
    static final String PIPELINERUN_FINISHED = "pipelinerun.finished";

    private VerificationCDEvents() {}

    static List<CDEvent> of(Verified verified, URI source, Instant at) {
        List<CDEvent> events = new ArrayList<>();
        String suiteRun = verified.releaseId().value() + "/checks";
        String environment = verified.release().value();
        for (int i = 0; i < verified.checks().size(); i++) {
            events.add(testCase(verified, i, suiteRun, environment, source, at));
        }
        if (!verified.checks().isEmpty()) {
            events.add(testSuite(verified, suiteRun, environment, source, at));
        }
        events.add(pipelineRun(verified, source, at));
        return events;
    }

    private static CDEvent testCase(Verified verified, int index, String suiteRun, String environment, URI source,
            Instant at) {
        CheckResult check = verified.checks().get(index);
        TestcaserunFinishedCDEvent event = new TestcaserunFinishedCDEvent();
        event.getContext().setId(CDEventIds.of(verified, TESTCASERUN_FINISHED, index));
        event.getContext().setTimestamp(Date.from(at));
        event.setSource(source);
        event.setSubjectId(suiteRun + "/" + index);
        event.setSubjectOutcome(check.passed()
                ? dev.cdevents.models.testcaserun.finished.Content.Outcome.PASS
                : dev.cdevents.models.testcaserun.finished.Content.Outcome.FAIL);
        event.setSubjectReason("expected " + check.expected() + "; observed " + check.observed());
        event.setSubjectEnvironmentId(environment);
        event.setSubjectTestSuiteRunId(suiteRun);
        event.setSubjectTestCaseId(verified.release().value() + "/" + check.name());
        event.setSubjectTestCaseName(check.name());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("release", verified.releaseId().value());
        data.put("check", check.name());
        data.put("kind", check.kind());
        data.put("expected", check.expected());
        data.put("observed", check.observed());
        data.put("passed", check.passed());
        event.setCustomData(data);
        return event;
    }

    private static CDEvent testSuite(Verified verified, String suiteRun, String environment, URI source, Instant at) {
        long failed = verified.checks().stream().filter(check -> !check.passed()).count();
        TestsuiterunFinishedCDEvent event = new TestsuiterunFinishedCDEvent();
        event.getContext().setId(CDEventIds.of(verified, TESTSUITERUN_FINISHED));
        event.getContext().setTimestamp(Date.from(at));
        event.setSource(source);
        event.setSubjectId(suiteRun);
        event.setSubjectOutcome(failed == 0
                ? dev.cdevents.models.testsuiterun.finished.Content.Outcome.PASS
                : dev.cdevents.models.testsuiterun.finished.Content.Outcome.FAIL);
        event.setSubjectReason(failed + " of " + verified.checks().size() + " checks failed");
        event.setSubjectEnvironmentId(environment);
        event.setSubjectTestSuiteId(verified.release().value() + "/checks");
        event.setSubjectTestSuiteName(verified.release().value() + " checks");
        event.setSubjectTestSuiteVersion(verified.version().value());
        return event;
    }

    private static CDEvent pipelineRun(Verified verified, URI source, Instant at) {
        PipelinerunFinishedCDEvent event = new PipelinerunFinishedCDEvent();
        event.getContext().setId(CDEventIds.of(verified, PIPELINERUN_FINISHED));
        event.getContext().setTimestamp(Date.from(at));
        event.setSource(source);
        event.setSubjectId(verified.releaseId().value());
        event.setSubjectPipelineName(verified.release().value());
        event.setSubjectOutcome(verified.verdict() == Verdict.PASSED ? "success" : "failure");
        if (verified.verdict() == Verdict.FAILED && verified.diagnosis() != null) {
            event.setSubjectErrors(verified.diagnosis());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("release", verified.releaseId().value());
        data.put("version", verified.version().value());
        data.put("verdict", verified.verdict().name());
        data.put("services", verified.services().stream().map(VerificationCDEvents::service).toList());
        event.setCustomData(data);
        return event;
    }

    private static Map<String, Object> service(ServiceResult service) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("service", service.service().value());
        row.put("outcome", service.outcome().name());
        if (service.diagnosis() != null) {
            row.put("diagnosis", service.diagnosis());
        }
        return row;
    }
}
