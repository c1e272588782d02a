package dev.slipway.events.plan;

import java.net.URI;
import java.util.List;

/** An HTTP endpoint that must answer one of the expected statuses, with the body containing a fragment if given. */
public record HttpCheck(URI url, List<Integer> expectStatus, String bodyContains, int timeoutSeconds) {
    public HttpCheck {
        if (url == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw new IllegalArgumentException("http check url '" + url + "' must be an http or https URL");
        }
        expectStatus = expectStatus == null || expectStatus.isEmpty() ? List.of(200) : List.copyOf(expectStatus);
        timeoutSeconds = timeoutSeconds <= 0 ? 5 : timeoutSeconds;
    }
}
