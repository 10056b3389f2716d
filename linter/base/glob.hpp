// Path globs as used in .seldon-lint.yaml, --env and .gitignore: `**` spans
// folders; `*`, `?` and `[...]` (`[!...]`/`[^...]` negated, `a-z` ranges)
// stay within one path segment; `{a,b}` is either alternative (nested braces
// work; more than kMaxGlobAlternatives alternatives are an error: no match);
// `\x` is a literal x.  Paths are relative, with '/' separators.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace seldon_lint {

inline constexpr size_t kMaxGlobAlternatives = 1024;

bool glob_match(std::string_view pattern, std::string_view path);

// `{a,b}` alternatives of `pattern`, braces expanded (the pattern itself when
// it has none).  Empty when the expansion would exceed kMaxGlobAlternatives.
std::vector<std::string> expand_braces(std::string_view pattern);

}  // namespace seldon_lint
