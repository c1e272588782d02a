package dev.slipway.cli.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.slipway.events.names.ContainerName;
import dev.slipway.events.names.ImageRepository;
import dev.slipway.events.names.KubeName;
import dev.slipway.events.names.ReleaseName;
import dev.slipway.events.names.ServiceName;
import dev.slipway.events.plan.DistributionPolicy;
import dev.slipway.events.plan.KubernetesRuntime;
import dev.slipway.events.plan.NodeFailurePolicy;
import dev.slipway.events.plan.PortBinding;
import dev.slipway.events.plan.PullPolicy;
import dev.slipway.events.plan.WorkloadKind;
import dev.slipway.events.plan.ReleasePlan;
import dev.slipway.events.plan.ServicePlan;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanFileTest {
    @TempDir
    Path repo;

    @BeforeEach
    void monorepo() throws IOException {
        for (String service : List.of("web", "api")) {
            Path folder = Files.createDirectories(repo.resolve("services/" + service));
            Files.writeString(folder.resolve("Dockerfile"), "FROM scratch\n");
        }
    }

    @Test
    void readsAPlanIntoTheReleasePlanRecords() throws IOException {
        ReleasePlan plan = PlanFile.read(write("""
                release: shop
                services:
                  - name: web
                    build: {context: ., dockerfile: services/web/Dockerfile, args: {SERVICE: web}}
                    image: slipway-example/web
                    docker:
                      container: shop-web
                      ports: ["127.0.0.1:18080:8080", "9090:90"]
                      env: {GREETING: hello, PORT: 8080}
                  - name: api
                    build: {context: services/api, dockerfile: Dockerfile}
                    image: registry.local:5000/team/api
                    kubernetes: {namespace: backend-mainnet, imagePullPolicy: IfNotPresent}
                rollout: {rollbackOnFailure: true, timeoutSeconds: 60}
                distribution: {onNodeFailure: CONTINUE}
                checks:
                  - name: web answers
                    http: {url: "http://127.0.0.1:18080/", expectStatus: [200, 204], bodyContains: "Slipway", timeoutSeconds: 3}
                  - name: web container runs the release image
                    container: {service: web}
                """));

        assertThat(plan.release()).isEqualTo(ReleaseName.of("shop"));
        assertThat(plan.serviceNames()).containsExactly(ServiceName.of("web"), ServiceName.of("api"));
        ServicePlan web = plan.services().get(0);
        assertThat(web.build().context()).isEqualTo(".");
        assertThat(web.build().dockerfile()).isEqualTo("services/web/Dockerfile");
        assertThat(web.build().args()).isEqualTo(Map.of("SERVICE", "web"));
        assertThat(web.image()).isEqualTo(ImageRepository.of("slipway-example/web"));
        assertThat(web.docker().container()).isEqualTo(ContainerName.of("shop-web"));
        assertThat(web.docker().ports()).containsExactly(new PortBinding("127.0.0.1", 18080, 8080),
                new PortBinding("0.0.0.0", 9090, 90));
        assertThat(web.docker().env()).isEqualTo(Map.of("GREETING", "hello", "PORT", "8080"));
        ServicePlan api = plan.services().get(1);
        assertThat(api.docker()).isNull();
        assertThat(api.kubernetes()).isEqualTo(new KubernetesRuntime(KubeName.of("backend-mainnet"), WorkloadKind.DEPLOYMENT,
                KubeName.of("api"), KubeName.of("api"), PullPolicy.IF_NOT_PRESENT));
        assertThat(api.image().value()).isEqualTo("registry.local:5000/team/api");
        assertThat(plan.rollout().rollbackOnFailure()).isTrue();
        assertThat(plan.rollout().timeoutSeconds()).isEqualTo(60);
        assertThat(plan.distribution()).isEqualTo(new DistributionPolicy(NodeFailurePolicy.CONTINUE));
        assertThat(plan.checks()).hasSize(2);
        assertThat(plan.checks().get(0).http().url()).isEqualTo(URI.create("http://127.0.0.1:18080/"));
        assertThat(plan.checks().get(0).http().expectStatus()).containsExactly(200, 204);
        assertThat(plan.checks().get(0).http().bodyContains()).isEqualTo("Slipway");
        assertThat(plan.checks().get(0).http().timeoutSeconds()).isEqualTo(3);
        assertThat(plan.checks().get(1).container().service()).isEqualTo(ServiceName.of("web"));
    }

    @Test
    void readsTheBundledExampleShop() {
        ReleasePlan plan = PlanFile.read(Path.of("../examples/shop/slipway.yaml"));

        assertThat(plan.release().value()).isEqualTo("shop");
        assertThat(plan.serviceNames()).extracting(ServiceName::value).containsExactly("web", "api");
        assertThat(plan.rollout().rollbackOnFailure()).isTrue();
        assertThat(plan.checks()).anySatisfy(check -> {
            assertThat(check.http().expectStatus()).containsExactly(401);
            assertThat(check.http().bodyContains()).contains("Unauthorized");
        });
    }

    @Test
    void readsTheBundledExampleShopForKubernetes() {
        ReleasePlan plan = PlanFile.read(Path.of("../examples/shop/slipway-kubernetes.yaml"));

        assertThat(plan.serviceNames()).extracting(ServiceName::value).containsExactly("web", "api");
        assertThat(plan.services()).allSatisfy(service -> {
            assertThat(service.kubernetes().namespace().value()).isEqualTo("shop");
            assertThat(service.docker()).isNull();
        });
        assertThat(plan.checks()).extracting(check -> check.kind()).containsExactly("nodesReady", "workload", "workload", "http", "http");
    }

    @Test
    void refusesAServiceNameThatIsNotADnsLabel() throws IOException {
        Path plan = write(plan("""
                  - name: web
                    build: {context: ., dockerfile: services/web/Dockerfile}
                    image: shop/web
                    kubernetes: {namespace: shop}
                  - name: svc;rm -rf /
                    build: {context: ., dockerfile: services/api/Dockerfile}
                    image: shop/api
                    kubernetes: {namespace: shop}
                """));

        assertThat(errors(plan)).containsExactly(plan + ": services[1].name: service name 'svc;rm -rf /' is not valid: "
                + "expected 1-63 lowercase letters, digits or '-', starting and ending with a letter or digit");
    }

    @Test
    void namesAnUnknownFieldAndTheFieldsItExpected() throws IOException {
        Path plan = write(plan("""
                  - name: web
                    build: {context: ., dockerfile: services/web/Dockerfile}
                    image: shop/web
                    kubernetes: {namespace: shop}
                    dockerfil: services/web/Dockerfile
                """));

        assertThat(errors(plan)).containsExactly(
                plan + ": services[0]: unknown field 'dockerfil' (expected one of: name, build, image, docker, kubernetes)");
    }

    @Test
    void saysWhichDockerfileDoesNotExistUnderTheSourceRoot() throws IOException {
        Files.delete(repo.resolve("services/api/Dockerfile"));
        Path plan = write(plan("""
                  - name: api
                    build: {context: ., dockerfile: services/api/Dockerfile}
                    image: shop/api
                    kubernetes: {namespace: shop}
                """));

        assertThat(errors(plan)).containsExactly(plan + ": services[0].build.dockerfile: services/api/Dockerfile does not exist under "
                + repo.toRealPath());
    }

    @Test
    void refusesTheSameServiceNameTwice() throws IOException {
        Path plan = write(plan("""
                  - name: web
                    build: {context: ., dockerfile: services/web/Dockerfile}
                    image: shop/web
                    kubernetes: {namespace: shop}
                  - name: web
                    build: {context: ., dockerfile: services/api/Dockerfile}
                    image: shop/api
                    kubernetes: {namespace: shop}
                """));

        assertThat(errors(plan)).containsExactly(
                plan + ": services[1].name: duplicate service name 'web' (also services[0].name): expected each service once");
    }

    @Test
    void saysWhichRequiredFieldsAreMissing() throws IOException {
        Path plan = write("""
                services:
                  - name: web
                    build: {context: .}
                """);

        assertThat(errors(plan)).containsExactlyInAnyOrder(
                plan + ": release: missing: expected a release name such as 'shop'",
                plan + ": services[0].build.dockerfile: missing: expected a Dockerfile path relative to the build context",
                plan + ": services[0].image: missing: expected an image repository such as 'gx-protocol/svc-tax'",
                plan + ": services[0]: expected exactly one runtime, docker (a container on each Docker host) or kubernetes "
                        + "(a workload in the cluster); found neither");
    }

    @Test
    void refusesABuildContextOutsideTheSourceRoot() throws IOException {
        Path plan = write(plan("""
                  - name: web
                    build: {context: ../.., dockerfile: Dockerfile}
                    image: shop/web
                    kubernetes: {namespace: shop}
                """));

        assertThat(errors(plan)).singleElement().asString()
                .startsWith(plan + ": services[0].build.context: build context '../..' is outside the source root "
                        + repo.toRealPath());
    }

    @Test
    void refusesABuildContextThatLinksOutsideTheSourceRoot(@TempDir Path elsewhere) throws IOException {
        Files.writeString(elsewhere.resolve("Dockerfile"), "FROM scratch\n");
        Files.createSymbolicLink(repo.resolve("escape"), elsewhere);
        Path plan = write(plan("""
                  - name: web
                    build: {context: escape, dockerfile: Dockerfile}
                    image: shop/web
                    kubernetes: {namespace: shop}
                """));

        assertThat(errors(plan)).singleElement().asString()
                .startsWith(plan + ": services[0].build.context: build context 'escape' resolves to " + elsewhere.toRealPath()
                        + ", outside the source root");
    }

    @Test
    void checksContextsAgainstTheGivenSourceRoot() throws IOException {
        Path plans = Files.createDirectories(repo.resolve("deploy"));
        Path plan = plans.resolve("slipway.yaml");
        Files.writeString(plan, plan("""
                  - name: web
                    build: {context: ., dockerfile: services/web/Dockerfile}
                    image: shop/web
                    kubernetes: {namespace: shop}
                """));

        assertThat(PlanFile.read(plan, repo).services()).hasSize(1);
        assertThat(errors(plan)).singleElement().asString()
                .contains("services[0].build.dockerfile: services/web/Dockerfile does not exist under " + plans.toRealPath());
    }

    @Test
    void reportsEveryProblemAtOnce() throws IOException {
        Path plan = write("""
                release: Shop
                services:
                  - name: svc;rm -rf /
                    build: {context: /etc, dockerfile: Dockerfile}
                    image: Not A Repo
                    docker: {container: "a b", ports: ["localhost:80"]}
                  - name: api
                    build: {context: ., dockerfile: services/nope/Dockerfile}
                    image: shop/api
                    kubernetes: {namespace: shop}
                    dockerfil: x
                rollout: {rollbackOnFailure: maybe, timeoutSeconds: -1}
                distribution: {onNodeFailure: sometimes}
                checks:
                  - name: api down
                    http: {url: "ftp://x", expectStatus: [99]}
                  - name: both
                    container: {service: ghost}
                extra: 1
                """);

        List<String> errors = errors(plan);

        assertThat(errors).hasSize(15);
        assertThat(errors).allSatisfy(error -> assertThat(error).startsWith(plan + ": "));
        assertThat(String.join("\n", errors))
                .contains("slipway.yaml: unknown field 'extra' (expected one of: release, services, rollout, distribution, checks)")
                .contains("release: release name 'Shop' is not valid")
                .contains("services[0].name: service name 'svc;rm -rf /' is not valid")
                .contains("services[0].build.context: build context '/etc' is absolute")
                .contains("services[0].image: image repository 'Not A Repo' is not valid")
                .contains("services[0].docker.container: container name 'a b' is not valid")
                .contains("services[0].docker.ports[0]: port 'localhost:80' is not valid")
                .contains("services[1]: unknown field 'dockerfil'")
                .contains("services[1].build.dockerfile: services/nope/Dockerfile does not exist")
                .contains("rollout.rollbackOnFailure: expected true or false, found 'maybe'")
                .contains("rollout.timeoutSeconds: expected a number of seconds (1-86400), found '-1'")
                .contains("distribution.onNodeFailure: expected one of FAIL_SERVICE (a node that did not get the image "
                        + "fails the service) or CONTINUE (the service goes on with the nodes that got it), found 'sometimes'")
                .contains("checks[0].http.url: url 'ftp://x' is not valid")
                .contains("checks[0].http.expectStatus[0]: expected an HTTP status between 100 and 599, found '99'")
                .contains("checks[1].container.service: service 'ghost' is not in this plan: expected one of svc;rm -rf /, api");
    }

    @Test
    void saysWhereTheYamlIsBroken() throws IOException {
        Path plan = write("release: shop\nservices: [\n  - name: web\n");

        assertThat(errors(plan)).singleElement().asString().startsWith(plan + ": line ").contains("not valid YAML");
    }

    @Test
    void refusesAFieldGivenTwice() throws IOException {
        Path plan = write("release: shop\nrelease: other\nservices: []\n");

        assertThat(errors(plan)).singleElement().asString().contains("not valid YAML").contains("release");
    }

    @Test
    void saysWhenThePlanFileDoesNotExist() {
        Path plan = repo.resolve("missing.yaml");

        assertThatThrownBy(() -> PlanFile.read(plan)).isInstanceOf(InvalidPlanException.class)
                .hasMessage(plan + ": file not found (expected a release plan, e.g. examples/shop/slipway.yaml)");
    }

    @Test
    void aCheckHasExactlyOneKind() throws IOException {
        Path plan = write(plan("""
                  - name: web
                    build: {context: ., dockerfile: services/web/Dockerfile}
                    image: shop/web
                    kubernetes: {namespace: shop}
                checks:
                  - name: nothing
                  - name: everything
                    http: {url: "http://127.0.0.1:1/"}
                    container: {service: web}
                """));

        assertThat(errors(plan)).containsExactly(
                plan + ": checks[0]: expected exactly one of: http, container, nodesReady, workload, podsRunning, pvcsBound; "
                        + "found none",
                plan + ": checks[1]: expected exactly one of: http, container, nodesReady, workload, podsRunning, pvcsBound; "
                        + "found http, container");
    }

    @Test
    void readsTheUsersKubernetesReleaseWithItsClusterChecks() throws IOException {
        for (String service : List.of("svc-tax", "prometheus")) {
            Files.writeString(Files.createDirectories(repo.resolve("services/" + service)).resolve("Dockerfile"), "FROM scratch\n");
        }
        ReleasePlan plan = PlanFile.read(write("""
                release: gx-protocol
                services:
                  - name: svc-tax
                    build: {context: ., dockerfile: services/svc-tax/Dockerfile}
                    image: gx-protocol/svc-tax
                    kubernetes: {namespace: backend-mainnet}
                  - name: prometheus
                    build: {context: ., dockerfile: services/prometheus/Dockerfile}
                    image: gx-protocol/prometheus
                    kubernetes: {namespace: monitoring, kind: StatefulSet, container: server}
                rollout: {rollbackOnFailure: true, timeoutSeconds: 300}
                checks:
                  - name: all nodes ready
                    nodesReady: {}
                  - name: two nodes ready
                    nodesReady: {nodes: [vps-1, vps-2]}
                  - name: svc-tax ready at the release image
                    workload: {service: svc-tax}
                  - name: 21 fabric pods running
                    podsRunning: {namespace: fabric, selector: app=peer, minCount: 21}
                  - name: prometheus volumes bound
                    pvcsBound: {service: prometheus}
                """));

        ServicePlan prometheus = plan.services().get(1);
        assertThat(prometheus.kubernetes()).isEqualTo(new KubernetesRuntime(KubeName.of("monitoring"), WorkloadKind.STATEFUL_SET,
                KubeName.of("prometheus"), KubeName.of("server"), PullPolicy.NEVER));
        assertThat(plan.checks()).extracting(c -> c.kind())
                .containsExactly("nodesReady", "nodesReady", "workload", "podsRunning", "pvcsBound");
        assertThat(plan.checks().get(1).nodesReady().nodes()).extracting(n -> n.value()).containsExactly("vps-1", "vps-2");
        assertThat(plan.checks().get(3).podsRunning().minCount()).isEqualTo(21);
    }

    @Test
    void refusesClusterChecksThatDoNotFitThePlan() throws IOException {
        Path plan = write("""
                release: shop
                services:
                  - name: web
                    build: {context: ., dockerfile: services/web/Dockerfile}
                    image: shop/web
                    docker: {container: shop-web}
                  - name: api
                    build: {context: ., dockerfile: services/api/Dockerfile}
                    image: shop/api
                    docker: {container: shop-api}
                    kubernetes: {namespace: Shop, kind: DaemonSet, imagePullPolicy: Sometimes}
                checks:
                  - name: web workload
                    workload: {service: web}
                  - name: pods
                    podsRunning: {namespace: fabric, selector: "app=peer; reboot"}
                  - name: nodes
                    nodesReady: {nodes: ["vps 1"]}
                """);

        assertThat(errors(plan)).containsExactly(
                plan + ": services[1]: expected exactly one runtime, docker (a container on each Docker host) or kubernetes "
                        + "(a workload in the cluster); found both",
                plan + ": services[1].kubernetes.namespace: Kubernetes name 'Shop' is not valid: expected 1-63 lowercase letters, "
                        + "digits or '-', starting and ending with a letter or digit",
                plan + ": services[1].kubernetes.kind: expected one of Deployment, StatefulSet, found 'DaemonSet'",
                plan + ": services[1].kubernetes.imagePullPolicy: expected one of Never, IfNotPresent, Always, found 'Sometimes'",
                plan + ": checks[0].workload.service: service 'web' has no kubernetes runtime: expected a service that runs "
                        + "on Kubernetes",
                plan + ": checks[1].podsRunning.selector: pods selector 'app=peer; reboot' is not a label selector such as "
                        + "'app=fabric,tier!=test'",
                plan + ": checks[2].nodesReady.nodes[0]: node name 'vps 1' is not valid: expected 1-253 lowercase letters, "
                        + "digits, '-' or '.', starting and ending with a letter or digit");
    }

    private List<String> errors(Path plan) {
        return catchThrowableOfType(InvalidPlanException.class, () -> PlanFile.read(plan)).errors();
    }

    private static String plan(String services) {
        return "release: shop\nservices:\n" + services;
    }

    private Path write(String yaml) throws IOException {
        Path plan = repo.resolve("slipway.yaml");
        Files.writeString(plan, yaml);
        return plan;
    }
}
