package dev.slipway.verifier.decision;

/**
 * What one HTTP request saw: a status and the start of the body, or the error that kept it from
 * getting an answer ("connection refused to 127.0.0.1:18081").
 */
public record HttpObservation(Integer status, String body, String error) {
    public static HttpObservation answered(int status, String body) {
        return new HttpObservation(status, body == null ? "" : body, null);
    }

    public static HttpObservation failed(String error) {
        return new HttpObservation(null, null, error);
    }

    public boolean answered() {
        return status != null;
    }
}
