// The input stage parses every file a parsed file references, whatever the
// prefilter said (linter/input/references.cpp), so the model never parses and
// a broken referenced file is SL001.
#include <catch2/catch.hpp>

#include <algorithm>

#include "linter/base/text.hpp"
#include "linter/input/references.hpp"
#include "linter/parse/yaml_parser.hpp"
#include "tests/test_repo.hpp"

using namespace seldon_lint;
using seldon_lint::testing::TestRepo;

namespace {

SourceFile parsed(const std::string& path, const std::string& text) {
  SourceFile file;
  file.path = path;
  file.kind = FileKind::Yaml;
  file.text = text;
  file.line_starts = compute_line_starts(file.text);
  YamlParser parser;
  YamlParseOptions options;
  options.file = 0;
  file.documents = parser.parse(file.text, file.line_starts, options).documents;
  return file;
}

// The files a list names, whatever the order and repeats (FileReferences keeps
// them as found).
std::set<std::string> named(const std::vector<std::string>& list) {
  return {list.begin(), list.end()};
}

FileReferences references_of(const std::string& path, const std::string& text) {
  FileReferences out;
  collect_references(parsed(path, text), out);
  return out;
}

}  // namespace

TEST_CASE("kustomization references: resources, patches, replacements, generator files, values",
          "[references]") {
  auto refs = references_of("apps/prod/kustomization.yaml", R"(
resources: [../base, deployment.yaml, https://example.com/remote.yaml]
components: [../components/logging]
patches:
  - path: patches/release.yaml
  - patch: |
      kind: HelmRelease
patchesStrategicMerge:
  - strategic.yaml
  - |
    kind: HelmRelease
configMapGenerator:
  - name: values
    files: [values.yaml=values/prod.yaml]
secretGenerator:
  - name: creds
    files: [creds.yaml]
helmCharts:
  - name: seldon-core-v2-setup
    valuesFile: chart-values.yaml
    additionalValuesFiles: [../shared/more.yaml]
replacements:
  - path: replacements.yaml
configurations: [kustomizeconfig.yaml]
)");
  CHECK(named(refs.syntax_only) ==
        std::set<std::string>{"apps/base", "apps/prod/deployment.yaml", "apps/components/logging"});
  std::set<std::string> expected = {
      "apps/prod/patches/release.yaml", "apps/prod/strategic.yaml",
      "apps/prod/values/prod.yaml",     "apps/prod/creds.yaml",
      "apps/prod/chart-values.yaml",    "apps/shared/more.yaml",
      "apps/prod/replacements.yaml",    "apps/prod/kustomizeconfig.yaml"};
  CHECK(named(refs.paths) == expected);
  CHECK(refs.globs.empty());
}

TEST_CASE("Argo CD and ApplicationSet value files, templated paths become globs", "[references]") {
  auto app = references_of("argocd/app.yaml", R"(
apiVersion: argoproj.io/v1alpha1
kind: Application
spec:
  sources:
    - chart: seldon-core-v2-setup
      helm:
        valueFiles: [$values/envs/prod/values.yaml]
    - path: charts/setup
      helm:
        valueFiles: [values-prod.yaml, ../common.yaml]
)");
  CHECK(named(app.paths) == std::set<std::string>{"envs/prod/values.yaml",
                                                  "charts/setup/values-prod.yaml",
                                                  "charts/common.yaml"});
  auto set = references_of("argocd/set.yaml", R"(
apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
spec:
  generators:
    - matrix:
        generators:
          - git:
              files:
                - path: clusters/*/config.yaml
                - path: clusters/old/config.yaml
                  exclude: true
  template:
    spec:
      source:
        chart: seldon-core-v2-setup
        helm:
          valueFiles: ["$values/envs/{{ .cluster }}/{{env}}-values.yaml"]
)");
  CHECK(set.paths.empty());
  CHECK(set.globs == std::set<std::string>{"clusters/*/config.yaml", "envs/*/*-values.yaml"});
}

TEST_CASE("helmfile values per environment, Flux valuesFrom and substituteFrom names",
          "[references]") {
  auto helmfile = references_of("deploy/helmfile.yaml", R"(
environments:
  staging:
    values: [env/staging.yaml]
  production: {}
---
releases:
  - name: seldon
    chart: seldon/seldon-core-v2-setup
    values:
      - values/{{ .Environment.Name }}.yaml
      - values/common.yaml
)");
  CHECK(named(helmfile.paths) ==
        std::set<std::string>{"deploy/env/staging.yaml", "deploy/values/staging.yaml",
                              "deploy/values/production.yaml", "deploy/values/common.yaml"});
  auto flux = references_of("clusters/prod/release.yaml", R"(
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
spec:
  valuesFrom:
    - kind: ConfigMap
      name: platform-values
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
spec:
  postBuild:
    substituteFrom:
      - kind: ConfigMap
        name: cluster-vars
)");
  CHECK(flux.object_names == std::set<std::string>{"platform-values", "cluster-vars"});
}

TEST_CASE("template holes as globs", "[references]") {
  CHECK(template_holes_as_glob("a/b.yaml") == "a/b.yaml");
  CHECK(template_holes_as_glob("envs/{{ .env }}/values.yaml") == "envs/*/values.yaml");
  CHECK(template_holes_as_glob("{{a}}{{b}}-x.yaml") == "*-x.yaml");
  CHECK(template_holes_as_glob("broken/{{unclosed") == "broken/{{unclosed");
}

namespace {

// The files with an SL001, sorted.
std::vector<std::string> broken_files(TestRepo& repo) {
  LintOptions options;
  options.root = repo.root().string();
  options.paths = {repo.root().string()};
  options.jobs = 2;
  options.selection.select = {"SL001"};
  LintResult result = lint(options);
  std::vector<std::string> out;
  for (const auto& f : result.findings) out.push_back(result.model->files[f.location.file].path);
  std::sort(out.begin(), out.end());
  return out;
}

constexpr const char* kBroken = "service:\n  ports:\n    http: 80\n   grpc: 9000\n";

}  // namespace

TEST_CASE("a broken file is SL001 when referenced, silent when nothing references it",
          "[references]") {
  TestRepo repo;
  repo.file("apps/kustomization.yaml",
            "resources: [service.yaml]\npatches:\n  - path: release-patch.yaml\n")
      .file("apps/service.yaml", kBroken)
      .file("apps/unreferenced.yaml", kBroken)
      // A HelmRelease patch naming no Seldon word (skipped by the prefilter):
      // parsed in the first round, the ConfigMap its valuesFrom names in the
      // second.
      .file("apps/release-patch.yaml", R"(apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: web
spec:
  valuesFrom:
    - kind: ConfigMap
      name: web-values
)")
      .file("apps/web-values.yaml", std::string("apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                                                "  name: web-values\ndata:\n") +
                                        kBroken);
  CHECK(broken_files(repo) ==
        std::vector<std::string>{"apps/service.yaml", "apps/web-values.yaml"});
}

TEST_CASE("a ConfigMap a HelmRelease's valuesFrom names is parsed wherever it is defined",
          "[references]") {
  TestRepo repo;
  repo.file("clusters/prod/seldon.yaml", R"(apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: seldon-core-v2-setup
spec:
  chart:
    spec:
      chart: seldon-core-v2-setup
  valuesFrom:
    - kind: ConfigMap
      name: platform-values
)")
      .file("clusters/prod/platform.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: platform-values\ndata:\n  a: b\n"
            " c: d\n")
      .file("clusters/prod/other.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\ndata:\n  a: b\n c: d\n");
  CHECK(broken_files(repo) == std::vector<std::string>{"clusters/prod/platform.yaml"});
}

TEST_CASE("config releases globs are parsed", "[references]") {
  TestRepo repo;
  repo.file("envs/prod/setup.yaml", kBroken).file("envs/prod/other.yaml", kBroken);
  LintOptions options;
  options.root = repo.root().string();
  options.paths = {repo.root().string()};
  options.config.releases.push_back(ReleaseConfig{{"envs/*/setup.yaml"}, "s"});
  options.selection.select = {"SL001"};
  LintResult result = lint(options);
  REQUIRE(result.findings.size() == 1);
  CHECK(result.model->files[result.findings[0].location.file].path == "envs/prod/setup.yaml");
}
