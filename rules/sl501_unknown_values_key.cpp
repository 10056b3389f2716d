#include <set>
#include <tuple>

#include "linter/base/text.hpp"
#include "linter/model/facts/chart_keys.hpp"
#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

std::string join_path(const std::string& parent, std::string_view key) {
  return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

// A key the chart defines itself (not one accepted under a free-form map).
bool defined(const std::string& path) {
  auto kind = facts::setup_key_kind(path);
  return kind == facts::KeyKind::Leaf || kind == facts::KeyKind::Map;
}

// The defined path an unknown key most likely meant, or empty.
std::string suggestion(const std::string& parent, const yaml::Entry& entry) {
  const std::string& key = entry.key;
  // An unknown level whose children exist under a sibling: `ssl.secret.brokerValidationSecret`.
  if (entry.value.is_map()) {
    for (const auto& grandchild : entry.value.entries) {
      for (const auto& sibling : facts::setup_key_children(parent)) {
        std::string candidate = join_path(join_path(parent, sibling), grandchild.key);
        if (defined(candidate)) return candidate;
      }
    }
  }
  // Misnesting one level too shallow: `sasl.secret` → `sasl.client.secret`.
  for (const auto& child : facts::setup_key_children(parent)) {
    std::string deeper = join_path(parent, child) + "." + key;
    if (defined(deeper)) return deeper;
  }
  // A typo of a sibling.
  std::string close = closest_match(key, facts::setup_key_children(parent), 2);
  if (!close.empty()) return join_path(parent, close);
  // The same key elsewhere in the chart (`kafka.protocol` → `security.kafka.protocol`).
  auto elsewhere = facts::setup_paths_ending_in(key);
  if (elsewhere.size() == 1) return elsewhere.front();
  std::string here = "." + join_path(parent, key);
  std::string only;
  for (const auto& candidate : elsewhere) {
    if (!candidate.ends_with(here)) continue;
    if (!only.empty()) return {};
    only = candidate;
  }
  if (!only.empty()) return only;
  return {};
}

struct Walker {
  const Release& release;
  Reporter& out;
  std::set<std::tuple<FileId, uint32_t, uint32_t>>& seen;

  void walk(const yaml::Node& map, const std::string& parent, int depth) {
    if (!map.is_map() || depth > 32) return;
    for (const auto& entry : map.entries) {
      std::string path = join_path(parent, entry.key);
      facts::KeyKind kind = facts::setup_key_kind(path);
      if (kind == facts::KeyKind::FreeForm || kind == facts::KeyKind::Leaf) continue;
      if (kind == facts::KeyKind::Map) {
        walk(entry.value, path, depth + 1);
        continue;
      }
      // Unknown.  At the top level only known mistakes and near-misses count:
      // other top-level keys may serve umbrella charts or tooling.
      std::string_view mistake = facts::setup_key_mistake(path);
      std::string meant = suggestion(parent, entry);
      if (parent.empty() && mistake.empty() &&
          closest_match(entry.key, facts::setup_key_children(""), 2).empty()) {
        continue;
      }
      if (entry.key_file == kNoFile) continue;
      Location where{entry.key_file, entry.key_range};
      auto id = std::make_tuple(where.file, where.range.begin.line, where.range.begin.column);
      if (!seen.insert(id).second) continue;
      std::string message = fmt::format(
          "'{}' is not a key of the {} chart, so Helm ignores it silently", path, release.chart);
      if (!mistake.empty()) message += fmt::format(": {}", mistake);
      if (!meant.empty() && meant != path) {
        message += fmt::format("; did you mean '{}'?", meant);
      }
      out.add(message, where, "key=" + path, release);
    }
  }
};

void check(const Model& model, Reporter& out) {
  std::set<std::tuple<FileId, uint32_t, uint32_t>> seen;
  for (const auto& release : model.releases) {
    Walker walker{release, out, seen};
    for (const auto& layer : release.layers) {
      if (layer.values != nullptr) walker.walk(*layer.values, "", 0);
    }
  }
}

}  // namespace

std::unique_ptr<Rule> make_UnknownValuesKey() {
  return std::make_unique<FunctionRule>(rule_info("SL501"), check);
}

}  // namespace seldon_lint
