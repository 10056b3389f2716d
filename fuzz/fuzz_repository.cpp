// Lints a whole repository built from the fuzz input (see repository_input.hpp):
// kustomizations, Argo CD Applications and ApplicationSets, HelmReleases,
// helmfiles, values, Secrets, Terraform, Bicep, ARM and .seldon-lint.yaml
// files, with every rule.  Files stay in memory: no disk write per input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/repository_input.hpp"
#include "linter/cli/config.hpp"
#include "linter/cli/lint.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace seldon_lint;
  std::vector<MemoryFile> files =
      fuzz::split_repository(std::string_view(reinterpret_cast<const char*>(data), size));
  LintOptions options;
  options.root = "/fuzz";
  options.memory_files = &files;
  options.jobs = 1;
  options.today = "2026-01-01";  // deterministic `until=` handling
  for (const auto& file : files) {
    ConfigError error;
    Config config;
    if (file.relative == ".seldon-lint.yaml" &&
        parse_config(file.content, file.relative, config, error))
      options.config = std::move(config);
  }
  auto result = lint(options);
  (void)result;
  return 0;
}
