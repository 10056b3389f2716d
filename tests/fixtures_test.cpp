// Walks fixtures/<RULE>/<case>/ (and fixtures/demo-repo): each case is a small
// repository whose expected findings are written inline as `# expect: SL302`
// (or `// expect:`) on the line where the finding's primary location starts,
// `# expect-next-line: SL001` for the line below, or listed in an
// `expected.txt` as `path:line: SLnnn`.  Each case also keeps its full text
// report in `expected-report.txt` (scripts/update-fixture-goldens.sh,
// compared by tests/cli/fixture_goldens.sh).  Expected and actual must match both
// ways, so a fixture fails when a rule is removed or starts to make noise.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "linter/cli/config.hpp"
#include "linter/cli/lint.hpp"

namespace fs = std::filesystem;
using namespace seldon_lint;

namespace {

using Expectation = std::tuple<std::string, uint32_t, std::string>;  // path, line, rule

fs::path fixtures_dir() {
  return fs::path(SELDON_LINT_SOURCE_DIR) / "fixtures";
}

std::vector<fs::path> fixture_cases() {
  std::vector<fs::path> cases;
  for (const auto& group : fs::directory_iterator(fixtures_dir())) {
    if (!group.is_directory()) continue;
    std::string name = group.path().filename().string();
    if (name == "demo-repo") {
      cases.push_back(group.path());
    } else if (name.rfind("SL", 0) == 0 || name == "sources") {  // sources: values-source shapes
      for (const auto& c : fs::directory_iterator(group.path())) {
        if (c.is_directory()) cases.push_back(c.path());
      }
    }
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

std::multiset<Expectation> read_expectations(const fs::path& root) {
  static const std::regex kInline(R"((#|//)\s*expect(-next-line)?:\s*([A-Z0-9, ]+))");
  std::multiset<Expectation> out;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    std::string rel = fs::relative(entry.path(), root).generic_string();
    // The text-report snapshot quotes source lines, expectations included.
    if (rel == "expected-report.txt") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::string line;
    uint32_t number = 0;
    if (rel == "expected.txt") {
      static const std::regex kListed(R"(^(.+):(\d+):\s*(SL\d{3}))");
      while (std::getline(in, line)) {
        std::smatch m;
        if (std::regex_search(line, m, kListed)) {
          out.emplace(m[1].str(), static_cast<uint32_t>(std::stoul(m[2].str())), m[3].str());
        }
      }
      continue;
    }
    while (std::getline(in, line)) {
      ++number;
      std::smatch m;
      if (!std::regex_search(line, m, kInline)) continue;
      uint32_t target = m[2].matched ? number + 1 : number;
      std::stringstream ids(m[3].str());
      std::string id;
      while (std::getline(ids, id, ',')) {
        id.erase(std::remove(id.begin(), id.end(), ' '), id.end());
        if (!id.empty()) out.emplace(rel, target, id);
      }
    }
  }
  return out;
}

LintResult lint_case(const fs::path& root) {
  LintOptions options;
  options.root = root.string();
  options.paths = {root.string()};
  options.jobs = 2;
  fs::path config = root / ".seldon-lint.yaml";
  if (fs::exists(config)) {
    ConfigError error;
    REQUIRE(load_config(config.string(), options.config, error));
  }
  return lint(options);
}

std::string describe(const std::multiset<Expectation>& set) {
  std::string out;
  for (const auto& [path, line, rule] : set) {
    out += "  " + path + ":" + std::to_string(line) + ": " + rule + "\n";
  }
  return out.empty() ? "  (none)\n" : out;
}

}  // namespace

TEST_CASE("fixture repositories produce exactly the expected findings", "[fixtures]") {
  auto cases = fixture_cases();
  REQUIRE_FALSE(cases.empty());
  for (const auto& root : cases) {
    std::string name = fs::relative(root, fixtures_dir()).generic_string();
    SECTION(name) {
      auto expected = read_expectations(root);
      LintResult result = lint_case(root);
      std::multiset<Expectation> actual;
      std::string messages;
      for (const auto& f : result.findings) {
        std::string path = f.location.known() ? result.model->files[f.location.file].path : "";
        actual.emplace(path, f.location.range.begin.line, f.rule_id);
        messages += "  " + path + ":" + std::to_string(f.location.range.begin.line) + ": " +
                    f.rule_id + " " + f.message + "\n";
      }
      INFO("fixture " << name << "\nexpected:\n" << describe(expected) << "actual:\n" << messages);
      CHECK(actual == expected);
    }
  }
}

TEST_CASE("every rule has positive and negative fixtures", "[fixtures]") {
  for (const auto& rule : make_all_rules()) {
    const std::string& id = rule->info().id;
    fs::path dir = fixtures_dir() / id;
    bool positive = false, negative = false;
    if (fs::is_directory(dir)) {
      for (const auto& c : fs::directory_iterator(dir)) {
        std::string name = c.path().filename().string();
        if (name.rfind("positive", 0) == 0) {
          auto expected = read_expectations(c.path());
          positive = positive || std::any_of(expected.begin(), expected.end(),
                                             [&](const auto& e) { return std::get<2>(e) == id; });
        }
        if (name.rfind("negative", 0) == 0) negative = true;
      }
    }
    INFO("rule " << id << " needs fixtures/" << id << "/positive-*/ (expecting " << id
                 << ") and fixtures/" << id << "/negative-*/");
    CHECK(positive);
    CHECK(negative);
  }
}
