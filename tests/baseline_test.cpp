// Baselines: written sorted and stable, matched by content fingerprint so that
// inserted lines, reformatting and moved keys keep findings hidden, while new
// occurrences are reported and vanished ones are reported as stale.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "linter/cli/lint.hpp"
#include "linter/engine/baseline.hpp"

namespace fs = std::filesystem;
using namespace seldon_lint;

namespace {

struct TempRepo {
  fs::path root;
  explicit TempRepo(const std::string& name) : root(fs::temp_directory_path() / name) {
    fs::remove_all(root);
    fs::create_directories(root);
  }
  ~TempRepo() { fs::remove_all(root); }
  void write(const std::string& path, const std::string& text) const {
    fs::create_directories((root / path).parent_path());
    std::ofstream(root / path, std::ios::binary) << text;
  }
  LintResult run(const Baseline* baseline, bool write = false, bool include = false) const {
    LintOptions options;
    options.root = root.string();
    options.paths = {root.string()};
    options.baseline = baseline;
    options.write_baseline = write;
    options.include_suppressed = include;
    options.selection.select = {"SL101"};  // other rules' findings are not this test's business
    return lint(options);
  }
};

const char* kPlaintext =
    "security:\n"
    "  kafka:\n"
    "    protocol: PLAINTEXT\n"
    "kafka:\n"
    "  bootstrap: kafka.kafka.svc:9092\n"
    "  topics:\n"
    "    replicationFactor: 3\n";

std::string text_of(const Baseline& b) {
  std::ostringstream out;
  write_baseline(b, out);
  return out.str();
}

}  // namespace

TEST_CASE("a written baseline hides its findings and survives unrelated edits", "[baseline]") {
  TempRepo repo("seldon-lint-baseline-test");
  repo.write("clusters/prod-b/seldon/components-values.yaml", kPlaintext);
  repo.write("clusters/prod-a/seldon/components-values.yaml", kPlaintext);

  LintResult written = repo.run(nullptr, true);
  REQUIRE(written.baseline.entries.size() == 2);
  CHECK(written.findings.empty());  // recorded findings are hidden in the same run
  CHECK(written.baseline.entries[0].file == "clusters/prod-a/seldon/components-values.yaml");
  CHECK(written.baseline.entries[0].rule == "SL101");
  const std::string text = text_of(written.baseline);
  CHECK(text.find("\"version\": 1") != std::string::npos);
  CHECK(text.find("\"line\"") == std::string::npos);  // never line numbers

  Baseline loaded;
  std::string error;
  REQUIRE(parse_baseline(text, loaded, error));
  CHECK(loaded.entries == written.baseline.entries);
  CHECK(text_of(repo.run(nullptr, true).baseline) == text);  // stable bytes

  LintResult hidden = repo.run(&loaded);
  CHECK(hidden.findings.empty());
  CHECK(hidden.summary.suppressed == 2);
  CHECK(hidden.notes.empty());

  // Lines inserted above, quotes and indentation changed, keys moved.
  repo.write("clusters/prod-a/seldon/components-values.yaml",
             "# Production values, reviewed 2025-01-10.\n"
             "\n"
             "kafka:\n"
             "    topics: {replicationFactor: 3}\n"
             "    bootstrap: kafka.kafka.svc:9092\n"
             "security:\n"
             "    kafka:\n"
             "        protocol: \"PLAINTEXT\"\n");
  hidden = repo.run(&loaded, false, true);
  REQUIRE(hidden.findings.size() == 2);
  for (const auto& f : hidden.findings) {
    CHECK(f.suppressed);
    CHECK(f.suppression_kind == "external");
  }
  CHECK(hidden.summary.findings == 0);

  // A new occurrence is reported; a fixed one leaves a stale entry.
  repo.write("clusters/prod-c/seldon/components-values.yaml", kPlaintext);
  repo.write("clusters/prod-b/seldon/components-values.yaml",
             "security:\n  kafka:\n    protocol: SASL_SSL\n");
  LintResult later = repo.run(&loaded);
  REQUIRE(later.findings.size() >= 1);
  bool new_one = false;
  for (const auto& f : later.findings) {
    new_one =
        new_one || (f.rule_id == "SL101" && later.model->files[f.location.file].path ==
                                                "clusters/prod-c/seldon/components-values.yaml");
  }
  CHECK(new_one);
  REQUIRE(later.notes.size() == 1);
  CHECK(later.notes[0] == "1 baseline entry is stale; rewrite with --write-baseline");
}

TEST_CASE("baseline files are validated", "[baseline]") {
  Baseline b;
  std::string error;
  CHECK_FALSE(parse_baseline("not json", b, error));
  CHECK_FALSE(parse_baseline("{\"version\": 2, \"entries\": []}", b, error));
  CHECK(error.find("unsupported baseline version") != std::string::npos);
  CHECK_FALSE(parse_baseline("{\"version\": 1, \"entries\": [{\"rule\": 1}]}", b, error));
  CHECK_FALSE(parse_baseline("[]", b, error));
  REQUIRE(parse_baseline(
      "{\"version\": 1, \"entries\": [{\"rule\": \"SL101\", \"file\": \"b\", \"fingerprint\": "
      "\"x\"}, {\"rule\": \"SL101\", \"file\": \"a\", \"fingerprint\": \"x\"}]}",
      b, error));
  REQUIRE(b.entries.size() == 2);
  CHECK(b.entries[0].file == "a");  // sorted on load
}
