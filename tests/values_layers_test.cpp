// "Unknown is not absent": unreadable values layers and Release::known, the
// layers each source adds for what it cannot read, ApplicationSet Go
// templates, ClusterExternalSecret namespace selectors and Strimzi broker
// counts (issue 10 items 3, 4, 8, 9, 10).
#include <catch2/catch.hpp>

#include <algorithm>

#include "linter/base/text.hpp"
#include "linter/parse/yaml_parser.hpp"
#include "seldon_lint/model.hpp"
#include "tests/test_repo.hpp"

using namespace seldon_lint;
using seldon_lint::testing::TestRepo;

namespace {

yaml::Node parse_map(const std::string& text) {
  YamlParser parser;
  YamlParseOptions options;
  options.file = 0;
  auto starts = compute_line_starts(text);
  YamlParseResult result = parser.parse(text, starts, options);
  REQUIRE_FALSE(result.syntax_error);
  REQUIRE_FALSE(result.documents.empty());
  return result.documents.front().root;
}

ValuesLayer readable(const yaml::Node& values) {
  ValuesLayer layer;
  layer.values = &values;
  layer.description = "values";
  return layer;
}

ValuesLayer unreadable(std::string scope = {}) {
  ValuesLayer layer;
  layer.unreadable = true;
  layer.description = "valuesFrom Secret s key values.yaml";
  layer.reason = "SOPS-encrypted";
  layer.scope = std::move(scope);
  return layer;
}

const Release& release_named(const LintResult& result, std::string_view name) {
  for (const auto& r : result.model->releases) {
    if (r.name == name) return r;
  }
  FAIL("no release " << name);
  return result.model->releases.front();
}

LintResult lint_all(const TestRepo& repo) {
  LintOptions options;
  options.root = repo.root().string();
  options.paths = {repo.root().string()};
  options.jobs = 1;
  return lint(options);
}

}  // namespace

TEST_CASE(
    "Release::known: a value is known only if a readable layer above every unreadable one "
    "sets it",
    "[layers]") {
  yaml::Node below = parse_map("security:\n  kafka:\n    protocol: PLAINTEXT\n");
  yaml::Node above = parse_map(
      "kafka:\n  topics:\n    replicationFactor: 1\n  consumer: null\nsecurity:\n  kafka: {}\n");
  Release release;
  release.layers = {readable(below), unreadable(), readable(above)};
  CHECK_FALSE(release.known("security.kafka.protocol"));   // set only below
  CHECK_FALSE(release.known("security.kafka"));            // a map above merges with below
  CHECK(release.known("kafka.topics.replicationFactor"));  // set above
  CHECK(release.known("kafka.consumer.messageMaxBytes"));  // a key above it deleted with null
  CHECK_FALSE(release.known("kafka.bootstrap"));           // chart default only
  CHECK(release.unreadable_layers().size() == 1);

  SECTION("a targetPath layer hides only its own path") {
    release.layers = {readable(below), unreadable("security.kafka.sasl.client.username")};
    CHECK(release.known("security.kafka.protocol"));
    CHECK(release.known("kafka.bootstrap"));
    CHECK_FALSE(release.known("security.kafka.sasl.client.username"));
    CHECK_FALSE(release.known("security.kafka.sasl"));  // an ancestor of it
    CHECK(release.known("security.kafka.sasl.client.usernameX"));
  }
  SECTION("no unreadable layer: everything is known") {
    release.layers = {readable(below)};
    CHECK(release.known("kafka.bootstrap"));
    CHECK(release.unreadable_layers().empty());
  }
}

TEST_CASE("Flux valuesFrom: SOPS, missing and optional sources", "[layers]") {
  TestRepo repo;
  repo.file("clusters/production/seldon/hr.yaml", R"(apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: seldon
  namespace: seldon-mesh
spec:
  chart:
    spec:
      chart: seldon-core-v2-setup
  valuesFrom:
    - kind: ConfigMap
      name: absent-but-optional
      optional: true
    - kind: Secret
      name: plain-values
    - kind: ConfigMap
      name: created-elsewhere
    - kind: Secret
      name: encrypted
      valuesKey: user
      targetPath: security.kafka.sasl.client.username
  values:
    kafka:
      topicPrefix: prod
)");
  repo.file("clusters/production/seldon/secrets.yaml", R"(apiVersion: v1
kind: Secret
metadata:
  name: plain-values
  namespace: seldon-mesh
data:
  values.yaml: a2Fma2E6CiAgYm9vdHN0cmFwOiBrYWZrYS5leGFtcGxlLmNvbTo5MDkzCg==
---
apiVersion: v1
kind: Secret
metadata:
  name: encrypted
  namespace: seldon-mesh
stringData:
  user: ENC[AES256_GCM,data:abc=,iv:def=,tag:ghi=,type:str]
sops:
  version: 3.9.0
)");
  LintResult result = lint_all(repo);
  const Release& r = release_named(result, "seldon");
  REQUIRE(r.layers.size() == 4);  // the optional ConfigMap is no layer at all
  CHECK_FALSE(r.layers[0].unreadable);
  CHECK(r.text("kafka.bootstrap") == "kafka.example.com:9093");  // base64 `data` decoded
  CHECK(r.layers[1].unreadable);
  CHECK(r.layers[1].reason == "not in the repository");
  CHECK(r.layers[2].unreadable);
  CHECK(r.layers[2].reason == "SOPS-encrypted");
  CHECK(r.layers[2].scope == "security.kafka.sasl.client.username");
  CHECK(r.known("kafka.topicPrefix"));
  CHECK_FALSE(r.known("kafka.bootstrap"));  // below created-elsewhere
  auto notes = std::count_if(result.findings.begin(), result.findings.end(),
                             [](const Finding& f) { return f.rule_id == "SL005"; });
  CHECK(notes == 1);  // once per release, naming the other layer
  for (const auto& f : result.findings) {
    if (f.rule_id != "SL005") continue;
    CHECK(f.message.find("valuesFrom Secret encrypted") == 0);
    CHECK(f.message.find("also unreadable: valuesFrom ConfigMap created-elsewhere") !=
          std::string::npos);
    CHECK(f.related.size() == 1);
  }
}

TEST_CASE("Flux chartRef names the chart through an OCIRepository or a HelmChart", "[layers]") {
  TestRepo repo;
  repo.file("clusters/production/sources.yaml", R"(apiVersion: source.toolkit.fluxcd.io/v1beta2
kind: OCIRepository
metadata:
  name: setup
  namespace: seldon-mesh
spec:
  url: oci://ghcr.io/acme/charts/seldon-core-v2-setup
---
apiVersion: source.toolkit.fluxcd.io/v1
kind: HelmChart
metadata:
  name: runtime
  namespace: flux-system
spec:
  chart: seldon-core-v2-runtime
  sourceRef:
    kind: HelmRepository
    name: seldon
  valuesFiles:
    - values.yaml
)");
  repo.file("clusters/production/releases.yaml", R"(apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: oci-setup
  namespace: seldon-mesh
spec:
  chartRef:
    kind: OCIRepository
    name: setup
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: rt
  namespace: models
spec:
  chartRef:
    kind: HelmChart
    name: runtime
    namespace: flux-system
)");
  LintResult result = lint_all(repo);
  REQUIRE(result.model->releases.size() == 1);
  CHECK(result.model->releases.front().name == "oci-setup");
  REQUIRE(result.model->runtimes.size() == 1);
  CHECK(result.model->runtimes.front().namespace_name == "models");
}

TEST_CASE("Flux chart.spec.valuesFiles: files of an in-repository chart, or of the package",
          "[layers]") {
  TestRepo repo;
  repo.file("charts/seldon-core-v2-setup/Chart.yaml", "apiVersion: v2\nname: x\nversion: 1.0.0\n");
  repo.file("charts/seldon-core-v2-setup/values-prod.yaml", "kafka:\n  topicPrefix: prod\n");
  repo.file("clusters/production/hr.yaml", R"(apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: git
  namespace: seldon-mesh
spec:
  chart:
    spec:
      chart: ./charts/seldon-core-v2-setup
      sourceRef:
        kind: GitRepository
        name: flux-system
      valuesFiles:
        - ./charts/seldon-core-v2-setup/values-prod.yaml
        - ./charts/seldon-core-v2-setup/values-missing.yaml
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: repo
  namespace: seldon-mesh
spec:
  chart:
    spec:
      chart: seldon-core-v2-setup
      sourceRef:
        kind: HelmRepository
        name: seldon
      valuesFiles:
        - values.yaml
        - values-production.yaml
)");
  LintResult result = lint_all(repo);
  const Release& git = release_named(result, "git");
  REQUIRE(git.layers.size() == 2);
  CHECK(git.text("kafka.topicPrefix") == "prod");
  CHECK(git.layers[1].unreadable);
  CHECK(git.layers[1].reason == "not in the repository");
  const Release& packaged = release_named(result, "repo");
  REQUIRE(packaged.layers.size() == 1);  // values.yaml is the chart default
  CHECK(packaged.layers[0].unreadable);
  CHECK(packaged.layers[0].description == "chart values file values-production.yaml");
}

TEST_CASE("Argo CD value files: in this repository, or remote layers", "[layers]") {
  TestRepo repo;
  repo.file("envs/base.yaml", "kafka:\n  topicPrefix: base\n");
  repo.file("charts/seldon-core-v2-setup/values-prod.yaml", "kafka:\n  topicPrefix: prod\n");
  repo.file("apps/production/app.yaml", R"(apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: multi
spec:
  destination:
    namespace: seldon-mesh
  sources:
    - chart: seldon-core-v2-setup
      repoURL: https://seldonio.github.io/helm-charts
      helm:
        valueFiles:
          - values.yaml
          - $values/envs/base.yaml
          - $values/envs/prod.yaml
          - https://example.com/values.yaml
          - values-eu.yaml
    - repoURL: https://git.example.com/config.git
      ref: values
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: path
spec:
  destination:
    namespace: seldon-mesh
  source:
    path: charts/seldon-core-v2-setup
    helm:
      ignoreMissingValueFiles: true
      valueFiles: [values.yaml, values-prod.yaml, values-eu.yaml]
)");
  LintResult result = lint_all(repo);
  const Release& multi = release_named(result, "multi");
  REQUIRE(multi.layers.size() == 4);
  CHECK_FALSE(multi.layers[0].unreadable);
  CHECK(multi.layers[1].unreadable);  // $values/envs/prod.yaml
  CHECK(multi.layers[2].reason == "a remote URL");
  CHECK(multi.layers[3].reason == "a file inside the packaged chart");
  const Release& path = release_named(result, "path");
  REQUIRE(path.layers.size() == 1);  // values.yaml absent, values-eu.yaml ignored when missing
  CHECK(path.text("kafka.topicPrefix") == "prod");
}

TEST_CASE("ApplicationSet goTemplate: pipelines and functions over known parameters", "[layers]") {
  TestRepo repo;
  repo.file("seldon/production/values.yaml", "kafka:\n  topicPrefix: prod\n");
  repo.file("seldon/staging/values.yaml", "kafka:\n  topicPrefix: stg\n");
  repo.file("argocd/appset.yaml", R"(apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: seldon
spec:
  goTemplate: true
  generators:
    - list:
        elements:
          - env: Production
            ns: seldon-prod
          - env: Staging
  template:
    metadata:
      name: 'seldon-{{ .env | lower }}'
    spec:
      destination:
        namespace: '{{ .ns | default "seldon-mesh" }}'
      sources:
        - chart: seldon-core-v2-setup
          repoURL: https://seldonio.github.io/helm-charts
          helm:
            valueFiles: ['$values/seldon/{{ lower .env }}/values.yaml']
        - repoURL: https://git.example.com/config.git
          ref: values
)");
  LintResult result = lint_all(repo);
  const Release& prod = release_named(result, "seldon-production");
  CHECK(prod.namespace_name == "seldon-prod");
  CHECK(prod.text("kafka.topicPrefix") == "prod");
  const Release& staging = release_named(result, "seldon-staging");
  CHECK(staging.namespace_name == "seldon-mesh");
  CHECK(staging.text("kafka.topicPrefix") == "stg");
}

TEST_CASE("ClusterExternalSecret: declared Namespaces by their labels, others selected",
          "[layers]") {
  TestRepo repo;
  repo.file("clusters/production/ns.yaml", R"(apiVersion: v1
kind: Namespace
metadata:
  name: labelled
  labels: {kafka: "true"}
---
apiVersion: v1
kind: Namespace
metadata:
  name: unlabelled
---
apiVersion: v1
kind: Namespace
metadata:
  name: by-name
)");
  repo.file("clusters/production/ces.yaml", R"(apiVersion: external-secrets.io/v1beta1
kind: ClusterExternalSecret
metadata:
  name: kafka-sasl
spec:
  externalSecretName: kafka-es
  namespaceSelectors:
    - matchLabels: {kafka: "true"}
    - matchExpressions:
        - {key: kubernetes.io/metadata.name, operator: In, values: [by-name]}
  externalSecretSpec:
    secretStoreRef: {kind: ClusterSecretStore, name: vault}
)");
  LintResult result = lint_all(repo);
  const Model& model = *result.model;
  auto provided = [&](std::string_view name, std::string_view ns) {
    return !model.find_secrets(name, ns, "production").empty();
  };
  CHECK(provided("kafka-es", "labelled"));
  CHECK(provided("kafka-es", "by-name"));
  CHECK_FALSE(provided("kafka-es", "unlabelled"));
  CHECK(provided("kafka-es", "not-declared-here"));
  CHECK_FALSE(provided("kafka-sasl", "labelled"));  // named externalSecretName
}

TEST_CASE("Strimzi brokers: spec.kafka.replicas, or the broker node pools", "[layers]") {
  TestRepo repo;
  repo.file("kafka/production/kafka.yaml", R"(apiVersion: kafka.strimzi.io/v1beta2
kind: Kafka
metadata:
  name: pooled
  namespace: kafka
  annotations:
    strimzi.io/node-pools: enabled
spec:
  kafka: {}
---
apiVersion: kafka.strimzi.io/v1beta2
kind: KafkaNodePool
metadata:
  name: brokers
  namespace: kafka
  labels: {strimzi.io/cluster: pooled}
spec:
  replicas: 2
  roles: [broker]
---
apiVersion: kafka.strimzi.io/v1beta2
kind: KafkaNodePool
metadata:
  name: controllers
  namespace: kafka
  labels: {strimzi.io/cluster: pooled}
spec:
  replicas: 3
  roles: [controller]
---
apiVersion: kafka.strimzi.io/v1beta2
kind: Kafka
metadata:
  name: classic
  namespace: kafka
spec:
  kafka:
    replicas: 3
)");
  LintResult result = lint_all(repo);
  REQUIRE(result.model->kafka_clusters.size() == 2);
  for (const auto& cluster : result.model->kafka_clusters) {
    CHECK(cluster.brokers == (cluster.name == "pooled" ? 2 : 3));
  }
}
