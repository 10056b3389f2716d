// The settings of .seldon-lint.yaml (interfaces.md "Configuration") that the
// input, model and engine stages read.  The file itself is parsed by
// linter/cli/config.hpp.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "linter/input/environment.hpp"
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

}  // namespace seldon_lint
