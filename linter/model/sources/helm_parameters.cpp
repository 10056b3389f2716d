#include "linter/model/sources/helm_parameters.hpp"

#include <string>
#include <vector>

#include "linter/model/sources/source_context.hpp"

namespace seldon_lint {

using yaml::Kind;
using yaml::Node;

std::string set_parameter(Node& root, std::string_view name, Node value, Location key_location,
                          bool force_string) {
  // Split on unescaped dots; `key[3]` indexes a list.
  struct Step {
    std::string key;
    std::vector<size_t> indexes;
  };
  std::vector<Step> steps(1);
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c == '\\' && i + 1 < name.size()) {
      steps.back().key.push_back(name[++i]);
    } else if (c == '.') {
      if (steps.size() > kMaxSetNesting) {
        return "--set name nested more than " + std::to_string(kMaxSetNesting) +
               " levels deep (Helm's limit): not applied";
      }
      steps.emplace_back();
    } else if (c == '[') {
      size_t close = name.find(']', i);
      if (close == std::string_view::npos) return "";  // Helm: a key with a '['
      std::string_view digits = name.substr(i + 1, close - i - 1);
      if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos)
        return "";
      // Compared as text first: std::stoul throws on 99999999999999999999999.
      size_t index = digits.size() <= 6 ? static_cast<size_t>(std::stoul(std::string(digits)))
                                        : kMaxSetIndex + 1;
      if (index > kMaxSetIndex) {
        return "--set list index " + std::string(digits.substr(0, 24)) +
               (digits.size() > 24 ? "..." : "") + " is above " + std::to_string(kMaxSetIndex) +
               " (Helm's limit): not applied";
      }
      if (steps.back().indexes.size() >= kMaxSetNesting) {
        return "--set name nested more than " + std::to_string(kMaxSetNesting) +
               " levels deep (Helm's limit): not applied";
      }
      steps.back().indexes.push_back(index);
      i = close;
    } else {
      steps.back().key.push_back(c);
    }
  }
  if (!force_string && value.is_scalar() && value.scalar == "null") {
    value.kind = Kind::Null;
    value.scalar.clear();
  }
  if (force_string && value.kind == Kind::Null) value.kind = Kind::Scalar;
  Node* current = &root;
  for (const auto& step : steps) {
    if (step.key.empty()) return "";
    if (current->kind != Kind::Map) {
      *current = Node{};
      current->kind = Kind::Map;
      current->file = key_location.file;
      current->range = key_location.range;
    }
    Node* next = current->find(step.key);
    if (next == nullptr) {
      yaml::Entry entry;
      entry.key = step.key;
      entry.key_file = key_location.file;
      entry.key_range = key_location.range;
      entry.value.file = key_location.file;
      entry.value.range = key_location.range;
      current->entries.push_back(std::move(entry));
      next = &current->entries.back().value;
    } else {
      yaml::Entry* e = nullptr;
      for (auto& candidate : current->entries) {
        if (candidate.key == step.key) e = &candidate;
      }
      if (e != nullptr) {
        e->key_file = key_location.file;
        e->key_range = key_location.range;
      }
    }
    current = next;
    for (size_t index : step.indexes) {
      if (current->kind != Kind::Seq) {
        *current = Node{};
        current->kind = Kind::Seq;
        current->file = key_location.file;
        current->range = key_location.range;
      }
      while (current->items.size() <= index) {
        Node item;
        item.file = key_location.file;
        item.range = key_location.range;
        current->items.push_back(item);
      }
      current = &current->items[index];
    }
  }
  *current = std::move(value);
  return "";
}

// A list of `{name, value, forceString}` as one values layer.
void add_parameters(SourceContext& ctx, ReleaseDraft& draft, const yaml::Entry& params,
                    std::string description) {
  Node layer;
  layer.kind = Kind::Map;
  layer.file = params.key_file;
  layer.range = params.key_range;
  for (const auto& p : params.value.items) {
    const Node* name = p.find("name");
    const Node* value = p.find("value");
    if (name == nullptr || !name->is_scalar() || templated(name->scalar)) continue;
    Node v;
    if (value != nullptr) {
      v = *value;
    } else {
      v.file = name->file;
      v.range = name->range;
      v.kind = Kind::Scalar;
    }
    if (v.kind == Kind::Null && value != nullptr) v.kind = Kind::Scalar;  // `value:` empty
    std::string problem = set_parameter(layer, name->scalar, std::move(v), name->location(),
                                        yaml::is_true(p.find("forceString")));
    if (!problem.empty()) ctx.report_problem("SL002", name->location(), problem);
  }
  SourceContext::add_layer(draft, ctx.own(std::move(layer)),
                           Location{params.key_file, params.key_range}, std::move(description));
}

}  // namespace seldon_lint
