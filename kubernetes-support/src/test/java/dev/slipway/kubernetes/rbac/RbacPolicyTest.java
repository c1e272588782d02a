package dev.slipway.kubernetes.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RbacPolicyTest {
    private static final ServiceAccountRef APP = new ServiceAccountRef("slipway", "app");
    private static final ServiceAccountRef OTHER = new ServiceAccountRef("slipway", "other");
    private static final RbacPolicy POLICY = RbacPolicy.fromManifests(List.of(Path.of("src/test/resources/rbac/policy.yaml")),
            Set.of("backend-mainnet", "fabric"));

    @Test
    void aNamespaceLessRoleGrantsInEachTargetNamespaceOnly() {
        assertThat(POLICY.allows(APP, ApiRequest.of("GET", "/api/v1/namespaces/fabric/pods?watch=true"))).isTrue();
        assertThat(POLICY.allows(APP, ApiRequest.of("GET", "/api/v1/namespaces/backend-mainnet/pods"))).isTrue();
        assertThat(POLICY.allows(APP, ApiRequest.of("GET", "/api/v1/namespaces/kube-system/pods"))).isFalse();
    }

    @Test
    void aVerbTheRuleDoesNotListIsDenied() {
        assertThat(POLICY.allows(APP, ApiRequest.of("DELETE", "/api/v1/namespaces/fabric/pods/peer-3"))).isFalse();
        assertThat(POLICY.allows(APP, ApiRequest.of("GET", "/api/v1/namespaces/fabric/pods/peer-3"))).isFalse();
    }

    @Test
    void aSubresourceNeedsItsOwnRule() {
        assertThat(POLICY.allows(APP, ApiRequest.of("GET", "/api/v1/namespaces/fabric/pods/peer-3/log"))).isTrue();
        assertThat(POLICY.allows(APP, ApiRequest.of("GET", "/api/v1/namespaces/fabric/pods/peer-3/exec"))).isFalse();
    }

    @Test
    void resourceNamesLimitTheRuleToThoseObjects() {
        assertThat(POLICY.allows(APP, ApiRequest.of("PATCH", "/apis/apps/v1/namespaces/fabric/deployments/svc-tax"))).isTrue();
        assertThat(POLICY.allows(APP, ApiRequest.of("PATCH", "/apis/apps/v1/namespaces/fabric/deployments/svc-fees"))).isFalse();
        assertThat(POLICY.allows(APP, ApiRequest.of("GET", "/apis/apps/v1/namespaces/fabric/deployments"))).isFalse();
    }

    @Test
    void theApiGroupMustMatch() {
        assertThat(POLICY.allows(APP, ApiRequest.of("GET", "/apis/apps/v1/namespaces/fabric/pods"))).isFalse();
    }

    @Test
    void clusterScopedResourcesNeedAClusterRoleBinding() {
        assertThat(POLICY.allows(APP, ApiRequest.of("GET", "/api/v1/nodes"))).isTrue();
        assertThat(POLICY.allows(APP, ApiRequest.of("GET", "/api/v1/nodes?watch=true"))).isFalse();
        assertThat(POLICY.allows(OTHER, ApiRequest.of("GET", "/api/v1/nodes"))).isFalse();
    }

    @Test
    void aGroupSubjectAndAWildcardVerbGrantInTheRolesOwnNamespace() {
        assertThat(POLICY.allows(OTHER, ApiRequest.of("DELETE", "/api/v1/namespaces/monitoring/persistentvolumeclaims/x")))
                .isTrue();
        assertThat(POLICY.allows(OTHER, ApiRequest.of("GET", "/api/v1/namespaces/fabric/persistentvolumeclaims"))).isFalse();
    }

    @Test
    void discoveryIsAllowedToEveryAccountAndOtherUrlsNeedARule() {
        assertThat(POLICY.allows(OTHER, ApiRequest.of("GET", "/version"))).isTrue();
        assertThat(POLICY.allows(OTHER, ApiRequest.of("GET", "/apis/apps/v1"))).isTrue();
        assertThat(POLICY.allows(APP, ApiRequest.of("GET", "/metrics"))).isTrue();
        assertThat(POLICY.allows(OTHER, ApiRequest.of("GET", "/metrics"))).isFalse();
    }

    @Test
    void deniedListsEachMissingGrantOnce() {
        List<ApiRequest> denied = POLICY.denied(APP, List.of(
                ApiRequest.of("GET", "/api/v1/namespaces/fabric/pods"),
                ApiRequest.of("GET", "/api/v1/namespaces/fabric/persistentvolumeclaims"),
                ApiRequest.of("GET", "/api/v1/namespaces/fabric/persistentvolumeclaims?limit=500")));

        assertThat(denied).extracting(ApiRequest::describe).containsExactly("list persistentvolumeclaims in namespace fabric");
    }

    @Test
    void theDeployManifestsParse() {
        RbacPolicy policy = RbacPolicy.fromDirectory(Path.of("../deploy"), Set.of("backend-mainnet"));

        ServiceAccountRef verifier = new ServiceAccountRef("slipway", "slipway-verifier");
        assertThat(policy.allows(verifier, ApiRequest.of("GET", "/api/v1/nodes"))).isTrue();
        assertThat(policy.allows(verifier, ApiRequest.of("GET", "/api/v1/namespaces/backend-mainnet/pods"))).isTrue();
        assertThat(policy.allows(verifier, ApiRequest.of("PATCH", "/apis/apps/v1/namespaces/backend-mainnet/deployments/x")))
                .isFalse();
        ServiceAccountRef rollout = new ServiceAccountRef("slipway", "slipway-rollout");
        assertThat(policy.allows(rollout, ApiRequest.of("PATCH", "/apis/apps/v1/namespaces/backend-mainnet/deployments/x")))
                .isTrue();
        assertThat(policy.allows(rollout, ApiRequest.of("GET", "/api/v1/namespaces/backend-mainnet/secrets"))).isFalse();
        // the stages that never call the API server hold no right at all, in any namespace
        for (String account : List.of("slipway-builder", "slipway-distributor", "slipway-console")) {
            ServiceAccountRef none = new ServiceAccountRef("slipway", account);
            assertThat(policy.allows(none, ApiRequest.of("GET", "/api/v1/nodes"))).as(account).isFalse();
            assertThat(policy.allows(none, ApiRequest.of("GET", "/api/v1/namespaces/slipway/pods"))).as(account).isFalse();
            assertThat(policy.allows(none, ApiRequest.of("GET", "/api/v1/namespaces/slipway/secrets"))).as(account).isFalse();
        }
    }
}
