/**
 * A small RBAC policy checker, for tests that keep deploy/'s Roles in step with the code: map each request a
 * (mock) API server received to what RBAC authorizes ({@link dev.slipway.kubernetes.rbac.ApiRequest}) and ask the
 * manifests' policy ({@link dev.slipway.kubernetes.rbac.RbacPolicy}) whether the service's account may make it.
 *
 * <pre>{@code
 * RbacPolicy policy = RbacPolicy.fromDirectory(Path.of("../deploy"), Set.of("backend-mainnet"));
 * List<ApiRequest> requests = new ArrayList<>();
 * while (taken < server.getRequestCount()) {            // fabric8 KubernetesMockServer
 *     RecordedRequest request = server.takeRequest();
 *     taken++;
 *     requests.add(ApiRequest.of(request.getMethod(), request.getPath()));
 * }
 * assertThat(policy.denied(new ServiceAccountRef("slipway", "slipway-rollout"), requests)).isEmpty();
 * }</pre>
 *
 * Take (and drop) the test's own setup requests before running the code under test.
 */
package dev.slipway.kubernetes.rbac;
