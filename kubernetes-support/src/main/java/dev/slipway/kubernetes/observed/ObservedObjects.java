package dev.slipway.kubernetes.observed;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;

/**
 * Reads an object of the API server into the narrow record of the fields Slipway uses ({@link ObservedWorkload},
 * {@link ObservedPod}, ...), from a fabric8 generic resource (what the informers and reads hand over) or from any
 * other form of the same JSON. Every field not named in the record is skipped, so Jackson never builds readers for
 * fabric8's full model of the kind: a pod's spec alone reaches some 500 classes of volumes, probes, affinities and
 * security contexts, with their builders, and their reflection data stays on the heap (BENCHMARKS.md, memory in
 * the pods).
 */
public final class ObservedObjects {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private ObservedObjects() {}

    /** {@code source} (a fabric8 object, a map, a JSON tree) read as {@code type}; null for null. */
    public static <T> T read(Object source, Class<T> type) {
        return source == null ? null : JSON.convertValue(source, type);
    }

    /** Each of {@code sources} read as {@code type}. */
    public static <T> List<T> readAll(List<?> sources, Class<T> type) {
        return sources.stream().map(source -> read(source, type)).toList();
    }

    /** The mapper the records are read with (for JSON written back, e.g. a pod template in a patch). */
    public static ObjectMapper json() {
        return JSON;
    }
}
