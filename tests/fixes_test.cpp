// Fixes (seldon_lint/finding.hpp Fix/TextEdit): which findings carry one, that
// the edits keep quoting and layout, and that applying them resolves the finding.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "linter/base/text_edits.hpp"
#include "linter/engine/fixes.hpp"
#include "rules/fix_support.hpp"
#include "tests/test_repo.hpp"

using namespace seldon_lint;

namespace {

using Repo = testing::TestRepo;

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Linted {
  LintResult result;
  std::vector<Finding> findings;  // of the rule asked for
};

// Lints `repo` with every rule (SL004 needs the others) and keeps `rule`'s findings.
Linted lint_rule(const Repo& repo, const std::string& rule) {
  LintOptions options;
  options.root = repo.root().string();
  options.paths = {repo.root().string()};
  options.jobs = 1;
  Linted out{seldon_lint::lint(options), {}};
  for (const auto& f : out.result.findings) {
    if (f.rule_id == rule) out.findings.push_back(f);
  }
  return out;
}

// The text of `rel` after applying every fix of `findings` that edits it.
std::string fixed_text(const Repo& repo, const std::string& rel,
                       const std::vector<Finding>& findings, const Model* model = nullptr) {
  std::vector<TextEdit> edits;
  for (const auto& f : findings) {
    for (const auto& fix : f.fixes) {
      for (const auto& e : fix.edits) {
        if (model == nullptr || model->files[e.file].path == rel) edits.push_back(e);
      }
    }
  }
  return apply_edits(read(repo.root() / rel), edits);
}

}  // namespace

TEST_CASE("same_letters accepts only case and punctuation differences", "[fixes]") {
  std::vector<std::string> protocols = {"PLAINTEXT", "SSL", "SASL_SSL"};
  std::vector<std::string> mechanisms = {"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "OAUTHBEARER"};
  CHECK(fixes::same_letters("sasl_ssl", protocols) == "SASL_SSL");
  CHECK(fixes::same_letters("Sasl-Ssl", protocols) == "SASL_SSL");
  CHECK(fixes::same_letters("ssl", protocols) == "SSL");
  CHECK(fixes::same_letters("scram-sha-512", mechanisms) == "SCRAM-SHA-512");
  CHECK(fixes::same_letters("SCRAM_SHA512", mechanisms) == "SCRAM-SHA-512");
  CHECK(fixes::same_letters("SASL_PLAINTEXT", protocols).empty());  // another protocol
  CHECK(fixes::same_letters("TLS", protocols).empty());
  CHECK(fixes::same_letters("SSL", protocols).empty());  // already valid
  CHECK(fixes::same_letters("", protocols).empty());
}

TEST_CASE("plain_safe refuses what YAML would read differently", "[fixes]") {
  CHECK(fixes::plain_safe("SASL_SSL"));
  CHECK(fixes::plain_safe("$ConnectionString"));
  CHECK_FALSE(fixes::plain_safe("123"));
  CHECK_FALSE(fixes::plain_safe("true"));
  CHECK_FALSE(fixes::plain_safe("a: b"));
  CHECK_FALSE(fixes::plain_safe("*x"));
  CHECK_FALSE(fixes::plain_safe(""));
}

TEST_CASE("apply_edits applies non-overlapping edits in any order", "[fixes]") {
  std::vector<TextEdit> edits = {{0, 6, 7, "X"}, {0, 0, 1, ""}, {0, 3, 3, "+"}};
  CHECK(apply_edits("abcdefgh", edits) == "bc+defXh");
  CHECK(edits_overlap({0, 1, 3, ""}, {0, 2, 4, ""}));
  CHECK_FALSE(edits_overlap({0, 1, 3, ""}, {0, 3, 4, ""}));
  CHECK(edits_overlap({0, 3, 3, "a"}, {0, 3, 3, "b"}));
}

TEST_CASE("SL102 fixes a protocol with wrong case, keeping quotes and comments", "[fixes]") {
  Repo repo;
  std::string before =
      "kafka:\n  bootstrap: kafka.example.internal:9093\nsecurity:\n  kafka:\n"
      "    protocol: \"sasl_ssl\"   # keep me\n";
  repo.file("envs/dev/components-values.yaml", before);
  auto findings = repo.lint("SL102");
  REQUIRE(findings.size() == 1);
  REQUIRE(findings[0].fixes.size() == 1);
  CHECK(findings[0].fixes[0].description == "Replace 'sasl_ssl' with 'SASL_SSL'");
  CHECK(fixed_text(repo, "envs/dev/components-values.yaml", findings) ==
        "kafka:\n  bootstrap: kafka.example.internal:9093\nsecurity:\n  kafka:\n"
        "    protocol: \"SASL_SSL\"   # keep me\n");
}

TEST_CASE("SL102 offers no fix for a different protocol", "[fixes]") {
  Repo repo;
  repo.file("envs/dev/components-values.yaml",
            "kafka:\n  bootstrap: k:9093\nsecurity:\n  kafka:\n    protocol: SASL_PLAINTEXT\n");
  auto findings = repo.lint("SL102");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].fixes.empty());
}

TEST_CASE("SL201 fixes a mechanism with wrong case and punctuation", "[fixes]") {
  Repo repo;
  repo.file("envs/dev/components-values.yaml",
            "kafka:\n  bootstrap: k:9093\nsecurity:\n  kafka:\n    protocol: SASL_SSL\r\n"
            "    sasl:\r\n      mechanism: scram_sha512\r\n");
  auto findings = repo.lint("SL201");
  REQUIRE(findings.size() == 1);
  REQUIRE(findings[0].fixes.size() == 1);
  CHECK(fixed_text(repo, "envs/dev/components-values.yaml", findings) ==
        "kafka:\n  bootstrap: k:9093\nsecurity:\n  kafka:\n    protocol: SASL_SSL\r\n"
        "    sasl:\r\n      mechanism: SCRAM-SHA-512\r\n");
}

namespace {

std::string argo_app(const std::string& env, const std::string& helm) {
  return "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: seldon-" + env +
         "\n  namespace: argocd\nspec:\n  destination:\n    namespace: seldon-mesh\n"
         "  source:\n    repoURL: https://seldonio.github.io/helm-charts\n"
         "    chart: seldon-core-v2-setup\n    targetRevision: 2.10.2\n    helm:\n" +
         helm;
}

}  // namespace

TEST_CASE("SL103 adds the key inside an Argo CD literal helm.values block", "[fixes]") {
  Repo repo;
  std::string helm =
      "      values: |\n        kafka:\n          bootstrap: k.kafka:9093\n"
      "        security:\n          kafka:\n            protocol: SSL\n"
      "      releaseName: seldon\n";
  repo.file("apps/dev/seldon.yaml", argo_app("dev", helm));
  auto findings = repo.lint("SL103");
  REQUIRE(findings.size() == 1);
  REQUIRE(findings[0].fixes.size() == 1);
  std::string fixed = fixed_text(repo, "apps/dev/seldon.yaml", findings);
  CHECK(fixed.find("            protocol: SSL\n            ssl:\n              client:\n"
                   "                endpointIdentificationAlgorithm: https\n"
                   "      releaseName: seldon\n") != std::string::npos);
}

TEST_CASE("No fix inside a folded or quoted helm.values string", "[fixes]") {
  Repo repo;
  repo.file(
      "apps/dev/seldon.yaml",
      argo_app("dev", "      values: \"security:\\n  kafka:\\n    protocol: sasl_ssl\\n\"\n"));
  auto findings = repo.lint("SL102");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].fixes.empty());  // positions point at the whole string
}

TEST_CASE("No added key under helm.parameters that set it, nor in a shared base", "[fixes]") {
  SECTION("a --set parameter sets the value") {
    Repo repo;
    std::string helm =
        "      values: |\n        security:\n          kafka:\n            protocol: SSL\n"
        "      parameters:\n"
        "        - name: security.kafka.ssl.client.endpointIdentificationAlgorithm\n"
        "          value: \"\"\n";
    repo.file("apps/dev/seldon.yaml", argo_app("dev", helm));
    auto findings = repo.lint("SL103");
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].fixes.empty());
  }
  SECTION("the only values layer feeds two environments") {
    Repo repo;
    repo.file("base/values.yaml", "security:\n  kafka:\n    protocol: SSL\n");
    for (std::string env : {"dev", "prod"}) {
      repo.file("apps/" + env + "/seldon.yaml",
                "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: s-" + env +
                    "\nspec:\n  destination:\n    namespace: seldon-mesh\n  sources:\n"
                    "    - repoURL: https://seldonio.github.io/helm-charts\n"
                    "      chart: seldon-core-v2-setup\n      helm:\n        valueFiles:\n"
                    "          - $values/base/values.yaml\n"
                    "    - repoURL: https://example.com/repo.git\n      ref: values\n");
    }
    auto findings = repo.lint("SL103");
    REQUIRE(findings.size() >= 1);
    for (const auto& f : findings) CHECK(f.fixes.empty());
  }
}

TEST_CASE("unified_diff hunks apply line by line with context", "[fixes]") {
  FileChange change;
  change.path = "a.yaml";
  change.before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n";
  change.after = "1\nTWO\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\nadded\n";
  change.edits.push_back({0, 2, 3, "TWO"});
  std::string diff = unified_diff(change);
  CHECK(diff ==
        "--- a/a.yaml\n+++ b/a.yaml\n@@ -1,5 +1,5 @@\n 1\n-2\n+TWO\n 3\n 4\n 5\n"
        "@@ -14,3 +14,4 @@\n 14\n 15\n 16\n+added\n");
}

TEST_CASE("SL004 removes only the unused ids of a directive, or the whole comment", "[fixes]") {
  Repo repo;
  std::string before =
      "security:\n  kafka:\n    protocol: PLAINTEXT  # seldon-lint: ignore[SL101, SL103] lab "
      "broker\nkafka:\n  bootstrap: k.kafka:9092\n"
      "# seldon-lint: ignore[SL405] nothing on the next line\n"
      "controller:\n  clusterwide: false\n";
  repo.file("envs/prod/components-values.yaml", before);
  Linted linted = lint_rule(repo, "SL004");
  REQUIRE(linted.findings.size() == 2);
  for (const auto& f : linted.findings) REQUIRE(f.fixes.size() == 1);
  CHECK(fixed_text(repo, "envs/prod/components-values.yaml", linted.findings,
                   linted.result.model.get()) ==
        "security:\n  kafka:\n    protocol: PLAINTEXT  # seldon-lint: ignore[SL101] lab "
        "broker\nkafka:\n  bootstrap: k.kafka:9092\ncontroller:\n  clusterwide: false\n");
}

TEST_CASE("SL207 on Event Hubs overrides a shared base's username in the own layer", "[fixes]") {
  Repo repo;
  repo.file("base/values.yaml",
            "security:\n  kafka:\n    protocol: SASL_SSL\n    sasl:\n      mechanism: PLAIN\n"
            "      client:\n        username: seldon-user\n        secret: eh\n");
  for (std::string env : {"dev", "prod"}) {
    repo.file("envs/" + env + "/values.yaml",
              "kafka:\n  bootstrap: ns-" + env + ".servicebus.windows.net:9093\n");
    repo.file("apps/" + env + "/seldon.yaml",
              "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: s-" + env +
                  "\nspec:\n  destination:\n    namespace: seldon-mesh\n  sources:\n"
                  "    - repoURL: https://seldonio.github.io/helm-charts\n"
                  "      chart: seldon-core-v2-setup\n      helm:\n        valueFiles:\n"
                  "          - $values/base/values.yaml\n          - $values/envs/" +
                  env +
                  "/values.yaml\n    - repoURL: https://example.com/repo.git\n      ref: values\n");
  }
  Linted linted = lint_rule(repo, "SL207");
  REQUIRE(linted.findings.size() == 2);
  for (const auto& f : linted.findings) {
    REQUIRE(f.fixes.size() == 1);
    REQUIRE(f.fixes[0].edits.size() == 1);
  }
  const Model* model = linted.result.model.get();
  CHECK(fixed_text(repo, "envs/prod/values.yaml", linted.findings, model) ==
        "kafka:\n  bootstrap: ns-prod.servicebus.windows.net:9093\nsecurity:\n  kafka:\n"
        "    sasl:\n      client:\n        username: $ConnectionString\n");
  CHECK(fixed_text(repo, "base/values.yaml", linted.findings, model) ==
        read(repo.root() / "base/values.yaml"));
}
