package dev.slipway.distributor.docker;

import com.github.dockerjava.api.exception.DockerException;

/** Turns what docker-java or {@link EngineHttp} throws into the short cause a user reads in a node's error. */
final class EngineFailures {
    private EngineFailures() {}

    static String describe(Throwable failure) {
        if (failure instanceof EngineHttpException engine) {
            return engine.getMessage();
        }
        if (failure instanceof DockerException docker) {
            return "the engine answered " + docker.getHttpStatus() + ": " + engineMessage(docker.getMessage());
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        String kind = root.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : kind + ": " + message.strip();
    }

    /** docker-java's messages read {@code Status 404: {"message":"..."}}; keep the engine's own words. */
    private static String engineMessage(String message) {
        if (message == null) {
            return "no message";
        }
        int start = message.indexOf("\"message\":\"");
        if (start < 0) {
            return message.strip();
        }
        int from = start + "\"message\":\"".length();
        int end = message.indexOf('"', from);
        return end < 0 ? message.substring(from).strip() : message.substring(from, end);
    }
}
