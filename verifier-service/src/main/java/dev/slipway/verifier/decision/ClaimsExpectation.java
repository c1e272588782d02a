package dev.slipway.verifier.decision;

import dev.slipway.events.CheckResult;
import dev.slipway.events.plan.KubernetesRuntime;
import dev.slipway.kubernetes.observed.ObservedClaim;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Whether every PersistentVolumeClaim the service's workload uses exists and is Bound. */
public final class ClaimsExpectation {
    public static final String KIND = "pvcsBound";

    private ClaimsExpectation() {}

    public static String expected(KubernetesRuntime runtime) {
        return "every PersistentVolumeClaim of " + WorkloadExpectation.describe(runtime) + " Bound";
    }

    public static CheckResult result(String name, KubernetesRuntime runtime, Optional<WorkloadState> state,
            List<ObservedClaim> namespaceClaims) {
        String expected = expected(runtime);
        if (state.isEmpty()) {
            return new CheckResult(name, KIND, expected, WorkloadExpectation.describe(runtime) + " not found", false);
        }
        if (state.get().claims().isEmpty()) {
            return new CheckResult(name, KIND, expected, WorkloadExpectation.describe(runtime)
                    + " uses no PersistentVolumeClaims (no volumeClaimTemplates, no persistentVolumeClaim volumes)", false);
        }
        Map<String, ObservedClaim> byName = new TreeMap<>();
        namespaceClaims.forEach(claim -> byName.put(claim.name(), claim));
        List<String> rows = new ArrayList<>();
        boolean allBound = true;
        for (String claimName : state.get().claims()) {
            ObservedClaim claim = byName.get(claimName);
            if (claim == null) {
                rows.add("persistentvolumeclaim " + claimName + " not found");
                allBound = false;
                continue;
            }
            String phase = claim.phase();
            allBound &= "Bound".equals(phase);
            String volume = claim.volumeName();
            rows.add(claimName + " " + phase + ("Bound".equals(phase) && volume != null ? " to " + volume : ""));
        }
        return new CheckResult(name, KIND, expected, String.join("; ", rows), allBound);
    }
}
