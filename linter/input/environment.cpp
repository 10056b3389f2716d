#include "linter/input/environment.hpp"

#include <cctype>
#include <vector>

#include "linter/base/glob.hpp"
#include "linter/base/text.hpp"

namespace seldon_lint {
namespace {

struct EnvironmentWord {
  std::string_view word;
  std::string_view environment;
};

constexpr EnvironmentWord kWords[] = {
    {"prod", "production"},
    {"production", "production"},
    {"prd", "production"},
    {"live", "production"},
    {"staging", "staging"},
    {"stage", "staging"},
    {"stg", "staging"},
    {"preprod", "staging"},
    {"pre-prod", "staging"},
    {"nonprod", "staging"},
    {"non-prod", "staging"},
    {"dev", "dev"},
    {"development", "development"},
    {"test", "test"},
    {"qa", "qa"},
    {"uat", "uat"},
    {"sandbox", "sandbox"},
};

std::string_view lookup(std::string_view word) {
  for (const auto& w : kWords) {
    if (w.word == word) return w.environment;
  }
  return {};
}

}  // namespace

std::string environment_of_segment(std::string_view segment) {
  std::string lower(segment);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // The whole segment first: "pre-prod" is staging, not its token "prod".
  if (auto env = lookup(lower); !env.empty()) return std::string(env);
  std::vector<std::string_view> tokens;
  size_t start = 0;
  for (size_t i = 0; i <= lower.size(); ++i) {
    if (i == lower.size() || lower[i] == '-' || lower[i] == '_' || lower[i] == '.') {
      tokens.push_back(std::string_view(lower).substr(start, i - start));
      start = i + 1;
    }
  }
  for (size_t i = 0; i < tokens.size(); ++i) {
    // The two-token words inside a longer segment: "eu-pre-prod", "non_prod-1",
    // "pre-production" are staging, not their token "prod".
    if ((tokens[i] == "pre" || tokens[i] == "non") && i + 1 < tokens.size() &&
        (tokens[i + 1] == "prod" || tokens[i + 1] == "production")) {
      return "staging";
    }
    if (auto env = lookup(tokens[i]); !env.empty()) return std::string(env);
  }
  return {};
}

std::string classify_environment(std::string_view relative_path, const EnvironmentRules& rules) {
  for (const auto& [name, globs] : rules.globs) {
    for (const auto& glob : globs) {
      if (glob_match(glob, relative_path)) return name;
    }
  }
  auto segments = split(relative_path, '/');
  for (size_t i = 0; i + 1 < segments.size(); ++i) {  // folders only
    if (auto env = environment_of_segment(segments[i]); !env.empty()) return env;
  }
  return "default";
}

}  // namespace seldon_lint
