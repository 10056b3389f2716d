// examples/<provider>/ are complete, correct production setups, one per
// managed Kafka service and authentication method: with every rule on they
// must lint without an error or warning.  examples/<provider>-broken/ are the
// same repositories with provider-specific mistakes: the managed-Kafka rules
// must catch them.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <string>

#include "linter/cli/lint.hpp"

namespace fs = std::filesystem;
using namespace seldon_lint;

namespace {

const char* const kProviders[] = {
    "eventhubs", "confluent-cloud-sasl", "confluent-cloud-oauth", "msk-scram",
    "msk-mtls",  "strimzi-mtls",         "strimzi-scram",
};

// Rules that know about managed Kafka services and provider facts.
const std::set<std::string> kProviderRules = {"SL206", "SL207", "SL306", "SL401",
                                              "SL402", "SL403", "SL404", "SL405"};

LintResult lint_example(const fs::path& root) {
  LintOptions options;
  options.root = root.string();
  options.paths = {root.string()};
  options.jobs = 2;
  return lint(options);
}

std::string describe(const LintResult& result) {
  std::string out;
  for (const auto& f : result.findings) {
    std::string path = f.location.known() ? result.model->files[f.location.file].path : "";
    out += "  " + path + ":" + std::to_string(f.location.range.begin.line) + ": " + f.rule_id +
           " (" + severity_name(f.severity) + ") " + f.message + "\n";
  }
  return out.empty() ? "  (none)\n" : out;
}

fs::path examples_dir() {
  return fs::path(SELDON_LINT_SOURCE_DIR) / "examples";
}

}  // namespace

TEST_CASE("correct provider examples lint clean", "[examples]") {
  for (const char* name : kProviders) {
    SECTION(name) {
      fs::path root = examples_dir() / name;
      REQUIRE(fs::is_directory(root));
      LintResult result = lint_example(root);
      REQUIRE(result.model != nullptr);
      CHECK(result.model->releases.size() == 1);
      size_t serious = 0;
      for (const auto& f : result.findings) {
        if (f.severity == Severity::Error || f.severity == Severity::Warning) ++serious;
      }
      INFO("example " << name << " findings:\n" << describe(result));
      CHECK(serious == 0);
    }
  }
}

TEST_CASE("broken provider examples trip the provider rules", "[examples]") {
  for (const char* name : kProviders) {
    std::string broken = std::string(name) + "-broken";
    SECTION(broken) {
      fs::path root = examples_dir() / broken;
      REQUIRE(fs::is_directory(root));
      LintResult result = lint_example(root);
      size_t provider_findings = 0;
      for (const auto& f : result.findings) {
        if (kProviderRules.count(f.rule_id) > 0) ++provider_findings;
      }
      INFO("example " << broken << " findings:\n" << describe(result));
      CHECK(provider_findings >= 1);
    }
  }
}

TEST_CASE("the Event Hubs example declares its namespace in Terraform", "[examples]") {
  LintResult result = lint_example(examples_dir() / "eventhubs");
  REQUIRE(result.model->eventhub_namespaces.size() == 1);
  const EventHubNamespace& ns = result.model->eventhub_namespaces.front();
  CHECK(ns.name == "acme-seldon-prod");
  CHECK(ns.form == "Terraform");
  CHECK(ns.sku == "Standard");
  CHECK(ns.capacity == 1);
  CHECK(ns.local_auth_disabled == Tri::No);
}
