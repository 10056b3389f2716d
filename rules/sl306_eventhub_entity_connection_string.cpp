#include <set>

#include "linter/base/text.hpp"
#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

bool entity_connection_string(std::string_view value) {
  return contains_icase(value, "EntityPath=") &&
         (contains_icase(value, "Endpoint=sb://") || contains_icase(value, "SharedAccessKey"));
}

void walk_values(const yaml::Node& node, std::vector<const yaml::Node*>& out, int depth = 0) {
  if (depth > 64) return;
  if (node.is_scalar()) {
    if (entity_connection_string(node.scalar)) out.push_back(&node);
  } else if (node.is_map()) {
    for (const auto& e : node.entries) walk_values(e.value, out, depth + 1);
  } else if (node.is_seq()) {
    for (const auto& item : node.items) walk_values(item, out, depth + 1);
  }
}

void check(const Model& model, Reporter& out) {
  const std::string fix =
      "Seldon needs the namespace-level connection string (a shared access policy of the Event "
      "Hubs namespace, without EntityPath=) to create its topics";
  // Secrets: one finding per declared key (reflected copies repeat the same location).
  std::set<std::tuple<FileId, uint32_t, uint32_t>> seen;
  for (const auto& secret : model.secrets) {
    for (const auto& key : secret.keys) {
      if (!key.value_visible || !entity_connection_string(key.value)) continue;
      if (!key.location.known()) continue;
      auto id = std::make_tuple(key.location.file, key.location.range.begin.line,
                                key.location.range.begin.column);
      if (!seen.insert(id).second) continue;
      out.add(
          fmt::format("Secret '{}' key '{}' holds an Event Hubs connection string scoped to one "
                      "event hub (EntityPath=); {}",
                      secret.name, key.name, fix),
          key.location, fmt::format("secret={};key={};EntityPath", secret.name, key.name), secret);
    }
  }
  // Values of Seldon releases (a layer may serve several releases: report it once).
  std::set<const yaml::Node*> reported;
  for (const auto& release : model.releases) {
    for (const auto& layer : release.layers) {
      if (layer.values == nullptr) continue;
      std::vector<const yaml::Node*> hits;
      walk_values(*layer.values, hits);
      for (const yaml::Node* node : hits) {
        if (!reported.insert(node).second || !node->location().known()) continue;
        out.add(fmt::format("{} ({}) holds an Event Hubs connection string scoped to one event hub "
                            "(EntityPath=); {}, kept in a Secret rather than in values",
                            layer.description, describe_release(release), fix),
                node->location(), fmt::format("values;{};EntityPath", layer.description), release);
      }
    }
  }
}

}  // namespace

std::unique_ptr<Rule> make_EventhubEntityConnectionString() {
  return std::make_unique<FunctionRule>(rule_info("SL306"), check);
}

}  // namespace seldon_lint
