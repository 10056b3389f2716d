#include <fmt/format.h>

#include "linter/cli/config.hpp"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "linter/base/text.hpp"

namespace seldon_lint {
namespace {

struct ConfigParseError {
  int line;
  std::string message;
};

[[noreturn]] void fail(const YAML::Node& node, const std::string& message) {
  throw ConfigParseError{node.Mark().line + 1, message};
}

// A string value (keys included); anything else is an error naming `what`.
std::string scalar(const YAML::Node& node, const std::string& what) {
  if (!node.IsScalar()) fail(node, what + " must be a string");
  return node.Scalar();
}

struct Entry {
  std::string key;
  YAML::Node key_node;  // for the line of a message about the key
  YAML::Node value;
};

// Keys of a mapping, each once: YAML forbids duplicates, and silently keeping
// the last one hides half of what the author wrote.
std::vector<Entry> entries(const YAML::Node& map, const std::string& what) {
  std::vector<Entry> out;
  std::set<std::string> seen;
  for (const auto& kv : map) {
    std::string key = scalar(kv.first, fmt::format("a key of {}", what));
    if (!seen.insert(key).second)
      fail(kv.first, fmt::format("duplicate key '{}' in {}", key, what));
    out.push_back({key, kv.first, kv.second});
  }
  return out;
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
  for (const auto& e : entries(node, "environments")) {
    out.environments.globs.emplace_back(e.key, string_list(e.value, "environments." + e.key));
  }
}

void parse_external_secrets(const YAML::Node& node, Config& out) {
  if (node.IsNull()) return;
  if (!node.IsSequence()) fail(node, "'externalSecrets' must be a list");
  for (const auto& item : node) {
    if (!item.IsMap()) fail(item, "each externalSecrets entry needs 'name' and 'namespaces'");
    ExternalSecretConfig secret;
    for (const auto& e : entries(item, "an externalSecrets entry")) {
      if (e.key == "name") {
        secret.name = scalar(e.value, "externalSecrets.name");
      } else if (e.key == "namespaces" || e.key == "namespace") {
        secret.namespaces = string_list(e.value, "externalSecrets." + e.key);
      } else if (e.key == "keys") {
        secret.keys = string_list(e.value, "externalSecrets.keys");
        secret.keys_known = true;
      } else {
        fail(e.key_node,
             "unknown key '" + e.key + "' in externalSecrets (expected name, namespaces, keys)");
      }
    }
    if (secret.name.empty()) fail(item, "externalSecrets entry without 'name'");
    // A secret with no namespace would silently provide nothing.
    if (secret.namespaces.empty()) {
      fail(item, "externalSecrets entry '" + secret.name +
                     "' without namespaces: list the namespaces the secret is created in "
                     "(namespaces: [seldon, seldon-logs])");
    }
    out.external_secrets.push_back(std::move(secret));
  }
}

void parse_rules(const YAML::Node& node, Config& out) {
  if (node.IsNull()) return;
  if (!node.IsMap()) fail(node, "'rules' must map rule ids to off|error|warning|note");
  for (const auto& e : entries(node, "rules")) {
    const std::string& id = e.key;
    if (!e.value.IsScalar()) {
      fail(e.value.IsNull() ? e.key_node : e.value,
           "rule " + id + ": expected off, error, warning or note, got " +
               (e.value.IsNull()       ? std::string("nothing")
                : e.value.IsSequence() ? std::string("a list")
                                       : std::string("a mapping")));
    }
    // YAML 1.1 readers turn `off` (and `Off`, `OFF`) into false; accept every spelling.
    std::string level = to_lower(e.value.Scalar());
    if (level == "false") level = "off";
    Severity severity;
    if (!parse_severity(level, severity)) {
      fail(e.value, "rule " + id + ": expected off, error, warning or note, got '" +
                        (e.value.IsScalar() ? e.value.Scalar() : std::string()) + "'");
    }
    out.rule_severity[id] = severity;
    out.rule_severity_line[id] = e.key_node.Mark().line + 1;
  }
}

void parse_releases(const YAML::Node& node, Config& out) {
  if (node.IsNull()) return;
  if (!node.IsSequence()) fail(node, "'releases' must be a list");
  for (const auto& item : node) {
    if (!item.IsMap()) fail(item, "each releases entry needs 'values' and 'namespace'");
    ReleaseConfig release;
    for (const auto& e : entries(item, "a releases entry")) {
      if (e.key == "values") {
        release.values = string_list(e.value, "releases.values");
      } else if (e.key == "namespace") {
        release.namespace_name = scalar(e.value, "releases.namespace");
      } else {
        fail(e.key_node, "unknown key '" + e.key + "' in releases (expected values, namespace)");
      }
    }
    if (release.values.empty()) fail(item, "releases entry without 'values' (a list of globs)");
    if (release.namespace_name.empty()) fail(item, "releases entry without 'namespace'");
    out.releases.push_back(std::move(release));
  }
}

void parse_root(const YAML::Node& root, Config& out) {
  if (root.IsNull()) return;
  if (!root.IsMap()) fail(root, "the configuration must be a mapping");
  for (const auto& e : entries(root, "the configuration")) {
    const std::string& key = e.key;
    const YAML::Node& value = e.value;
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
      fail(e.key_node, "unknown key '" + key +
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
    std::vector<YAML::Node> documents = YAML::LoadAll(text);
    // `---` starts another document; a configuration is one (which would win?).
    size_t used = 0;
    for (const auto& document : documents) {
      if (document.IsNull()) continue;
      if (++used > 1) {
        fail(document, "several YAML documents ('---'); the configuration must be one document");
      }
    }
    for (const auto& document : documents) {
      if (!document.IsNull()) {
        parse_root(document, out);
        break;
      }
    }
    return true;
  } catch (const ConfigParseError& e) {
    error.message = path + ":" + std::to_string(e.line) + ": " + e.message;
  } catch (const YAML::Exception& e) {
    error.message = path + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg;
  }
  return false;
}

bool load_config(const std::string& path, Config& out, ConfigError& error) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    error.message = path + ": is a folder, not a configuration file";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error.message = path + ": cannot read configuration file";
    return false;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    error.message = path + ": cannot read configuration file";
    return false;
  }
  return parse_config(buffer.str(), path, out, error);
}

}  // namespace seldon_lint
