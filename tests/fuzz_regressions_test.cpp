// Replays every input in fuzz/regressions/ (crashers the fuzzers found, and
// hand-made hostile inputs) through the parser and the whole pipeline.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "linter/cli/lint.hpp"
#include "linter/base/text.hpp"
#include "linter/parse/yaml_parser.hpp"

namespace fs = std::filesystem;
using namespace seldon_lint;

TEST_CASE("fuzz regressions neither crash nor hang", "[fuzz]") {
  fs::path dir = fs::path(SELDON_LINT_SOURCE_DIR) / "fuzz" / "regressions";
  REQUIRE(fs::is_directory(dir));
  YamlParser parser;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string text = buffer.str();
    INFO(entry.path().filename().string());
    if (is_valid_utf8(text)) {
      YamlParseOptions options;
      options.want_comments = true;
      auto starts = compute_line_starts(text);
      auto result = parser.parse(text, starts, options);
      CHECK((result.documents.size() < 100000));
    }
    // The whole pipeline on a one-file repository holding the input.
    fs::path repo = fs::temp_directory_path() / "seldon-lint-regression" / "clusters" / "prod";
    fs::create_directories(repo);
    {
      std::ofstream out(repo / "components-values.yaml", std::ios::binary | std::ios::trunc);
      out << text;
    }
    LintOptions options;
    options.root = repo.parent_path().parent_path().string();
    options.paths = {options.root};
    options.jobs = 1;
    auto result = lint(options);
    CHECK(result.summary.files == 1);
  }
}
