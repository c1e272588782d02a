package dev.slipway.events;

/** One row of the verdict: what was expected, what was observed, and whether they agree. */
public record CheckResult(String name, String kind, String expected, String observed, boolean passed) {}
