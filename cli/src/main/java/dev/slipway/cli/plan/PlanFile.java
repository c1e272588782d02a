package dev.slipway.cli.plan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.slipway.events.plan.ReleasePlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a release plan (slipway.yaml): YAML into a tree, then every field checked into the
 * events-schema plan records. Paths in the plan are checked against the source root: the plan
 * file's folder unless given.
 */
public final class PlanFile {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder().build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private PlanFile() {}

    /** Reads the plan with its own folder as the source root. */
    public static ReleasePlan read(Path file) {
        return read(file, sourceRootOf(file));
    }

    /** Reads the plan; throws {@link InvalidPlanException} listing every problem found. */
    public static ReleasePlan read(Path file, Path sourceRoot) {
        PlanErrors errors = new PlanErrors(file.toString());
        JsonNode tree = parse(file, errors);
        if (tree == null) {
            errors.throwIfAny();
        }
        Optional<SourceTree> source = SourceTree.at(sourceRoot, errors);
        ReleasePlan plan = new PlanParser(errors, source).parse(YamlField.root(tree));
        errors.throwIfAny();
        return plan;
    }

    /** The folder holding the plan file: the default source root. */
    public static Path sourceRootOf(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        return parent == null ? Path.of(".").toAbsolutePath() : parent;
    }

    private static JsonNode parse(Path file, PlanErrors errors) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            errors.addFileProblem("file not found (expected a release plan, e.g. examples/shop/slipway.yaml)");
            return null;
        } catch (IOException e) {
            errors.addFileProblem("cannot read the file: " + e.getMessage());
            return null;
        }
        try {
            JsonNode tree = YAML.readTree(text);
            if (tree == null || tree.isMissingNode()) {
                errors.addFileProblem("the file is empty: expected a release plan with release, services, rollout, checks");
                return null;
            }
            return tree;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            errors.addFileProblem(where + "not valid YAML: " + e.getOriginalMessage());
            return null;
        }
    }
}
