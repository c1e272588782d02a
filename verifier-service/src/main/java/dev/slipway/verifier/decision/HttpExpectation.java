package dev.slipway.verifier.decision;

import dev.slipway.events.CheckResult;
import dev.slipway.events.plan.CheckSpec;
import dev.slipway.events.plan.HttpCheck;
import java.net.URI;

/** Whether an HTTP answer is what the check expects, and how both read in the verdict table. */
public final class HttpExpectation {
    public static final String KIND = "http";
    /** How much of the body the observed column shows. */
    static final int EXCERPT_CHARS = 120;

    private HttpExpectation() {}

    public static String expected(HttpCheck check) {
        String statuses = "GET " + shown(check.url()) + " answers " + (check.expectStatus().size() == 1
                ? "status " + check.expectStatus().get(0)
                : "a status in " + check.expectStatus());
        String body = check.bodyContains() == null ? "" : " with body containing \"" + check.bodyContains() + "\"";
        return statuses + body + " within " + check.timeoutSeconds() + "s";
    }

    public static boolean passes(HttpCheck check, HttpObservation seen) {
        return seen.answered()
                && check.expectStatus().contains(seen.status())
                && (check.bodyContains() == null || seen.body().contains(check.bodyContains()));
    }

    public static String observed(HttpObservation seen) {
        if (!seen.answered()) {
            return seen.error();
        }
        String excerpt = excerpt(seen.body());
        return "status " + seen.status() + (excerpt.isEmpty() ? ", empty body" : ", body " + excerpt);
    }

    public static CheckResult result(CheckSpec spec, HttpObservation seen) {
        return new CheckResult(spec.name(), KIND, expected(spec.http()), observed(seen), passes(spec.http(), seen));
    }

    /** The URL as rows and logs show it: any user:password part is masked. */
    static String shown(URI url) {
        if (url.getRawUserInfo() == null) {
            return url.toString();
        }
        return url.toString().replace(url.getRawUserInfo() + "@", "***@");
    }

    /** The body on one line, cut to {@value #EXCERPT_CHARS} characters. */
    static String excerpt(String body) {
        String line = body.replaceAll("\\s+", " ").strip();
        return line.length() <= EXCERPT_CHARS ? line : line.substring(0, EXCERPT_CHARS) + "...";
    }
}
