// SL1xx-SL3xx behaviour pinned by the rules.md audit: messages and related
// locations the fixture repositories do not check.
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "linter/cli/lint.hpp"
#include "tests/test_repo.hpp"

namespace fs = std::filesystem;
using namespace seldon_lint;

namespace {

using Repo = testing::TestRepo;

}  // namespace

TEST_CASE("SL101 on a protocol deleted with null says so and points at the null", "[rules]") {
  Repo repo;
  repo.file("clusters/prod/hr.yaml",
            "apiVersion: helm.toolkit.fluxcd.io/v2\n"
            "kind: HelmRelease\n"
            "metadata: {name: seldon, namespace: seldon-mesh}\n"
            "spec:\n"
            "  chart: {spec: {chart: seldon-core-v2-setup}}\n"
            "  valuesFrom:\n"
            "    - {kind: ConfigMap, name: base}\n"
            "  values:\n"
            "    security:\n"
            "      kafka:\n"
            "        protocol: null\n"
            "---\n"
            "apiVersion: v1\n"
            "kind: ConfigMap\n"
            "metadata: {name: base, namespace: seldon-mesh}\n"
            "data:\n"
            "  values.yaml: |\n"
            "    security:\n"
            "      kafka:\n"
            "        protocol: SASL_SSL\n");
  auto findings = repo.lint("SL101");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].location.range.begin.line == 11);
  CHECK(findings[0].message.find("deleted with null") != std::string::npos);
  // The base layer's SASL_SSL is the overridden value; the null itself is the primary.
  REQUIRE(findings[0].related.size() == 1);
  CHECK(findings[0].related[0].location.range.begin.line == 20);
}

TEST_CASE("SL101 says whether PLAINTEXT is written, empty or the chart default", "[rules]") {
  auto message_for = [](const std::string& security_kafka) {
    Repo repo;
    repo.file(
        "envs/production/values.yaml",
        "kafka:\n  bootstrap: kafka.example.internal:9093\nsecurity:\n  kafka:\n" + security_kafka);
    auto findings = repo.lint("SL101");
    REQUIRE(findings.size() == 1);
    return findings[0].message;
  };
  CHECK(message_for("    protocol: PLAINTEXT\n").find("is PLAINTEXT in production") !=
        std::string::npos);
  CHECK(message_for("    protocol: \"\"\n").find("empty") != std::string::npos);
  CHECK(message_for("    sasl: {mechanism: PLAIN}\n").find("chart default PLAINTEXT") !=
        std::string::npos);
}

namespace {

std::string setup_release(const std::string& ns, bool clusterwide) {
  return "apiVersion: helm.toolkit.fluxcd.io/v2\n"
         "kind: HelmRelease\n"
         "metadata: {name: seldon-core-v2-setup, namespace: " +
         ns +
         "}\n"
         "spec:\n"
         "  chart: {spec: {chart: seldon-core-v2-setup}}\n"
         "  values:\n"
         "    controller:\n"
         "      clusterwide: " +
         (clusterwide ? "true" : "false") + "\n";
}

std::string runtime_in(const std::string& ns) {
  return "apiVersion: mlops.seldon.io/v1alpha1\n"
         "kind: SeldonRuntime\n"
         "metadata: {name: seldon, namespace: " +
         ns + "}\n";
}

}  // namespace

TEST_CASE("SL504 pairs a runtime with the controllers of its environment and the shared ones",
          "[rules]") {
  Repo repo;
  // Production's controller watches its own namespace; staging's watches all.
  repo.file("clusters/production/setup.yaml", setup_release("seldon-prod", false));
  repo.file("clusters/staging/setup.yaml", setup_release("seldon-staging", true));
  repo.file("clusters/production/runtime.yaml", runtime_in("models-prod"));
  repo.file("clusters/staging/runtime.yaml", runtime_in("models-staging"));
  // A file of no environment is paired with every controller: staging's watches it.
  repo.file("shared/runtime.yaml", runtime_in("models-shared"));
  auto in_namespace = [](const RelatedLocation& related, const std::string& ns) {
    return related.message.find("namespace " + ns + ")") != std::string::npos;
  };
  SECTION("staging's clusterwide controller does not watch production") {
    auto findings = repo.lint("SL504");
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].message.find("'models-prod'") != std::string::npos);
    REQUIRE(findings[0].related.size() == 1);
    CHECK(in_namespace(findings[0].related[0], "seldon-prod"));
  }
  SECTION("a shared controller is paired with every environment, in release order") {
    repo.file("shared/setup.yaml", setup_release("seldon-shared", false));
    auto findings = repo.lint("SL504");
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].message.find("'models-prod'") != std::string::npos);
    REQUIRE(findings[0].related.size() == 2);
    CHECK(in_namespace(findings[0].related[0], "seldon-prod"));
    CHECK(in_namespace(findings[0].related[1], "seldon-shared"));
  }
  SECTION("a shared controller whose namespace is unknown leaves every runtime unjudged") {
    repo.file("shared/setup.yaml",
              "apiVersion: helm.toolkit.fluxcd.io/v2\n"
              "kind: HelmRelease\n"
              "metadata: {name: seldon-core-v2-setup}\n"
              "spec:\n"
              "  chart: {spec: {chart: seldon-core-v2-setup}}\n");
    CHECK(repo.lint("SL504").empty());
  }
}
