#include "linter/config.hpp"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>

namespace seldon_lint {
namespace {

struct ConfigParseError {
  int line;
  std::string message;
};

[[noreturn]] void fail(const YAML::Node& node, const std::string& message) {
  throw ConfigParseError{node.Mark().line + 1, message};
}

std::vector<std::string> string_list(const YAML::Node& node, const std::string& what) {
  std::vector<std::string> out;
  if (node.IsScalar()) {
    out.push_back(node.Scalar());
  } else if (node.IsSequence()) {
    for (const auto& item : node) {
      if (!item.IsScalar()) fail(item, what + " must be a list of strings");
      out.push_back(item.Scalar());
    }
  } else if (!node.IsNull()) {
    fail(node, what + " must be a list of strings");
  }
  return out;
}

void parse_environments(const YAML::Node& node, Config& out) {
  if (node.IsNull()) return;
  if (!node.IsMap()) fail(node, "'environments' must map environment names to lists of globs");
  for (const auto& kv : node) {
    out.environments.globs.emplace_back(
        kv.first.as<std::string>(),
        string_list(kv.second, "environments." + kv.first.as<std::string>()));
  }
}

void parse_external_secrets(const YAML::Node& node, Config& out) {
  if (node.IsNull()) return;
  if (!node.IsSequence()) fail(node, "'externalSecrets' must be a list");
  for (const auto& item : node) {
    if (!item.IsMap()) fail(item, "each externalSecrets entry needs 'name' and 'namespaces'");
    ExternalSecretConfig secret;
    for (const auto& kv : item) {
      std::string key = kv.first.as<std::string>();
      if (key == "name") {
        secret.name = kv.second.as<std::string>();
      } else if (key == "namespaces" || key == "namespace") {
        secret.namespaces = string_list(kv.second, "externalSecrets." + key);
      } else if (key == "keys") {
        secret.keys = string_list(kv.second, "externalSecrets.keys");
        secret.keys_known = true;
      } else {
        fail(kv.first,
             "unknown key '" + key + "' in externalSecrets (expected name, namespaces, keys)");
      }
    }
    if (secret.name.empty()) fail(item, "externalSecrets entry without 'name'");
    out.external_secrets.push_back(std::move(secret));
  }
}

void parse_rules(const YAML::Node& node, Config& out) {
  if (node.IsNull()) return;
  if (!node.IsMap()) fail(node, "'rules' must map rule ids to off|error|warning|note");
  for (const auto& kv : node) {
    std::string id = kv.first.as<std::string>();
    std::string level = kv.second.IsScalar() ? kv.second.Scalar() : "";
    // YAML 1.1 readers turn `off` into false; accept both spellings.
    if (level == "false") level = "off";
    Severity severity;
    if (!parse_severity(level, severity)) {
      fail(kv.second, "rule " + id + ": expected off, error, warning or note, got '" + level + "'");
    }
    out.rule_severity[id] = severity;
    out.rule_severity_line[id] = kv.first.Mark().line + 1;
  }
}

void parse_releases(const YAML::Node& node, Config& out) {
  if (node.IsNull()) return;
  if (!node.IsSequence()) fail(node, "'releases' must be a list");
  for (const auto& item : node) {
    if (!item.IsMap()) fail(item, "each releases entry needs 'values' and 'namespace'");
    ReleaseConfig release;
    for (const auto& kv : item) {
      std::string key = kv.first.as<std::string>();
      if (key == "values") {
        release.values = string_list(kv.second, "releases.values");
      } else if (key == "namespace") {
        release.namespace_name = kv.second.as<std::string>();
      } else {
        fail(kv.first, "unknown key '" + key + "' in releases (expected values, namespace)");
      }
    }
    out.releases.push_back(std::move(release));
  }
}

void parse_root(const YAML::Node& root, Config& out) {
  if (root.IsNull()) return;
  if (!root.IsMap()) fail(root, "the configuration must be a mapping");
  for (const auto& kv : root) {
    std::string key = kv.first.as<std::string>();
    const YAML::Node& value = kv.second;
    if (key == "environments") {
      parse_environments(value, out);
    } else if (key == "production") {
      auto list = string_list(value, "production");
      out.production = std::set<std::string>(list.begin(), list.end());
    } else if (key == "logsNamespace") {
      if (value.IsNull()) {
        out.logs_namespace.reset();
      } else if (value.IsScalar()) {
        out.logs_namespace = value.Scalar();
      } else {
        fail(value, "'logsNamespace' must be a namespace name or null");
      }
    } else if (key == "externalSecrets") {
      parse_external_secrets(value, out);
    } else if (key == "rules") {
      parse_rules(value, out);
    } else if (key == "ignore") {
      out.ignore = string_list(value, "ignore");
    } else if (key == "releases") {
      parse_releases(value, out);
    } else {
      fail(kv.first, "unknown key '" + key +
                         "' (expected environments, production, logsNamespace, externalSecrets, "
                         "rules, ignore, releases)");
    }
  }
}

}  // namespace

bool parse_config(const std::string& text, const std::string& path, Config& out,
                  ConfigError& error) {
  out.path = path;
  try {
    parse_root(YAML::Load(text), out);
    return true;
  } catch (const ConfigParseError& e) {
    error.message = path + ":" + std::to_string(e.line) + ": " + e.message;
  } catch (const YAML::Exception& e) {
    error.message = path + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg;
  }
  return false;
}

bool load_config(const std::string& path, Config& out, ConfigError& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error.message = path + ": cannot read configuration file";
    return false;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parse_config(buffer.str(), path, out, error);
}

}  // namespace seldon_lint
