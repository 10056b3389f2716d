// `git diff --unified=0` parsing for --diff-base.
#include <cstddef>
#include <cstdint>
#include <string>

#include "linter/engine/diff.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string diff(reinterpret_cast<const char*>(data), size);
  auto changed = seldon_lint::parse_unified_diff(diff);
  (void)changed;
  return 0;
}
