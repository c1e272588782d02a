package dev.slipway.console.api;

/** The body of an error answer: what went wrong, in a sentence. */
public record ApiError(int status, String error) {}
