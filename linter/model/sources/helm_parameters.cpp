#include "linter/model/sources/helm_parameters.hpp"

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "linter/model/sources/source_context.hpp"

namespace seldon_lint {

using yaml::Kind;
using yaml::Node;

namespace {

// One step of a `--set` name: a map key, then list indexes (`key[3][0]`).
struct NameStep {
  std::string key;
  std::vector<size_t> indexes;
};

std::string nesting_problem() {
  return "--set name nested more than " + std::to_string(kMaxSetNesting) +
         " levels deep (Helm's limit): not applied";
}

// Splits on unescaped dots; a malformed index gives no steps and no problem
// (Helm reads `a[x]` as a key), a Helm limit gives a problem.
std::string split_name(std::string_view name, std::vector<NameStep>& steps) {
  steps.assign(1, NameStep{});
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c == '\\' && i + 1 < name.size()) {
      steps.back().key.push_back(name[++i]);
    } else if (c == '.') {
      if (steps.size() > kMaxSetNesting) return nesting_problem();
      steps.emplace_back();
    } else if (c == '[') {
      size_t close = name.find(']', i);
      std::string_view digits =
          close == std::string_view::npos ? std::string_view() : name.substr(i + 1, close - i - 1);
      if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos) {
        steps.clear();  // Helm: a key with a '[' (not applied here)
        return "";
      }
      // Compared as text first: std::stoul throws on 99999999999999999999999.
      size_t index = digits.size() <= 6 ? static_cast<size_t>(std::stoul(std::string(digits)))
                                        : kMaxSetIndex + 1;
      if (index > kMaxSetIndex) {
        return "--set list index " + std::string(digits.substr(0, 24)) +
               (digits.size() > 24 ? "..." : "") + " is above " + std::to_string(kMaxSetIndex) +
               " (Helm's limit): not applied";
      }
      if (steps.back().indexes.size() >= kMaxSetNesting) return nesting_problem();
      steps.back().indexes.push_back(index);
      i = close;
    } else {
      steps.back().key.push_back(c);
    }
  }
  for (const auto& step : steps) {
    if (step.key.empty()) {
      steps.clear();  // `a..b`, `.a`: not applied
      break;
    }
  }
  return "";
}

}  // namespace

// A position of the tree being built.  A map or list a name walks into is
// "opened": its entries/items move into `children` (and a map's keys into a
// hash index), so each later name finds its key in O(1) instead of scanning
// the map; finish() moves everything back into yaml::Nodes.
struct SetParameters::Slot {
  Node node;  // a value; for an opened container its own fields, entries/items moved out
  bool opened = false;
  std::vector<yaml::Entry> heads;  // opened map: key and key position (value empty)
  std::vector<std::unique_ptr<Slot>> children;
  std::unordered_map<std::string, size_t> index;  // opened map: key -> child

  static std::unique_ptr<Slot> of(Node node) {
    auto slot = std::make_unique<Slot>();
    slot->node = std::move(node);
    return slot;
  }

  // Replaces the slot by an empty container of `kind` positioned at `where`.
  void reset(Kind kind, const Location& where) {
    node = Node{};
    node.kind = kind;
    node.file = where.file;
    node.range = where.range;
    heads.clear();
    children.clear();
    index.clear();
    opened = true;
  }

  void open() {
    if (opened) return;
    opened = true;
    if (node.kind == Kind::Map) {
      for (auto& entry : node.entries) {
        index.emplace(entry.key, children.size());  // the first of duplicate keys, as find()
        children.push_back(of(std::move(entry.value)));
        entry.value = Node{};
        heads.push_back(std::move(entry));
      }
      node.entries.clear();
    } else {
      for (auto& item : node.items) children.push_back(of(std::move(item)));
      node.items.clear();
    }
  }

  Node finish() {
    if (!opened) return std::move(node);
    for (size_t i = 0; i < children.size(); ++i) {
      if (node.kind == Kind::Map) {
        heads[i].value = children[i]->finish();
        node.entries.push_back(std::move(heads[i]));
      } else {
        node.items.push_back(children[i]->finish());
      }
    }
    return std::move(node);
  }
};

SetParameters::SetParameters(Node root, size_t step_budget)
    : root_(Slot::of(std::move(root))), budget_(step_budget) {}
SetParameters::~SetParameters() = default;

std::string SetParameters::set(std::string_view name, Node value, Location key_location,
                               bool force_string) {
  std::vector<NameStep> steps;
  std::string problem = split_name(name, steps);
  if (!problem.empty() || steps.empty()) return problem;
  // The work this name costs, known before anything changes: a step per map
  // level and per list element walked (index i walks i + 1).
  size_t cost = 0;
  for (const auto& step : steps) {
    cost += 1;
    for (size_t index : step.indexes) cost += index + 1;
  }
  if (steps_ + cost > budget_) {
    return "--set parameters of this object exceed the work budget of " + std::to_string(budget_) +
           " steps (map levels and list elements): not applied";
  }
  steps_ += cost;
  if (!force_string && value.is_scalar() && value.scalar == "null") {
    value.kind = Kind::Null;
    value.scalar.clear();
  }
  if (force_string && value.kind == Kind::Null) value.kind = Kind::Scalar;
  Slot* current = root_.get();
  for (const auto& step : steps) {
    current = child(*current, step.key, key_location);
    for (size_t index : step.indexes) current = item(*current, index, key_location);
  }
  current->reset(Kind::Null, key_location);
  current->opened = false;
  current->node = std::move(value);
  return "";
}

SetParameters::Slot* SetParameters::child(Slot& parent, const std::string& key,
                                          const Location& where) {
  if (parent.node.kind != Kind::Map) parent.reset(Kind::Map, where);
  parent.open();
  auto [it, added] = parent.index.emplace(key, parent.children.size());
  if (added) {
    yaml::Entry head;
    head.key = key;
    parent.heads.push_back(std::move(head));
    Node empty;
    empty.file = where.file;
    empty.range = where.range;
    parent.children.push_back(Slot::of(std::move(empty)));
  }
  // The key's position is the last name that set it.
  parent.heads[it->second].key_file = where.file;
  parent.heads[it->second].key_range = where.range;
  return parent.children[it->second].get();
}

SetParameters::Slot* SetParameters::item(Slot& list, size_t index, const Location& where) {
  if (list.node.kind != Kind::Seq) list.reset(Kind::Seq, where);
  list.open();
  while (list.children.size() <= index) {
    Node empty;
    empty.file = where.file;
    empty.range = where.range;
    list.children.push_back(Slot::of(std::move(empty)));
  }
  return list.children[index].get();
}

Node SetParameters::finish() && {
  return root_->finish();
}

std::string set_parameter(Node& root, std::string_view name, Node value, Location key_location,
                          bool force_string) {
  SetParameters tree(std::move(root));
  std::string problem = tree.set(name, std::move(value), key_location, force_string);
  root = std::move(tree).finish();
  return problem;
}

// A list of `{name, value, forceString}` as one values layer.
void add_parameters(SourceContext& ctx, ReleaseDraft& draft, const yaml::Entry& params,
                    std::string description) {
  Node layer;
  layer.kind = Kind::Map;
  layer.file = params.key_file;
  layer.range = params.key_range;
  SetParameters tree(std::move(layer));
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
    std::string problem = tree.set(name->scalar, std::move(v), name->location(),
                                   yaml::is_true(p.find("forceString")));
    if (!problem.empty()) ctx.report_problem("SL002", name->location(), problem);
  }
  SourceContext::add_layer(draft, ctx.own(std::move(tree).finish()),
                           Location{params.key_file, params.key_range}, std::move(description));
}

}  // namespace seldon_lint
