#include <set>
#include <tuple>
#include "linter/base/text_edits.hpp"
#include "rules/fix_support.hpp"

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

// The last segment of a dotted path, and everything before it.
std::pair<std::string, std::string> split_last(const std::string& path) {
  size_t dot = path.rfind('.');
  if (dot == std::string::npos) return {std::string(), path};
  return {path.substr(0, dot), path.substr(dot + 1)};
}

// Moves a one-line `key: value` entry to `meant` in the same layer: the line
// is deleted and the key inserted where it belongs (its value text as
// written).  Not when the layer sets `meant` already, or when the entry is
// its map's only one (the map would become null, deleting chart defaults).
std::vector<Fix> move_fix(const Model& model, const ValuesLayer& layer, const yaml::Node& map,
                          const yaml::Entry& entry, const std::string& meant) {
  if (map.entries.size() < 2 || layer.values->at(meant) != nullptr) return {};
  auto source = fixes::scalar_source(model, entry.value);
  auto removal = fixes::delete_entry_line(model, entry);
  if (!source || !removal) return {};
  // The value moves with its trailing comment (the rest of the deleted line).
  const std::string& text = model.files[removal->file].text;
  std::string_view rest = trim(std::string_view(text).substr(
      entry.value.range.begin.offset, removal->end - entry.value.range.begin.offset));
  if (rest.starts_with(*source)) source = std::string(rest);
  auto insertion = fixes::set_in_layer(model, layer, meant, *source, /*value_is_source=*/true);
  if (!insertion) return {};
  Fix fix;
  fix.description = fmt::format("Move '{}' to '{}'", entry.key, meant);
  fix.edits.push_back(std::move(*removal));
  for (auto& edit : *insertion) fix.edits.push_back(std::move(edit));
  for (size_t i = 1; i < fix.edits.size(); ++i) {
    if (edits_overlap(fix.edits[0], fix.edits[i])) return {};
  }
  return {std::move(fix)};
}

// The fix for an unknown key with one suggestion `meant`: a rename where the
// key sits under the right parent (a typo, or a misnamed level whose
// children all belong under the suggested one), else a move.
std::vector<Fix> key_fix(const Model& model, const ValuesLayer& layer, const std::string& parent,
                         const yaml::Node& map, const yaml::Entry& entry,
                         const std::string& meant) {
  auto [meant_parent, meant_key] = split_last(meant);
  auto rename = [&](const std::string& key) -> std::vector<Fix> {
    if (map.find(key) != nullptr) return {};  // the right key exists too: a human merges
    return fixes::single(fmt::format("Rename '{}' to '{}'", entry.key, key),
                         fixes::rename_key(model, entry, key));
  };
  if (meant_parent == parent) return rename(meant_key);
  if (entry.value.is_map()) {
    // `ssl.secret.brokerValidationSecret` → `ssl.client.brokerValidationSecret`
    auto [level_parent, level] = split_last(meant_parent);
    if (level_parent != parent) return {};
    for (const auto& child : entry.value.entries) {
      if (!defined(meant_parent + "." + child.key)) return {};
    }
    return rename(level);
  }
  return move_fix(model, layer, map, entry, meant);
}

struct Walker {
  const Model& model;
  const Release& release;
  Reporter& out;
  std::set<std::tuple<FileId, uint32_t, uint32_t>>& seen;
  const ValuesLayer* layer = nullptr;  // the layer being walked

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
      Finding finding = out.finding(message, where, "key=" + path);
      if (!meant.empty() && meant != path && layer != nullptr) {
        finding.fixes = key_fix(model, *layer, parent, map, entry, meant);
      }
      out.add(std::move(finding), release);
    }
  }
};

void check(const Model& model, Reporter& out) {
  std::set<std::tuple<FileId, uint32_t, uint32_t>> seen;
  for (const auto& release : model.releases) {
    Walker walker{model, release, out, seen};
    for (const auto& layer : release.layers) {
      if (layer.values == nullptr) continue;
      walker.layer = &layer;
      walker.walk(*layer.values, "", 0);
    }
  }
}

}  // namespace

std::unique_ptr<Rule> make_UnknownValuesKey() {
  return std::make_unique<FunctionRule>(rule_info("SL501"), check);
}

}  // namespace seldon_lint
