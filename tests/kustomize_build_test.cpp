// What the model reads from Kustomize output (linter/model/sources/kustomize_build.cpp):
// each overlay's patches apply to its own placement only, deletions remove
// objects, failing JSON patches change nothing, and reference cycles end.
#include <catch2/catch.hpp>

#include <string>

#include "linter/model/sources/kustomize.hpp"
#include "tests/test_repo.hpp"

using seldon_lint::testing::TestRepo;

namespace {

const char* kRuntime = R"(apiVersion: mlops.seldon.io/v1alpha1
kind: SeldonRuntime
metadata:
  name: seldon
spec:
  seldonConfig: default
)";

const char* kSecret = R"(apiVersion: v1
kind: Secret
metadata:
  name: kafka-sasl
type: Opaque
stringData:
  password: ENC[AES256_GCM,data:eA==,iv:eA==,tag:eA==,type:str]
sops:
  version: 3.8.1
)";

const char* kRelease = R"(apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: seldon-core-v2-setup
  labels:
    team: ml
spec:
  chart:
    spec:
      chart: seldon-core-v2-setup
  values:
    kafka:
      topics:
        replicationFactor: 3
    security:
      kafka:
        protocol: SASL_SSL
        sasl:
          mechanism: SCRAM-SHA-512
          client:
            username: seldon
            secret: kafka-sasl
        ssl:
          client:
            endpointIdentificationAlgorithm: https
)";

TestRepo& base(TestRepo& repo) {
  return repo
      .file("base/kustomization.yaml", "resources: [secret.yaml, release.yaml, runtime.yaml]\n")
      .file("base/secret.yaml", kSecret)
      .file("base/release.yaml", kRelease)
      .file("base/runtime.yaml", kRuntime);
}

// A `patches:` list that sets the HelmRelease's topic replication factor.
std::string replication_patch(int replication_factor) {
  return "patches:\n"
         "  - target: {kind: HelmRelease}\n"
         "    patch: |\n"
         "      - {op: replace, path: /spec/values/kafka/topics/replicationFactor, value: " +
         std::to_string(replication_factor) + "}\n";
}

size_t count(const std::vector<seldon_lint::Finding>& findings, std::string_view rule) {
  return static_cast<size_t>(std::count_if(findings.begin(), findings.end(),
                                           [&](const auto& f) { return f.rule_id == rule; }));
}

}  // namespace

TEST_CASE("An overlay's patch applies to its own placement only", "[kustomize]") {
  TestRepo repo;
  base(repo)
      .file("overlays/staging/kustomization.yaml",
            "namespace: seldon-mesh\nresources: [../../base]\n")
      .file("overlays/production/kustomization.yaml", R"(namespace: seldon-mesh
resources: [../../base]
patches:
  - target: {kind: HelmRelease, labelSelector: team=ml}
    patch: |
      - op: replace
        path: /spec/values/kafka/topics/replicationFactor
        value: 1
)");
  auto findings = repo.lint("SL405");
  REQUIRE(count(findings, "SL405") == 1);
  CHECK(findings[0].environment == "production");
}

TEST_CASE("A label selector that does not match leaves the object alone", "[kustomize]") {
  TestRepo repo;
  base(repo).file("overlays/production/kustomization.yaml", R"(namespace: seldon-mesh
resources: [../../base]
patches:
  - target: {kind: HelmRelease, labelSelector: team=payments}
    patch: |
      - {op: replace, path: /spec/values/kafka/topics/replicationFactor, value: 1}
)");
  CHECK(count(repo.lint("SL405"), "SL405") == 0);
}

TEST_CASE("A failing JSON 6902 test leaves the whole patch unapplied", "[kustomize]") {
  TestRepo repo;
  base(repo).file("overlays/production/kustomization.yaml", R"(namespace: seldon-mesh
resources: [../../base]
patches:
  - target: {kind: HelmRelease}
    patch: |
      - {op: replace, path: /spec/values/kafka/topics/replicationFactor, value: 1}
      - {op: test, path: /spec/values/security/kafka/protocol, value: SSL}
)");
  CHECK(count(repo.lint("SL405"), "SL405") == 0);
}

TEST_CASE("$patch: delete removes the Secret from the overlay's output", "[kustomize]") {
  TestRepo repo;
  base(repo).file("overlays/production/kustomization.yaml", R"(namespace: seldon-mesh
resources: [../../base]
patchesStrategicMerge:
  - |
    apiVersion: v1
    kind: Secret
    metadata:
      name: kafka-sasl
    $patch: delete
)");
  CHECK(count(repo.lint("SL301"), "SL301") == 1);
}

TEST_CASE("A strategic merge patch by name reaches the renamed object", "[kustomize]") {
  // The inner overlay prefixes the name; the outer patch names the original.
  TestRepo repo;
  base(repo)
      .file("overlays/inner/kustomization.yaml", "namePrefix: x-\nresources: [../../base]\n")
      .file("overlays/production/kustomization.yaml", R"(namespace: seldon-mesh
resources: [../inner]
patches:
  - patch: |
      apiVersion: helm.toolkit.fluxcd.io/v2
      kind: HelmRelease
      metadata:
        name: seldon-core-v2-setup
      spec:
        values:
          security:
            kafka:
              sasl:
                client:
                  secret: x-kafka-sasl
)");
  auto findings = repo.lint("SL301");  // (TestRepo reads no .seldon-lint.yaml: SL302 fires)
  std::string seen;
  for (const auto& f : findings) seen += f.rule_id + " " + f.message + "\n";
  INFO(seen);
  CHECK(findings.empty());
}

TEST_CASE("Kustomizations that include each other end", "[kustomize]") {
  TestRepo repo;
  base(repo)
      .file("a/kustomization.yaml", "resources: [../b, ../base]\n")
      .file("b/kustomization.yaml", "resources: [../a]\ncomponents: [../c]\n")
      .file("c/kustomization.yaml", "kind: Component\ncomponents: [../c]\nresources: [../b]\n");
  CHECK_NOTHROW(repo.lint("SL"));
}

TEST_CASE("Two overlays in one namespace and environment: each one's patches count, once",
          "[kustomize]") {
  TestRepo repo;
  base(repo)
      .file("base/plain-secret.yaml",
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: other\nstringData:\n"
            "  client_secret: s3cr3t\n")
      .file("base/kustomization.yaml",
            "resources: [secret.yaml, release.yaml, runtime.yaml, plain-secret.yaml]\n")
      .file("clusters/prod-eu/kustomization.yaml",
            "namespace: seldon-mesh\nresources: [../../base]\n")
      .file("clusters/prod-us/kustomization.yaml",
            "namespace: seldon-mesh\nresources: [../../base]\n" + replication_patch(2));
  CHECK(count(repo.lint("SL405"), "SL405") == 1);  // prod-us only
  CHECK(count(repo.lint("SL304"), "SL304") == 1);  // the same Secret in both: one finding
}

TEST_CASE("The build reads resources, bases and components as the layout resolved them",
          "[kustomize]") {
  // The layout walk resolves the three lists once; the build reuses them.
  // Fails when the build loses `bases` or stops applying components; that it
  // also leaves components out of the resources it builds is not observable
  // here (building one as a resource emits the same objects).
  TestRepo repo;
  base(repo)
      .file(
          "components/one-replica/kustomization.yaml",
          "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n" + replication_patch(1))
      // A component, and a blank entry (the overlay's own folder, not followed).
      .file("overlays/prod-eu/kustomization.yaml", R"(namespace: seldon-mesh
resources: ["", ../../base]
components: [../../components/one-replica]
)")
      // The legacy `bases` list, with the patch in the overlay itself.
      .file("overlays/prod-us/kustomization.yaml",
            "namespace: seldon-mesh\nbases: [../../base]\n" + replication_patch(2))
      .file("overlays/dev/kustomization.yaml", "namespace: seldon-mesh\nresources: [../../base]\n");
  auto findings = repo.lint("SL405");
  // One per production overlay (1 and 2); the dev overlay patches nothing.
  REQUIRE(count(findings, "SL405") == 2);
  CHECK(findings[0].environment == "production");
  CHECK(findings[1].environment == "production");
}

TEST_CASE("Placements are found by file id and listed in file order", "[kustomize]") {
  seldon_lint::PlacementMap map;
  map.reserve_files(4);
  std::vector<seldon_lint::Placement>& third = map[3];
  third.push_back(seldon_lint::Placement{"ns-c", "prod", {}, -1});
  map[1].push_back(seldon_lint::Placement{"ns-a", "dev", {}, -1});
  map[7].push_back(seldon_lint::Placement{"ns-d", "dev", {}, 2});  // past the reserved ids
  for (int i = 0; i < 100; ++i) map[100 + i];                      // lists added after `third`
  CHECK(&third == map.find(3));                                    // still the same list
  CHECK(map.find(3)->front().namespace_name == "ns-c");
  CHECK(map.find(0) == nullptr);
  CHECK(map.find(500) == nullptr);
  CHECK_FALSE(map.contains(2));
  CHECK(map.contains(7));
  CHECK(map.size() == 103);
  std::vector<seldon_lint::FileId> order;
  map.for_each([&](seldon_lint::FileId id, const auto&) { order.push_back(id); });
  REQUIRE(order.size() == 103);
  CHECK(order[0] == 1);  // not the order they were added in
  CHECK(order[1] == 3);
  CHECK(order[2] == 7);
  CHECK(order.back() == 199);
}
