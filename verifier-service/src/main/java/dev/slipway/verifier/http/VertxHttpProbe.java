package dev.slipway.verifier.http;

import dev.slipway.verifier.decision.HttpObservation;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link HttpProbe} on the service's own Vert.x HTTP client (the one the Kubernetes client already uses): the JDK's
 * HttpClient would load ~480 classes and start 4 threads more in the verifier's pod for these few requests (issue 11).
 * Redirects are not followed (a 302 is what the check sees); at most {@value #MAX_BODY_BYTES} bytes of the body are
 * read. https URLs are checked against the JDK's trusted authorities and the host name. Called from worker threads:
 * it waits for the answer.
 */
@Singleton
public class VertxHttpProbe implements HttpProbe {
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long past the timeout to wait for Vert.x to report it before giving up on the request here. */
    private static final long GRACE_MILLIS = 1000;

    private final HttpClient client;

    @Inject
    public VertxHttpProbe(Vertx vertx) {
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) CONNECT_TIMEOUT.toMillis())
                .setKeepAlive(false)
                .setVerifyHost(true)
                .setTrustAll(false));
    }

    @Override
    public HttpObservation get(URI url, Duration timeout) {
        long millis = Math.max(1, timeout.toMillis());
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setAbsoluteURI(url.toString())
                .setFollowRedirects(false)
                .setConnectTimeout(Math.min(CONNECT_TIMEOUT.toMillis(), millis))
                .setTimeout(millis);
        CompletableFuture<HttpObservation> answer = new CompletableFuture<>();
        client.request(options).onComplete(connected -> {
            if (connected.failed()) {
                answer.complete(notConnected(url, timeout, connected.cause()));
                return;
            }
            connected.result().send().onComplete(sent -> {
                if (sent.failed()) {
                    answer.complete(notAnswered(url, timeout, sent.cause()));
                } else {
                    read(sent.result(), url, timeout, answer);
                }
            });
        });
        try {
            return answer.get(millis + GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return HttpObservation.failed("no answer from " + endpoint(url) + " within " + seconds(timeout));
        } catch (ExecutionException e) {
            return HttpObservation.failed("error talking to " + endpoint(url) + ": " + describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HttpObservation.failed("interrupted while calling " + endpoint(url));
        }
    }

    /** Keeps the first {@value #MAX_BODY_BYTES} bytes of the body; answers at its end, or once that many came. */
    private static void read(HttpClientResponse response, URI url, Duration timeout, CompletableFuture<HttpObservation> answer) {
        Buffer body = Buffer.buffer();
        response.exceptionHandler(failure -> answer.complete(notAnswered(url, timeout, failure)));
        response.handler(chunk -> {
            int room = MAX_BODY_BYTES - body.length();
            if (room > 0) {
                body.appendBuffer(chunk, 0, Math.min(room, chunk.length()));
            }
            if (body.length() >= MAX_BODY_BYTES && answer.complete(answered(response, body))) {
                response.request().reset();
            }
        });
        response.endHandler(end -> answer.complete(answered(response, body)));
    }

    private static HttpObservation answered(HttpClientResponse response, Buffer body) {
        return HttpObservation.answered(response.statusCode(), body.toString(StandardCharsets.UTF_8));
    }

    private static HttpObservation notConnected(URI url, Duration timeout, Throwable failure) {
        if (failure instanceof TimeoutException || failure instanceof ConnectTimeoutException) {
            return HttpObservation.failed("no connection to " + endpoint(url) + " within " + seconds(timeout));
        }
        if (failure instanceof ConnectException) {
            return HttpObservation.failed("connection refused to " + endpoint(url));
        }
        if (failure instanceof UnknownHostException) {
            return HttpObservation.failed("unknown host " + url.getHost());
        }
        return HttpObservation.failed("error talking to " + endpoint(url) + ": " + describe(failure));
    }

    private static HttpObservation notAnswered(URI url, Duration timeout, Throwable failure) {
        if (failure instanceof TimeoutException) {
            return HttpObservation.failed("no answer from " + endpoint(url) + " within " + seconds(timeout));
        }
        return HttpObservation.failed("error talking to " + endpoint(url) + ": " + describe(failure));
    }

    static String endpoint(URI url) {
        int port = url.getPort() != -1 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
        return url.getHost() + ":" + port;
    }

    private static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms";
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
