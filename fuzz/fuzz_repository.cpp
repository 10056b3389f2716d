// Lints a one-file repository whose file is the fuzz input, with every rule:
// parsing, model building and rules must survive anything.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "linter/cli/lint.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string dir = [] {
    auto path =
        std::filesystem::temp_directory_path() / ("seldon-lint-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(path / "clusters" / "prod");
    return path.string();
  }();
  {
    std::ofstream out(dir + "/clusters/prod/components-values.yaml",
                      std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  seldon_lint::LintOptions options;
  options.root = dir;
  options.paths = {dir};
  options.jobs = 1;
  auto result = seldon_lint::lint(options);
  (void)result;
  return 0;
}
