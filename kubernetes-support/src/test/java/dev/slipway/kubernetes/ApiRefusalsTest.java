package dev.slipway.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

class ApiRefusalsTest {
    @Test
    void aRefusedVerbNamesTheAccountVerbResourceNamespaceAndTheRoleToChange() {
        String message = "deployments.apps \"web\" is forbidden: User \"system:serviceaccount:slipway:slipway-rollout\" "
                + "cannot patch resource \"deployments\" in API group \"apps\" in the namespace \"store\"";

        assertThat(ApiRefusals.forbidden(message, ApiRefusals.Grants.ROLLOUT)).isEqualTo("the API server refused slipway-rollout "
                + "(system:serviceaccount:slipway:slipway-rollout): it may not patch deployments (API group apps) in namespace "
                + "store; add \"patch\" for deployments to the Role slipway-rollout in namespace store "
                + "(deploy/030-Role-rollout.yaml): kubectl apply -n store -f deploy/030-Role-rollout.yaml");
    }

    @Test
    void aCoreResourceAndAClusterScopedOneNameTheirGrants() {
        assertThat(ApiRefusals.forbidden("pods is forbidden: User \"system:serviceaccount:slipway:slipway-verifier\" cannot "
                + "list resource \"pods\" in API group \"\" in the namespace \"fabric\"", ApiRefusals.Grants.VERIFIER))
                .contains("it may not list pods (core API group) in namespace fabric")
                .contains("to the Role slipway-verifier in namespace fabric (deploy/031-Role-verifier.yaml)");
        assertThat(ApiRefusals.forbidden("nodes is forbidden: User \"system:serviceaccount:slipway:slipway-verifier\" cannot "
                + "list resource \"nodes\" in API group \"\" at the cluster scope", ApiRefusals.Grants.VERIFIER))
                .endsWith("it may not list nodes (core API group) (cluster-scoped); add \"list\" for nodes to the ClusterRole "
                        + "slipway-verifier-nodes (deploy/040-ClusterRole-verifier-nodes.yaml): kubectl apply -f "
                        + "deploy/040-ClusterRole-verifier-nodes.yaml");
    }

    @Test
    void theRolloutsOneClusterScopedRightIsItsNodesClusterRole() {
        assertThat(ApiRefusals.forbidden("nodes is forbidden: User \"system:serviceaccount:slipway:slipway-rollout\" cannot "
                + "watch resource \"nodes\" in API group \"\" at the cluster scope", ApiRefusals.Grants.ROLLOUT))
                .endsWith("add \"watch\" for nodes to the ClusterRole slipway-rollout-nodes (deploy/041-ClusterRole-rollout-nodes.yaml): "
                        + "kubectl apply -f deploy/041-ClusterRole-rollout-nodes.yaml");
    }

    @Test
    void onlyRefusalsAreExplained() {
        KubernetesClientException unauthorized = new KubernetesClientException(new StatusBuilder().withCode(401)
                .withMessage("Unauthorized").build());
        assertThat(ApiRefusals.explain(unauthorized, ApiRefusals.Grants.ROLLOUT)).get().asString()
                .startsWith("the API server did not accept the credentials (401 Unauthorized)");
        KubernetesClientException conflict = new KubernetesClientException(new StatusBuilder().withCode(409).withMessage("x").build());
        assertThat(ApiRefusals.explain(conflict, ApiRefusals.Grants.ROLLOUT)).isEmpty();
        assertThat(ApiRefusals.forbidden("something else", ApiRefusals.Grants.ROLLOUT))
                .isEqualTo("the API server refused the request (403 Forbidden): something else; grant it with the Roles in deploy/ "
                        + "(deploy/030-Role-rollout.yaml)");
    }

    @Test
    void otherFailuresSayWhatTheApiServerAnsweredOrThatItDidNot() {
        KubernetesClientException invalid = new KubernetesClientException(new StatusBuilder().withCode(422).withReason("Invalid")
                .withMessage("the server rejected our request due to an error in our request").build());
        assertThat(ApiRefusals.describe(invalid, ApiRefusals.Grants.ROLLOUT))
                .isEqualTo("the API server answered 422 (Invalid): the server rejected our request due to an error in our request");
        KubernetesClientException down = new KubernetesClientException("Operation: [get] failed",
                new java.net.ConnectException("Connection refused"));
        assertThat(ApiRefusals.describe(down, ApiRefusals.Grants.ROLLOUT))
                .isEqualTo("the API server could not be reached: Connection refused");
    }
}
