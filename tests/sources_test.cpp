// Helm's merge order for every values source (linter/values_sources.cpp):
// each test writes a small repository, builds the model and checks which
// layer won, in which order the layers apply, and where values point.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>

#include "linter/cli/lint.hpp"
#include "linter/model/sources/flux_substitution.hpp"
#include "linter/model/sources/helm_parameters.hpp"

namespace fs = std::filesystem;
using namespace seldon_lint;

namespace {

class TempRepo {
 public:
  TempRepo() {
    std::random_device rd;
    root_ = fs::temp_directory_path() / ("seldon-lint-sources-" + std::to_string(rd()));
    fs::create_directories(root_);
  }
  ~TempRepo() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  void write(const std::string& path, const std::string& text) {
    fs::path p = root_ / path;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
  }
  LintResult lint_repo() {
    LintOptions options;
    options.root = root_.string();
    options.paths = {root_.string()};
    return lint(options);
  }

 private:
  fs::path root_;
};

const Release& only_release(const LintResult& result, std::string_view environment = {}) {
  const Release* found = nullptr;
  for (const auto& r : result.model->releases) {
    if (!environment.empty() && r.environment != environment) continue;
    REQUIRE(found == nullptr);
    found = &r;
  }
  REQUIRE(found != nullptr);
  return *found;
}

std::string file_of(const LintResult& result, Location where) {
  return where.known() ? result.model->files[where.file].path : "?";
}

}  // namespace

TEST_CASE("Flux HelmRelease: valuesFrom in order, then spec.values", "[sources]") {
  TempRepo repo;
  repo.write("clusters/prod/seldon/release.yaml", R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: seldon-base
  namespace: seldon-mesh
data:
  values.yaml: |
    kafka:
      bootstrap: base:9093
      topicPrefix: from-base
    security:
      kafka:
        protocol: PLAINTEXT
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: seldon-overrides
  namespace: seldon-mesh
data:
  custom.yaml: |
    kafka:
      topicPrefix: from-overrides
  username: seldon-prod
---
apiVersion: helm.toolkit.fluxcd.io/v2
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
      name: seldon-base
    - kind: ConfigMap
      name: seldon-overrides
      valuesKey: custom.yaml
    - kind: ConfigMap
      name: seldon-overrides
      valuesKey: username
      targetPath: security.kafka.sasl.client.username
    - kind: ConfigMap
      name: not-in-the-repo
      optional: true
  values:
    security:
      kafka:
        protocol: SASL_SSL
)");
  LintResult result = repo.lint_repo();
  const Release& r = only_release(result);
  CHECK(r.source == "HelmRelease");
  CHECK(r.namespace_name == "seldon-mesh");
  CHECK(r.environment == "production");
  REQUIRE(r.layers.size() == 4);
  CHECK(r.text("kafka.bootstrap") == "base:9093");
  CHECK(r.text("kafka.topicPrefix") == "from-overrides");
  CHECK(r.text("security.kafka.sasl.client.username") == "seldon-prod");
  CHECK(r.text("security.kafka.protocol") == "SASL_SSL");
  // Embedded values keep exact positions: `topicPrefix: from-overrides` is line 23.
  Location prefix = r.locate("kafka.topicPrefix");
  CHECK(file_of(result, prefix) == "clusters/prod/seldon/release.yaml");
  CHECK(prefix.range.begin.line == 23);
  CHECK(prefix.range.begin.column == 20);
  // The protocol overrode the base ConfigMap's PLAINTEXT (line 13).
  auto overridden = r.overridden("security.kafka.protocol");
  REQUIRE(overridden.size() == 1);
  CHECK(overridden[0].range.begin.line == 13);
}

TEST_CASE("Argo CD: valueFiles, then valuesObject (the values string ignored), then parameters",
          "[sources]") {
  TempRepo repo;
  repo.write("envs/prod/seldon/components-values.yaml", R"(kafka:
  bootstrap: from-file:9093
  topicPrefix: from-file
security:
  kafka:
    protocol: PLAINTEXT
    sasl:
      mechanism: PLAIN
)");
  repo.write("argocd/apps/seldon.yaml", R"(apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: seldon
spec:
  destination:
    namespace: seldon-mesh
  sources:
    - repoURL: https://seldonio.github.io/helm-charts
      chart: seldon-core-v2-setup
      helm:
        valueFiles:
          - $values/envs/prod/seldon/components-values.yaml
        values: |
          kafka:
            topicPrefix: from-values
          security:
            kafka:
              protocol: SSL
        valuesObject:
          security:
            kafka:
              protocol: SASL_SSL
        parameters:
          - name: security.kafka.sasl.mechanism
            value: SCRAM-SHA-512
          - name: controller.watchNamespaces[1]
            value: models
          - name: serverConfig.annotations.example\.com/team
            value: ml
    - repoURL: https://github.com/example/platform.git
      ref: values
)");
  LintResult result = repo.lint_repo();
  const Release& r = only_release(result);
  CHECK(r.source == "Application");
  CHECK(r.namespace_name == "seldon-mesh");
  CHECK(r.environment == "production");  // from the values file it names
  // Argo CD uses valuesObject when it is set and ignores the values string.
  REQUIRE(r.layers.size() == 3);
  CHECK(r.text("kafka.bootstrap") == "from-file:9093");
  CHECK(r.text("kafka.topicPrefix") == "from-file");
  CHECK(r.text("security.kafka.protocol") == "SASL_SSL");
  CHECK(r.text("security.kafka.sasl.mechanism") == "SCRAM-SHA-512");
  const yaml::Node* watch = r.value("controller.watchNamespaces");
  REQUIRE(watch != nullptr);
  REQUIRE(watch->is_seq());
  REQUIRE(watch->items.size() == 2);
  CHECK(watch->items[1].scalar == "models");
  const yaml::Node* annotations = r.value("serverConfig.annotations");
  REQUIRE(annotations != nullptr);
  CHECK(annotations->find("example.com/team") != nullptr);
  // The ignored values string set topicPrefix: the file's value stays.
  Location prefix = r.locate("kafka.topicPrefix");
  CHECK(file_of(result, prefix) == "envs/prod/seldon/components-values.yaml");
  CHECK(prefix.range.begin.line == 3);
  // The parameter's value node is where the mechanism points.
  Location mechanism = r.locate("security.kafka.sasl.mechanism");
  CHECK(mechanism.range.begin.line == 26);
  // The referenced values file is a layer, not a release of its own.
  CHECK(result.model->releases.size() == 1);
}

TEST_CASE("Argo CD: a values string without valuesObject keeps exact positions", "[sources]") {
  TempRepo repo;
  repo.write("argocd/apps/seldon.yaml", R"(apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: seldon
spec:
  destination:
    namespace: seldon-mesh
  source:
    repoURL: https://seldonio.github.io/helm-charts
    chart: seldon-core-v2-setup
    helm:
      values: |
        kafka:
          topicPrefix: from-values
      valuesObject: null
)");
  LintResult result = repo.lint_repo();
  const Release& r = only_release(result);
  REQUIRE(r.layers.size() == 1);
  // Inline values string: exact line and column inside the block scalar.
  Location prefix = r.locate("kafka.topicPrefix");
  CHECK(file_of(result, prefix) == "argocd/apps/seldon.yaml");
  CHECK(prefix.range.begin.line == 14);
  CHECK(prefix.range.begin.column == 24);
}

TEST_CASE("Argo CD ApplicationSet: one release per generator parameter set", "[sources]") {
  TempRepo repo;
  // list generator (Go template syntax), plain `{{env}}` in a second template.
  repo.write("argocd/seldon.yaml", R"(apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: seldon
spec:
  goTemplate: true
  generators:
    - list:
        elements:
          - env: staging
          - env: production
  template:
    metadata:
      name: 'seldon-{{ .env }}'
    spec:
      destination:
        namespace: 'seldon-{{.env}}'
      sources:
        - chart: seldon-core-v2-setup
          repoURL: https://seldonio.github.io/helm-charts
          helm:
            valueFiles:
              - $values/seldon/common.yaml
              - '$values/seldon/{{ .env }}/values.yaml'
        - repoURL: https://github.com/example/platform.git
          ref: values
)");
  repo.write("seldon/common.yaml", "security:\n  kafka:\n    protocol: SASL_SSL\n");
  repo.write("seldon/staging/values.yaml", "kafka:\n  bootstrap: stg:9093\n");
  repo.write("seldon/production/values.yaml", "kafka:\n  bootstrap: prod:9093\n");
  // git files generator (catalog) × clusters generator: the cluster label is
  // unknown, so the still-templated value file is matched in the repository.
  repo.write("apps/set.yaml", R"(apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: catalog
spec:
  goTemplate: true
  generators:
    - matrix:
        generators:
          - clusters: {}
          - git:
              repoURL: https://github.com/example/platform.git
              files:
                - path: apps/catalog/*/entry.yaml
  template:
    metadata:
      name: '{{ .path.basename }}'
    spec:
      destination:
        namespace: '{{ .namespace }}'
      sources:
        - chart: '{{ .chartName }}'
          repoURL: https://seldonio.github.io/helm-charts
          helm:
            valueFiles:
              - '$values/apps/values/{{ .metadata.labels.environment }}/{{ .path.basename }}.yaml'
        - repoURL: https://github.com/example/platform.git
          ref: values
)");
  repo.write("apps/catalog/mlops-setup/entry.yaml",
             "namespace: mlops\nchartName: seldon-core-v2-setup\n");
  repo.write("apps/catalog/mlops-runtime/entry.yaml",
             "namespace: mlops\nchartName: seldon-core-v2-runtime\n");
  repo.write("apps/values/dev/mlops-setup.yaml",
             "security:\n  kafka:\n    protocol: SSL\nkafka:\n  bootstrap: dev:9093\n");
  repo.write("apps/values/uat/mlops-setup.yaml",
             "security:\n  kafka:\n    protocol: SSL\nkafka:\n  bootstrap: uat:9093\n");
  repo.write("apps/values/uat/mlops-runtime.yaml", "seldonRuntime:\n  replicas: 2\n");
  LintResult result = repo.lint_repo();
  // No values file is a standalone release: each is a layer of its instance.
  REQUIRE(result.model->releases.size() == 4);
  const Release& staging = only_release(result, "staging");
  CHECK(staging.source == "ApplicationSet");
  CHECK(staging.namespace_name == "seldon-staging");
  REQUIRE(staging.layers.size() == 2);
  CHECK(staging.text("kafka.bootstrap") == "stg:9093");
  CHECK(staging.text("security.kafka.protocol") == "SASL_SSL");
  const Release& production = only_release(result, "production");
  CHECK(production.text("kafka.bootstrap") == "prod:9093");
  CHECK(production.namespace_name == "seldon-production");
  const Release& dev = only_release(result, "dev");
  CHECK(dev.name == "mlops-setup");
  CHECK(dev.namespace_name == "mlops");
  CHECK(dev.text("kafka.bootstrap") == "dev:9093");
  CHECK(only_release(result, "uat").text("kafka.bootstrap") == "uat:9093");
  // The runtime chart's instances are one runtime, in the ApplicationSet's environment.
  REQUIRE(result.model->runtimes.size() == 1);
  CHECK(result.model->runtimes[0].namespace_name == "mlops");
  CHECK(result.model->runtimes[0].environment == "default");
}

TEST_CASE("Kustomize helmCharts: valuesFile, valuesInline, additionalValuesFiles", "[sources]") {
  TempRepo repo;
  repo.write("overlays/staging/kustomization.yaml", R"(apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: seldon-staging
helmCharts:
  - name: seldon-core-v2-setup
    releaseName: seldon
    valuesFile: values.yaml
    valuesInline:
      kafka:
        topicPrefix: inline
        bootstrap: inline:9092
    additionalValuesFiles:
      - extra.yaml
secretGenerator:
  - name: kafka-sasl
    literals:
      - password=x
  - name: kafka-sasl-fixed
    options:
      disableNameSuffixHash: true
    literals:
      - password=x
)");
  repo.write("overlays/staging/values.yaml",
             "kafka:\n  topicPrefix: file\n  bootstrap: file:9092\n");
  repo.write("overlays/staging/extra.yaml", "kafka:\n  bootstrap: extra:9092\n");
  LintResult result = repo.lint_repo();
  const Release& r = only_release(result);
  CHECK(r.source == "Kustomize helmCharts");
  CHECK(r.namespace_name == "seldon-staging");
  CHECK(r.environment == "staging");
  REQUIRE(r.layers.size() == 3);
  CHECK(r.text("kafka.topicPrefix") == "inline");
  CHECK(r.text("kafka.bootstrap") == "extra:9092");
  CHECK(r.overridden("kafka.bootstrap").size() == 2);
  // A hash-suffixed generator name never matches an exact reference.
  CHECK(result.model->find_secrets("kafka-sasl", "seldon-staging", "staging").empty());
  CHECK(result.model->find_secrets_anywhere("kafka-sasl", "staging").size() == 1);
  CHECK(result.model->find_secrets("kafka-sasl-fixed", "seldon-staging", "staging").size() == 1);
}

TEST_CASE("helmfile: values in order per environment, then set", "[sources]") {
  TempRepo repo;
  repo.write("helmfile.yaml", R"(environments:
  production: {}
  dev: {}
---
releases:
  - name: seldon
    namespace: seldon-mesh
    chart: seldon/seldon-core-v2-setup
    values:
      - values/common.yaml
      - values/{{ .Environment.Name }}.yaml
      - kafka:
          topicPrefix: inline
    set:
      - name: kafka.topics.replicationFactor
        value: 3
)");
  repo.write("values/common.yaml", "kafka:\n  topicPrefix: common\n  bootstrap: common:9092\n");
  repo.write("values/production.yaml", "kafka:\n  bootstrap: prod:9093\n");
  repo.write("values/dev.yaml", "kafka:\n  bootstrap: dev:9092\n");
  LintResult result = repo.lint_repo();
  REQUIRE(result.model->releases.size() == 2);
  const Release& prod = only_release(result, "production");
  CHECK(prod.text("kafka.bootstrap") == "prod:9093");
  CHECK(prod.text("kafka.topicPrefix") == "inline");
  CHECK(prod.text("kafka.topics.replicationFactor") == "3");
  CHECK(prod.namespace_name == "seldon-mesh");
  const Release& dev = only_release(result, "dev");
  CHECK(dev.text("kafka.bootstrap") == "dev:9092");
}

TEST_CASE("Flux postBuild substitution resolves variables in the release", "[sources]") {
  TempRepo repo;
  repo.write("clusters/staging/apps.yaml", R"(apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: apps
spec:
  path: ./apps/staging
  targetNamespace: seldon-staging
  postBuild:
    substitute:
      KAFKA_BOOTSTRAP: kafka:9092
)");
  repo.write("apps/staging/release.yaml", R"(apiVersion: helm.toolkit.fluxcd.io/v2beta2
kind: HelmRelease
metadata:
  name: seldon
spec:
  chart:
    spec:
      chart: seldon-core-v2-setup
  values:
    kafka:
      bootstrap: ${KAFKA_BOOTSTRAP}
      topicPrefix: ${PREFIX:=seldon-staging}
)");
  LintResult result = repo.lint_repo();
  const Release& r = only_release(result);
  CHECK(r.substituted);
  CHECK(r.namespace_name == "seldon-staging");
  CHECK(r.environment == "staging");
  CHECK(r.text("kafka.bootstrap") == "kafka:9092");
  CHECK(r.text("kafka.topicPrefix") == "seldon-staging");
  CHECK(r.locate("kafka.bootstrap").range.begin.line == 11);
}

TEST_CASE("set_parameter follows helm --set paths", "[sources]") {
  yaml::Node root;
  root.kind = yaml::Kind::Map;
  auto scalar = [](std::string text) {
    yaml::Node n;
    n.kind = yaml::Kind::Scalar;
    n.scalar = std::move(text);
    return n;
  };
  set_parameter(root, "a.b[1].c", scalar("x"), Location{});
  set_parameter(root, "d\\.e", scalar("y"), Location{});
  set_parameter(root, "f", scalar("1"), Location{});
  set_parameter(root, "f", scalar("null"), Location{});
  set_parameter(root, "g", scalar("null"), Location{}, true);
  const yaml::Node* list = root.at("a.b");
  REQUIRE(list != nullptr);
  REQUIRE(list->is_seq());
  REQUIRE(list->items.size() == 2);
  CHECK(list->items[1].find("c")->scalar == "x");
  CHECK(root.find("d.e") != nullptr);
  REQUIRE(root.find("f") != nullptr);
  CHECK(root.find("f")->is_null());  // deletes the key when merged
  CHECK(root.find("g")->scalar == "null");
}

TEST_CASE("find_variables reads Flux substitution syntax", "[sources]") {
  auto vars = find_variables("a ${ONE} b ${TWO:=x} $${THREE} ${not valid}");
  REQUIRE(vars.size() == 2);
  CHECK(vars[0].name == "ONE");
  CHECK_FALSE(vars[0].has_default);
  CHECK(vars[1].name == "TWO");
  CHECK(vars[1].has_default);
  CHECK(vars[1].default_value == "x");
}

namespace {

const char* kGotmplHelmfile = R"(values:
  - kafka:
      prefix: base
environments:
  staging:
    values:
      - env/staging.yaml
  production:
    mergeStrategy: fallback
    values:
      - env/production.yaml
      - env/shared.yaml.gotmpl
      - kafka:
          replicas: 1
---
releases:
  - name: seldon
    namespace: seldon-{{ .Environment.Name }}
    chart: seldon/seldon-core-v2-setup
    values:
      - values/seldon.yaml.gotmpl
  - name: seldon-debug
    installed: {{ eq .Environment.Name "staging" | toYaml }}
    namespace: debug
    chart: seldon/seldon-core-v2-setup
)";

}  // namespace

TEST_CASE("helmfile.yaml.gotmpl: parts rendered per environment with its values", "[sources]") {
  TempRepo repo;
  repo.write("helmfile.yaml.gotmpl", kGotmplHelmfile);
  repo.write("env/staging.yaml", "kafka:\n  bootstrap: staging:9093\n  replicas: 1\n");
  repo.write("env/production.yaml", "kafka:\n  bootstrap: prod:9093\n  replicas: 3\n");
  // fallback: earlier files win, later ones fill gaps (and see the earlier values)
  repo.write("env/shared.yaml.gotmpl",
             "kafka:\n  bootstrap: shared:9093\n  suffix: {{ .Values.kafka.replicas }}\n");
  repo.write("values/seldon.yaml.gotmpl", R"(kafka:
  bootstrap: {{ .Values.kafka.bootstrap }}
  topicPrefix: {{ .Values.kafka.prefix }}-{{ .Environment.Name }}-{{ .Values | get "kafka.suffix" "none" }}
  topics:
    replicationFactor: {{ .Values.kafka.replicas }}
  consumerGroupIdPrefix: {{ .Release.Name }}-{{ .Release.Namespace }}
)");
  LintResult result = repo.lint_repo();
  const Release& prod = only_release(result, "production");
  CHECK(prod.text("kafka.bootstrap") == "prod:9093");
  CHECK(prod.text("kafka.topicPrefix") == "base-production-3");
  CHECK(prod.text("kafka.topics.replicationFactor") == "3");
  CHECK(prod.text("kafka.consumerGroupIdPrefix") == "seldon-seldon-production");
  CHECK(prod.namespace_name == "seldon-production");
  // The value points at the .gotmpl line that produced it.
  CHECK(file_of(result, prod.value("kafka.bootstrap")->location()) == "values/seldon.yaml.gotmpl");
  CHECK(prod.value("kafka.bootstrap")->location().range.begin.line == 2);
  // staging: two releases (installed: true), the values of staging.yaml.
  int staging = 0;
  for (const auto& r : result.model->releases) {
    if (r.environment != "staging") continue;
    ++staging;
    if (r.name == "seldon (staging)") CHECK(r.text("kafka.topicPrefix") == "base-staging-none");
  }
  CHECK(staging == 2);
}

TEST_CASE("helmfile templates: what the linter cannot know is unknown, never guessed",
          "[sources]") {
  auto production_layers = [](const std::string& shared, const std::string& extra_file = "") {
    TempRepo repo;
    repo.write("helmfile.yaml.gotmpl", kGotmplHelmfile);
    repo.write("env/staging.yaml", "kafka:\n  bootstrap: staging:9093\n  replicas: 1\n");
    repo.write("env/production.yaml", "kafka:\n  bootstrap: prod:9093\n  replicas: 3\n");
    repo.write("env/shared.yaml.gotmpl", shared);
    if (!extra_file.empty()) repo.write("env/ca.yaml", extra_file);
    repo.write("values/seldon.yaml.gotmpl", "kafka:\n  bootstrap: {{ .Values.kafka.bootstrap }}\n");
    LintResult result = repo.lint_repo();
    const Release& prod = only_release(result, "production");
    std::string reasons;
    for (const auto* layer : prod.unreadable_layers()) reasons += layer->reason + "\n";
    return std::make_pair(prod.known("kafka.bootstrap"), reasons);
  };
  SECTION("an environment variable") {
    auto [known, reasons] = production_layers("kafka:\n  x: {{ env \"KAFKA_X\" }}\n");
    CHECK_FALSE(known);
    CHECK(reasons.find("env \"KAFKA_X\" (environment variables are unknown to the linter)") !=
          std::string::npos);
  }
  SECTION("exec") {
    auto [known, reasons] = production_layers("kafka:\n  x: {{ exec \"az\" (list) }}\n");
    CHECK_FALSE(known);
    CHECK(reasons.find("exec \"az\" (runs a command)") != std::string::npos);
  }
  SECTION("readFile of a file that is not there; of one that is") {
    auto [known, reasons] = production_layers("kafka:\n  x: {{ readFile \"ca.pem\" }}\n");
    CHECK_FALSE(known);
    CHECK(reasons.find("readFile \"ca.pem\" (not a file of the repository") != std::string::npos);
    auto [known2, reasons2] =
        production_layers("{{ readFile \"env/ca.yaml\" }}\n", "kafka:\n  x: y\n");
    CHECK(known2);
    CHECK(reasons2.empty());
  }
  SECTION("a key the environment values do not have (helmfile: missingkey=error)") {
    auto [known, reasons] = production_layers("kafka:\n  x: {{ .Values.kafka.tls }}\n");
    CHECK_FALSE(known);
    CHECK(reasons.find("map has no entry for key \"tls\"") != std::string::npos);
  }
}

TEST_CASE("helmfile templates: part and environment counts are bounded (SL002)", "[sources]") {
  auto sl002 = [](const std::string& text) {
    TempRepo repo;
    repo.write("helmfile.yaml.gotmpl", text);
    LintResult result = repo.lint_repo();
    std::string messages;
    for (const auto& f : result.findings)
      if (f.rule_id == "SL002") messages += f.message + "\n";
    return messages;
  };
  std::string parts;
  for (int i = 0; i < 200000; ++i) parts += "a: 1\n---\n";
  CHECK(sl002(parts).find("helmfile template not rendered: 200001 parts, more than 64") !=
        std::string::npos);
  std::string environments = "environments:\n";
  for (int i = 0; i < 100; ++i) environments += "  e" + std::to_string(i) + ": {}\n";
  CHECK(sl002(environments + "---\nreleases: []\n").find("100 environments, more than 64") !=
        std::string::npos);
  CHECK(sl002("environments:\n  a: {}\n---\nreleases: []\n").empty());
}
