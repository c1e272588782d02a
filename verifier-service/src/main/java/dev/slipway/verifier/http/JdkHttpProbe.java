package dev.slipway.verifier.http;

import dev.slipway.verifier.decision.HttpObservation;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@link HttpProbe} with the JDK's HttpClient. Redirects are not followed (a 302 is what the check
 * sees); at most {@value #MAX_BODY_BYTES} bytes of the body are read.
 */
@Singleton
public class JdkHttpProbe implements HttpProbe {
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Override
    public HttpObservation get(URI url, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(url).GET().timeout(timeout).build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                String text = new String(body.readNBytes(MAX_BODY_BYTES), StandardCharsets.UTF_8);
                return HttpObservation.answered(response.statusCode(), text);
            }
        } catch (HttpConnectTimeoutException e) {
            return HttpObservation.failed("no connection to " + endpoint(url) + " within " + seconds(timeout));
        } catch (HttpTimeoutException e) {
            return HttpObservation.failed("no answer from " + endpoint(url) + " within " + seconds(timeout));
        } catch (ConnectException e) {
            return HttpObservation.failed("connection refused to " + endpoint(url));
        } catch (UnknownHostException e) {
            return HttpObservation.failed("unknown host " + url.getHost());
        } catch (IOException e) {
            return HttpObservation.failed("error talking to " + endpoint(url) + ": " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HttpObservation.failed("interrupted while calling " + endpoint(url));
        }
    }

    static String endpoint(URI url) {
        int port = url.getPort() != -1 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
        return url.getHost() + ":" + port;
    }

    private static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms";
    }

    private static String describe(IOException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
