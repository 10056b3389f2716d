// Replays every input in fuzz/regressions/ (crashers and slow inputs the
// fuzzers found, and hand-made hostile inputs):
//   fuzz/regressions/*.yaml          the YAML parser and a one-file repository
//   fuzz/regressions/<target>/*      the fuzz target's own body (fuzz/targets.hpp),
//                                    e.g. repository/ through the in-memory repository
// A property a target checks ends the test binary (__builtin_trap), like the fuzzer.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include "fuzz/targets.hpp"

namespace fs = std::filesystem;
using namespace seldon_lint;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

TEST_CASE("fuzz regressions neither crash nor hang", "[fuzz]") {
  fs::path dir = fs::path(SELDON_LINT_SOURCE_DIR) / "fuzz" / "regressions";
  REQUIRE(fs::is_directory(dir));
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::string text = read_file(entry.path());
    INFO(entry.path().filename().string());
    fuzz::yaml_one(text);
    // The whole pipeline on a one-file repository holding the input.
    auto result = fuzz::repository_one("#@ clusters/prod/components-values.yaml\n" + text);
    CHECK(result.summary.files == 1);
  }
}

TEST_CASE("fuzz regressions of every target are replayed through the target", "[fuzz]") {
  const std::map<std::string, std::function<void(std::string_view)>> targets = {
      {"yaml", fuzz::yaml_one},
      {"repository", [](std::string_view data) { (void)fuzz::repository_one(data); }},
      {"config", fuzz::config_one},
      {"suppressions", fuzz::suppressions_one},
      {"diff", fuzz::diff_one},
      {"glob", fuzz::glob_one},
      {"base64", fuzz::base64_one}};
  fs::path dir = fs::path(SELDON_LINT_SOURCE_DIR) / "fuzz" / "regressions";
  size_t replayed = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_directory()) continue;
    std::string target = entry.path().filename().string();
    INFO("fuzz/regressions/" << target);
    REQUIRE(targets.count(target) == 1);  // a folder per target, named as in targets.hpp
    for (const auto& input : fs::directory_iterator(entry.path())) {
      INFO(input.path().filename().string());
      targets.at(target)(read_file(input.path()));
      ++replayed;
    }
  }
  CHECK(replayed > 0);
}
