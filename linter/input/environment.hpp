// Which environment a file belongs to (interfaces.md "Configuration").
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace seldon_lint {

struct EnvironmentRules {
  // Ordered (name, globs); first match wins.  Command-line --env entries first.
  std::vector<std::pair<std::string, std::vector<std::string>>> globs;
};

// The environment a word names ("prod-eu-1" → "production"), or empty.
std::string environment_of_segment(std::string_view segment);

// Globs first, then the first folder segment that names an environment,
// else "default".  The file's own name is not a segment.
std::string classify_environment(std::string_view relative_path, const EnvironmentRules& rules);

}  // namespace seldon_lint
