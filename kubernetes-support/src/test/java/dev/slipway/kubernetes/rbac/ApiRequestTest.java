package dev.slipway.kubernetes.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiRequestTest {
    @Test
    void aGetWithoutNameIsAListAndWithWatchAWatch() {
        ApiRequest list = ApiRequest.of("GET", "/api/v1/namespaces/fabric/pods?labelSelector=app%3Dpeer");
        ApiRequest watch = ApiRequest.of("GET", "/api/v1/namespaces/fabric/pods?labelSelector=app%3Dpeer&watch=true");

        assertThat(list).extracting(ApiRequest::verb, ApiRequest::apiGroup, ApiRequest::resource, ApiRequest::namespace,
                ApiRequest::name).containsExactly("list", "", "pods", "fabric", null);
        assertThat(watch.verb()).isEqualTo("watch");
        assertThat(watch.describe()).isEqualTo("watch pods in namespace fabric");
    }

    @Test
    void aNamedGetIsAGetAndAPatchAPatchInTheApiGroup() {
        ApiRequest get = ApiRequest.of("GET", "/apis/apps/v1/namespaces/backend-mainnet/deployments/svc-tax");
        ApiRequest patch = ApiRequest.of("PATCH", "/apis/apps/v1/namespaces/backend-mainnet/deployments/svc-tax");

        assertThat(get).extracting(ApiRequest::verb, ApiRequest::apiGroup, ApiRequest::resource, ApiRequest::name)
                .containsExactly("get", "apps", "deployments", "svc-tax");
        assertThat(patch.verb()).isEqualTo("patch");
        assertThat(patch.describe()).isEqualTo("patch deployments (apps) svc-tax in namespace backend-mainnet");
    }

    @Test
    void aPodLogIsTheLogSubresource() {
        ApiRequest log = ApiRequest.of("GET", "/api/v1/namespaces/backend-mainnet/pods/svc-tax-7d9-x/log?container=svc-tax&tailLines=20");

        assertThat(log).extracting(ApiRequest::verb, ApiRequest::resourceWithSubresource, ApiRequest::name)
                .containsExactly("get", "pods/log", "svc-tax-7d9-x");
    }

    @Test
    void nodesAreClusterScoped() {
        ApiRequest nodes = ApiRequest.of("GET", "/api/v1/nodes");

        assertThat(nodes.namespace()).isNull();
        assertThat(nodes.describe()).isEqualTo("list nodes (cluster-scoped)");
    }

    @Test
    void anInformerOnOneObjectNamesItThroughTheFieldSelector() {
        ApiRequest watch = ApiRequest.of("GET",
                "/apis/apps/v1/namespaces/n/deployments?fieldSelector=metadata.name%3Dsvc-tax&watch=true&resourceVersion=5");

        assertThat(watch).extracting(ApiRequest::verb, ApiRequest::name).containsExactly("watch", "svc-tax");
    }

    @Test
    void writesMapToCreateUpdateDeleteAndDeleteCollection() {
        assertThat(ApiRequest.of("POST", "/api/v1/namespaces/n/pods").verb()).isEqualTo("create");
        assertThat(ApiRequest.of("PUT", "/apis/apps/v1/namespaces/n/statefulsets/db").verb()).isEqualTo("update");
        assertThat(ApiRequest.of("PUT", "/apis/apps/v1/namespaces/n/statefulsets/db/status").resourceWithSubresource())
                .isEqualTo("statefulsets/status");
        assertThat(ApiRequest.of("DELETE", "/api/v1/namespaces/n/pods/p").verb()).isEqualTo("delete");
        assertThat(ApiRequest.of("DELETE", "/api/v1/namespaces/n/pods").verb()).isEqualTo("deletecollection");
    }

    @Test
    void aNamespaceItselfIsTheClusterScopedNamespacesResource() {
        ApiRequest namespace = ApiRequest.of("GET", "/api/v1/namespaces/fabric");

        assertThat(namespace).extracting(ApiRequest::verb, ApiRequest::resource, ApiRequest::name)
                .containsExactly("get", "namespaces", "fabric");
    }

    @Test
    void discoveryAndVersionAreNonResourceRequests() {
        assertThat(ApiRequest.of("GET", "/version").resourceRequest()).isFalse();
        assertThat(ApiRequest.of("GET", "/apis/apps/v1").resourceRequest()).isFalse();
        assertThat(ApiRequest.of("GET", "/version").describe()).isEqualTo("get /version");
    }
}
