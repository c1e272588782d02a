package dev.slipway.verifier.state;

import java.util.List;
import dev.slipway.events.names.ReleaseId;
import dev.slipway.verifier.decision.ReleaseProgress;

/** Where the verifier keeps each release's progress so that it survives a restart. */
public interface ProgressStore {
    /** The release's progress as last saved (by this or an earlier run), or none yet. */
    ReleaseProgress progress(ReleaseId release);

    /** Every release that has progress but no verdict sent yet. */
    List<ReleaseProgress> unfinished();

    /** Every release whose Verified was sent. */
    List<ReleaseProgress> finished();

    /** Saves durably; returns only when a restarted verifier would read it back. */
    void save(ReleaseProgress progress);

    /** Drops the release's progress durably (a tombstone on the compacted topic): a restarted verifier no longer has it. */
    void forget(ReleaseId release);
}
