// libFuzzer entry point: a whole repository built from the input
// (fuzz/repository_input.hpp): kustomizations, Argo CD Applications and
// ApplicationSets, HelmReleases, helmfiles, values, Secrets, Terraform, Bicep,
// ARM and .seldon-lint.yaml, linted with every rule.  Files stay in memory:
// no disk write per input.  The body is seldon_lint::fuzz::repository_one.
#include <cstddef>
#include <cstdint>

#include "fuzz/targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto result = seldon_lint::fuzz::repository_one(
      std::string_view(reinterpret_cast<const char*>(data), size));
  (void)result;
  return 0;
}
