// A throw-away repository for tests: files by relative path, linted in-process.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "linter/cli/lint.hpp"

namespace seldon_lint::testing {

class TestRepo {
 public:
  TestRepo() {
    static std::atomic<int> counter{0};
    root_ = std::filesystem::temp_directory_path() /
            ("seldon-lint-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_);
  }
  ~TestRepo() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  TestRepo(const TestRepo&) = delete;
  TestRepo& operator=(const TestRepo&) = delete;

  TestRepo& file(const std::string& rel, const std::string& text) {
    std::filesystem::path p = root_ / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return *this;
  }
  // Findings of the rules `selector` names (an id, a name or a prefix).
  std::vector<Finding> lint(const std::string& selector) const {
    LintOptions options;
    options.root = root_.string();
    options.paths = {root_.string()};
    options.jobs = 1;
    options.selection.select = {selector};
    return seldon_lint::lint(options).findings;
  }
  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;
};

}  // namespace seldon_lint::testing
