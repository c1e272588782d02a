package dev.slipway.cli.plan;

import java.util.ArrayList;
import java.util.List;

/** Every problem found in one plan file, each as {@code <file>: <field path>: <what is wrong and what was expected>}. */
final class PlanErrors {
    private final String file;
    private final List<String> errors = new ArrayList<>();

    PlanErrors(String file) {
        this.file = file;
    }

    void add(YamlField field, String message) {
        add(field.path(), message);
    }

    void add(String path, String message) {
        errors.add(file + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    void addFileProblem(String message) {
        errors.add(file + ": " + message);
    }

    int count() {
        return errors.size();
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidPlanException(errors);
        }
    }
}
