package dev.slipway.kubernetes.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import org.junit.jupiter.api.Test;

class RuleMatchTest {
    @Test
    void wildcardsCoverEveryGroupResourceAndVerb() {
        PolicyRule all = new PolicyRuleBuilder().withApiGroups("*").withResources("*").withVerbs("*").build();

        assertThat(RuleMatch.covers(all, ApiRequest.of("DELETE", "/apis/apps/v1/namespaces/n/statefulsets/db"))).isTrue();
        assertThat(RuleMatch.covers(all, ApiRequest.of("GET", "/api/v1/namespaces/n/pods/p/log"))).isTrue();
        assertThat(RuleMatch.covers(all, ApiRequest.of("GET", "/metrics"))).as("resource rules never cover URLs").isFalse();
    }

    @Test
    void aStarSlashSubresourceCoversThatSubresourceOfAnyResourceButNotTheResource() {
        PolicyRule logs = new PolicyRuleBuilder().withApiGroups("").withResources("*/log").withVerbs("get").build();

        assertThat(RuleMatch.covers(logs, ApiRequest.of("GET", "/api/v1/namespaces/n/pods/p/log"))).isTrue();
        assertThat(RuleMatch.covers(logs, ApiRequest.of("GET", "/api/v1/namespaces/n/pods/p"))).isFalse();
        assertThat(RuleMatch.covers(logs, ApiRequest.of("GET", "/api/v1/namespaces/n/pods/p/exec"))).isFalse();
    }

    @Test
    void theCoreGroupIsTheEmptyStringNotAWildcard() {
        PolicyRule core = new PolicyRuleBuilder().withApiGroups("").withResources("deployments").withVerbs("get").build();

        assertThat(RuleMatch.covers(core, ApiRequest.of("GET", "/apis/apps/v1/namespaces/n/deployments/x"))).isFalse();
    }

    @Test
    void aNonResourceUrlWithATrailingStarCoversThePrefix() {
        PolicyRule health = new PolicyRuleBuilder().withNonResourceURLs("/healthz/*").withVerbs("get").build();

        assertThat(RuleMatch.covers(health, ApiRequest.of("GET", "/healthz/etcd"))).isTrue();
        assertThat(RuleMatch.covers(health, ApiRequest.of("GET", "/livez"))).isFalse();
    }
}
