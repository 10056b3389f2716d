// Path globs as used in .seldon-lint.yaml: `**` spans folders, `*` and `?`
// stay within one path segment.  Paths are relative, with '/' separators.
#pragma once

#include <string_view>

namespace seldon_lint {

bool glob_match(std::string_view pattern, std::string_view path);

}  // namespace seldon_lint
