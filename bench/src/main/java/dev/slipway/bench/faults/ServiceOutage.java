package dev.slipway.bench.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Watches the release's endpoints while it runs, as a user of the service would see it: every 20 ms each URL is
 * asked once (200 ms timeout); any HTTP answer, whatever its status, counts as up, no answer (refused, reset,
 * timed out) as down. {@link #stop} returns the longest time any one of them was down, in ms, from the first
 * failed request to the next answer (or to the stop).
 */
final class ServiceOutage {
    private static final Duration EVERY = Duration.ofMillis(20);
    private static final Duration TIMEOUT = Duration.ofMillis(200);

    private final List<URI> urls;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final Thread thread;
    private final long[] downSince;
    private volatile long longest;

    private ServiceOutage(List<URI> urls) {
        this.urls = urls;
        this.downSince = new long[urls.size()];
        this.thread = new Thread(this::watch, "faults-outage-probe");
        this.thread.setDaemon(true);
    }

    static ServiceOutage watch(List<URI> urls) {
        ServiceOutage outage = new ServiceOutage(urls);
        outage.thread.start();
        return outage;
    }

    /** Stops watching; the longest outage of any endpoint in ms (0 when every request was answered). */
    double stop() throws InterruptedException {
        running.set(false);
        thread.join();
        long now = System.nanoTime();
        for (long since : downSince) {
            if (since != 0) {
                longest = Math.max(longest, now - since);
            }
        }
        return longest / 1e6;
    }

    private void watch() {
        while (running.get()) {
            for (int i = 0; i < urls.size(); i++) {
                boolean up = answers(urls.get(i));
                long now = System.nanoTime();
                if (!up && downSince[i] == 0) {
                    downSince[i] = now;
                } else if (up && downSince[i] != 0) {
                    longest = Math.max(longest, now - downSince[i]);
                    downSince[i] = 0;
                }
            }
            try {
                Thread.sleep(EVERY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean answers(URI url) {
        try {
            http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
