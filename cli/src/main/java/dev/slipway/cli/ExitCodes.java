package dev.slipway.cli;

/** What the slipway command's exit status means. */
public final class ExitCodes {
    /** The release ended PASSED (or the command did what was asked). */
    public static final int PASSED = 0;
    /** The release ended FAILED; the diagnosis was printed. */
    public static final int FAILED = 1;
    /** Nothing was done: bad arguments, an invalid plan, an unreachable broker or engine, a missing service jar. */
    public static final int CANNOT_START = 2;
    /** No verdict arrived within the timeout. */
    public static final int TIMED_OUT = 3;
    /** The release asked for is not on the topics (slipway watch, slipway audit). */
    public static final int NOT_FOUND = 4;

    private ExitCodes() {}
}
