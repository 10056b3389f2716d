// .seldon-lint.yaml (interfaces.md "Configuration").
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "linter/environment.hpp"
#include "seldon_lint/finding.hpp"
#include "seldon_lint/model.hpp"

namespace seldon_lint {

struct ReleaseConfig {
  std::vector<std::string> values;  // globs of values files
  std::string namespace_name;
};

struct Config {
  std::string path;  // where it was read from; empty when none
  EnvironmentRules environments;
  std::optional<std::set<std::string>> production;  // replaces the default {production}
  std::optional<std::string> logs_namespace = std::string("seldon-logs");
  std::vector<ExternalSecretConfig> external_secrets;
  std::map<std::string, Severity> rule_severity;  // key: rule id or name as written
  std::map<std::string, int> rule_severity_line;  // for error messages
  std::vector<std::string> ignore;                // path globs
  std::vector<ReleaseConfig> releases;
};

struct ConfigError {
  std::string message;  // "FILE:LINE: ..."
};

// Parses `text` (the contents of `path`); returns false and fills `error` on a
// syntax error, an unknown key, or a value of the wrong shape.
bool parse_config(const std::string& text, const std::string& path, Config& out,
                  ConfigError& error);
bool load_config(const std::string& path, Config& out, ConfigError& error);

}  // namespace seldon_lint
