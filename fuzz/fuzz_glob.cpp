// Path globs from .seldon-lint.yaml: the input is PATTERN \n PATH.  Checks
// that `**` alone matches every path and that a glob matches itself when it
// has no wildcard, class, brace or escape (properties, not only "no crash").
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "linter/base/glob.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t newline = input.find('\n');
  std::string_view pattern = input.substr(0, newline);
  std::string_view path = newline == std::string_view::npos ? "" : input.substr(newline + 1);
  (void)seldon_lint::glob_match(pattern, path);
  if (!seldon_lint::glob_match("**", path)) __builtin_trap();
  if (pattern.find_first_of("*?[{\\") == std::string_view::npos &&
      !seldon_lint::glob_match(pattern, pattern))
    __builtin_trap();
  return 0;
}
