// Reads .seldon-lint.yaml (interfaces.md "Configuration") into Config.
#pragma once

#include <string>

#include "linter/input/config.hpp"

namespace seldon_lint {

struct ConfigError {
  std::string message;  // "FILE:LINE: ..."
};

// Parses `text` (the contents of `path`); returns false and fills `error` on a
// syntax error, an unknown key, or a value of the wrong shape.
bool parse_config(const std::string& text, const std::string& path, Config& out,
                  ConfigError& error);
bool load_config(const std::string& path, Config& out, ConfigError& error);

}  // namespace seldon_lint
