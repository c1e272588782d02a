package dev.slipway.rollout.kubernetes.sim;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * In front of the CRUD mock: records every request (method and path) and serves
 * {@code pods/{pod}/log} like the kubelet would, from the logs the simulated containers wrote.
 */
public final class RecordingDispatcher extends Dispatcher {
    private static final Pattern LOG = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/?]+)/log(\\?.*)?");

    /** One request as the API server saw it, with the client's User-Agent. */
    public record Request(String method, String path, String userAgent) {}

    private final Dispatcher crud;
    private final ContainerLogs logs;
    final List<Request> requests = new CopyOnWriteArrayList<>();

    RecordingDispatcher(Dispatcher crud, ContainerLogs logs) {
        this.crud = crud;
        this.logs = logs;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(new Request(request.getMethod(), request.getPath(), request.getHeader("User-Agent")));
        Matcher log = LOG.matcher(request.getPath());
        if ("GET".equals(request.getMethod()) && log.matches()) {
            Map<String, String> query = query(log.group(3));
            String text = logs.read(log.group(1), log.group(2), query.get("container"), "true".equals(query.get("previous")),
                    query.containsKey("tailLines") ? Integer.parseInt(query.get("tailLines")) : Integer.MAX_VALUE);
            if (text == null) {
                return new MockResponse().setResponseCode(400).setBody("{\"kind\":\"Status\",\"status\":\"Failure\","
                        + "\"message\":\"previous terminated container not found\",\"code\":400}");
            }
            return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain").setBody(text);
        }
        return crud.dispatch(request);
    }

    private static Map<String, String> query(String query) {
        Map<String, String> params = new HashMap<>();
        if (query == null || query.length() < 2) {
            return params;
        }
        for (String pair : query.substring(1).split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    @Override
    public void shutdown() {
        crud.shutdown();
    }
}
