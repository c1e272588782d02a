package dev.slipway.verifier.stage;

import dev.slipway.events.names.ReleaseId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A lock per release, held only while a release is being worked on (then forgotten): one release's
 * RolloutDones are handled in turn, different releases at once.
 */
final class ReleaseLocks {
    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    private final Map<ReleaseId, Entry> entries = new HashMap<>();

    void run(ReleaseId release, Runnable work) {
        Entry entry;
        synchronized (entries) {
            entry = entries.computeIfAbsent(release, key -> new Entry());
            entry.users++;
        }
        entry.lock.lock();
        try {
            work.run();
        } finally {
            entry.lock.unlock();
            synchronized (entries) {
                if (--entry.users == 0) {
                    entries.remove(release);
                }
            }
        }
    }
}
