package dev.slipway.cli.plan;

import java.util.List;

/** A release plan that cannot be released: carries every problem found, one line each, so the user fixes all at once. */
public final class InvalidPlanException extends RuntimeException {
    private final List<String> errors;

    InvalidPlanException(List<String> errors) {
        super(String.join(System.lineSeparator(), errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
