// Kustomize's tree operations (kustomize_patches.hpp): JSON 6902 and
// strategic merge patches, replacement field paths; target selectors are in
// kustomize_selectors.cpp.
#include "linter/model/sources/kustomize_patches.hpp"

#include <algorithm>

#include "linter/base/text.hpp"
#include "linter/model/node_access.hpp"

namespace seldon_lint::kustomize {
namespace {

using yaml::Kind;
using yaml::Node;

// ---- JSON pointer navigation ----------------------------------------------------

// Array index token: digits (no leading zero), "-" (past the end) or a
// negative index counted from the end (evanphx/json-patch v4 accepts those).
std::optional<size_t> array_index(const std::string& token, size_t size, bool for_insert) {
  if (token == "-") return for_insert ? std::optional<size_t>(size) : std::nullopt;
  bool negative = !token.empty() && token[0] == '-';
  std::string_view digits = std::string_view(token).substr(negative ? 1 : 0);
  if (digits.empty() || digits.size() > 9 ||
      digits.find_first_not_of("0123456789") != std::string_view::npos ||
      (digits.size() > 1 && digits[0] == '0')) {
    return std::nullopt;
  }
  size_t value = static_cast<size_t>(std::stoul(std::string(digits)));
  size_t limit = for_insert ? size : (size == 0 ? 0 : size - 1);
  if (negative) {
    if (value == 0 || value > size) return std::nullopt;
    return size - value;
  }
  if (value > limit || (!for_insert && size == 0)) return std::nullopt;
  return value;
}

yaml::Entry* last_entry(Node& map, std::string_view key) {
  // NOLINTNEXTLINE(modernize-loop-convert): clang 14 cannot use libstdc++ 12's views::reverse
  for (auto it = map.entries.rbegin(); it != map.entries.rend(); ++it) {
    if (it->key == key) return &*it;
  }
  return nullptr;
}

// The node a pointer names; nullptr when absent.
Node* resolve(Node& doc, const std::vector<std::string>& tokens, size_t count) {
  Node* current = &doc;
  for (size_t i = 0; i < count && current != nullptr; ++i) {
    if (current->is_map()) {
      yaml::Entry* e = last_entry(*current, tokens[i]);
      current = e == nullptr ? nullptr : &e->value;
    } else if (current->is_seq()) {
      auto index = array_index(tokens[i], current->items.size(), false);
      current = index ? &current->items[*index] : nullptr;
    } else {
      return nullptr;
    }
  }
  return current;
}

// Inserts or replaces `value` at the pointer (RFC 6902 "add").
bool add_at(Node& doc, const std::vector<std::string>& tokens, Node value, const Node& where) {
  if (tokens.empty()) {
    doc = std::move(value);
    return true;
  }
  Node* parent = resolve(doc, tokens, tokens.size() - 1);
  if (parent == nullptr) return false;
  const std::string& last = tokens.back();
  if (parent->is_map()) {
    if (yaml::Entry* e = last_entry(*parent, last)) {
      e->value = std::move(value);
      e->key_file = where.file;
      e->key_range = where.range;
      return true;
    }
    yaml::Entry entry;
    entry.key = last;
    entry.key_file = where.file;
    entry.key_range = where.range;
    entry.value = std::move(value);
    parent->entries.push_back(std::move(entry));
    return true;
  }
  if (parent->is_seq()) {
    auto index = array_index(last, parent->items.size(), true);
    if (!index) return false;
    parent->items.insert(parent->items.begin() + static_cast<std::ptrdiff_t>(*index),
                         std::move(value));
    return true;
  }
  return false;
}

// Removes the node at the pointer and returns it.
std::optional<Node> remove_at(Node& doc, const std::vector<std::string>& tokens) {
  if (tokens.empty()) return std::nullopt;
  Node* parent = resolve(doc, tokens, tokens.size() - 1);
  if (parent == nullptr) return std::nullopt;
  const std::string& last = tokens.back();
  if (parent->is_map()) {
    auto it = std::find_if(parent->entries.rbegin(), parent->entries.rend(),
                           [&](const yaml::Entry& e) { return e.key == last; });
    if (it == parent->entries.rend()) return std::nullopt;
    Node removed = std::move(it->value);
    parent->entries.erase(std::remove_if(parent->entries.begin(), parent->entries.end(),
                                         [&](const yaml::Entry& e) { return e.key == last; }),
                          parent->entries.end());
    return removed;
  }
  if (parent->is_seq()) {
    auto index = array_index(last, parent->items.size(), false);
    if (!index) return std::nullopt;
    Node removed = std::move(parent->items[*index]);
    parent->items.erase(parent->items.begin() + static_cast<std::ptrdiff_t>(*index));
    return removed;
  }
  return std::nullopt;
}

bool apply_operation(Node& doc, const Node& op) {
  if (!op.is_map()) return false;
  std::string name = scalar_of(op.find("op"));
  const Node* path_node = op.find("path");
  if (path_node == nullptr || !path_node->is_scalar()) return false;
  auto path = parse_json_pointer(path_node->scalar);
  if (!path) return false;
  const Node* value = op.find("value");
  if (name == "add" || name == "replace" || name == "test") {
    if (value == nullptr) return false;
  }
  if (name == "add") return add_at(doc, *path, *value, *path_node);
  if (name == "remove") return remove_at(doc, *path).has_value();
  if (name == "replace") {
    Node* target = resolve(doc, *path, path->size());
    if (target == nullptr) return false;
    *target = *value;
    return true;
  }
  if (name == "test") {
    const Node* target = resolve(doc, *path, path->size());
    return target != nullptr && same_content(*target, *value);
  }
  if (name == "move" || name == "copy") {
    const Node* from_node = op.find("from");
    if (from_node == nullptr || !from_node->is_scalar()) return false;
    auto from = parse_json_pointer(from_node->scalar);
    if (!from) return false;
    if (name == "copy") {
      const Node* source = resolve(doc, *from, from->size());
      if (source == nullptr) return false;
      Node copy = *source;
      return add_at(doc, *path, std::move(copy), *path_node);
    }
    // Moving a node into its own subtree is an error (RFC 6902 4.4).
    if (path->size() > from->size() && std::equal(from->begin(), from->end(), path->begin())) {
      return false;
    }
    auto moved = remove_at(doc, *from);
    return moved && add_at(doc, *path, std::move(*moved), *path_node);
  }
  return false;  // unknown operation: the patch does not decode
}

// ---- strategic merge ------------------------------------------------------------

std::string directive_of(const Node& map) {
  return map.is_map() ? scalar_of(map.find("$patch")) : std::string();
}

bool is_directive_key(std::string_view key) {
  return key == "$patch" || key == "$retainKeys" || starts_with(key, "$setElementOrder/") ||
         starts_with(key, "$deleteFromPrimitiveList/");
}

// The patch value as it lands in the object: directives dropped.
Node without_directives(const Node& node) {
  Node out = node;
  if (out.is_map()) {
    out.entries.erase(std::remove_if(out.entries.begin(), out.entries.end(),
                                     [](const yaml::Entry& e) { return is_directive_key(e.key); }),
                      out.entries.end());
    for (auto& e : out.entries) e.value = without_directives(e.value);
  }
  return out;
}

void merge_map(Node& dest, const Node& patch);

void merge_entry(Node& dest, const yaml::Entry& patch_entry) {
  const Node& value = patch_entry.value;
  auto erase_key = [&] {
    dest.entries.erase(
        std::remove_if(dest.entries.begin(), dest.entries.end(),
                       [&](const yaml::Entry& e) { return e.key == patch_entry.key; }),
        dest.entries.end());
  };
  std::string directive = directive_of(value);
  if (value.is_null() || directive == "delete") {
    erase_key();
    return;
  }
  yaml::Entry* existing = last_entry(dest, patch_entry.key);
  if (existing != nullptr && existing->value.is_map() && value.is_map() && directive != "replace") {
    merge_map(existing->value, value);
    return;
  }
  if (existing != nullptr) {
    existing->value = without_directives(value);
    return;
  }
  yaml::Entry added = patch_entry;
  added.value = without_directives(value);
  dest.entries.push_back(std::move(added));
}

void merge_map(Node& dest, const Node& patch) {
  for (const auto& entry : patch.entries) {
    if (is_directive_key(entry.key)) continue;
    merge_entry(dest, entry);
  }
}

// ---- field paths -------------------------------------------------------------------

// `[key=value]` → (key, value)
std::optional<std::pair<std::string, std::string>> element_match(std::string_view element) {
  if (element.size() < 3 || element.front() != '[' || element.back() != ']') return std::nullopt;
  std::string_view inner = element.substr(1, element.size() - 2);
  size_t eq = inner.find('=');
  if (eq == std::string_view::npos) return std::nullopt;
  return std::make_pair(std::string(inner.substr(0, eq)), std::string(inner.substr(eq + 1)));
}

// `[example.com/key]` names a map key holding dots.
std::string_view bracketed_key(std::string_view element) {
  if (element.size() >= 2 && element.front() == '[' && element.back() == ']' &&
      element.find('=') == std::string_view::npos) {
    return element.substr(1, element.size() - 2);
  }
  return element;
}

template <typename NodeT, typename Out>
void collect_fields(NodeT& node, const std::vector<std::string>& path, size_t step, Out& out) {
  if (step == path.size()) {
    out.push_back(&node);
    return;
  }
  const std::string& element = path[step];
  if (node.is_seq()) {
    if (element == "*") {
      for (auto& item : node.items) collect_fields(item, path, step + 1, out);
    } else if (auto match = element_match(element)) {
      for (auto& item : node.items) {
        if (item.is_map() && scalar_of(item.find(match->first)) == match->second) {
          collect_fields(item, path, step + 1, out);
        }
      }
    } else if (auto index = array_index(element, node.items.size(), false);
               index && element[0] != '-') {
      collect_fields(node.items[*index], path, step + 1, out);
    }
    return;
  }
  if (!node.is_map()) return;
  if (element == "*") {
    for (auto& e : node.entries) collect_fields(e.value, path, step + 1, out);
    return;
  }
  std::string_view key = bracketed_key(element);
  for (auto it = node.entries.rbegin(); it != node.entries.rend(); ++it) {
    if (it->key == key) {
      collect_fields(it->value, path, step + 1, out);
      return;
    }
  }
}

Node empty_like(const Node& where, Kind kind) {
  Node n;
  n.kind = kind;
  n.file = where.file;
  n.range = where.range;
  return n;
}

// Creates the missing part of `path` below `node` (maps for keys, an element
// for `[k=v]`); returns the node at the end, or nullptr when the path cannot
// be created (an index, `*`, or a scalar in the way).
Node* create_path(Node& node, const std::vector<std::string>& path, size_t step,
                  const Node& where) {
  Node* current = &node;
  for (; step < path.size(); ++step) {
    const std::string& element = path[step];
    if (auto match = element_match(element)) {
      if (current->is_null()) *current = empty_like(where, Kind::Seq);
      if (!current->is_seq()) return nullptr;
      Node* found = nullptr;
      for (auto& item : current->items) {
        if (item.is_map() && scalar_of(item.find(match->first)) == match->second) found = &item;
      }
      if (found == nullptr) {
        Node item = empty_like(where, Kind::Map);
        yaml::Entry key;
        key.key = match->first;
        key.key_file = where.file;
        key.key_range = where.range;
        key.value = empty_like(where, Kind::Scalar);
        key.value.scalar = match->second;
        item.entries.push_back(std::move(key));
        current->items.push_back(std::move(item));
        found = &current->items.back();
      }
      current = found;
      continue;
    }
    if (element == "*" || element.empty()) return nullptr;
    if (current->is_null()) *current = empty_like(where, Kind::Map);
    if (!current->is_map()) return nullptr;
    std::string_view key = bracketed_key(element);
    yaml::Entry* e = last_entry(*current, key);
    if (e == nullptr) {
      yaml::Entry added;
      added.key = std::string(key);
      added.key_file = where.file;
      added.key_range = where.range;
      current->entries.push_back(std::move(added));
      e = &current->entries.back();
    }
    current = &e->value;
  }
  return current;
}

}  // namespace

// ---- public ----------------------------------------------------------------------

std::optional<std::vector<std::string>> parse_json_pointer(std::string_view pointer) {
  std::vector<std::string> tokens;
  if (pointer.empty()) return tokens;
  if (pointer[0] != '/') return std::nullopt;
  std::string current;
  for (size_t i = 1; i <= pointer.size(); ++i) {
    if (i == pointer.size() || pointer[i] == '/') {
      tokens.push_back(std::move(current));
      current.clear();
      continue;
    }
    if (pointer[i] == '~') {
      if (i + 1 >= pointer.size() || (pointer[i + 1] != '0' && pointer[i + 1] != '1')) {
        return std::nullopt;
      }
      current.push_back(pointer[i + 1] == '0' ? '~' : '/');
      ++i;
      continue;
    }
    current.push_back(pointer[i]);
  }
  return tokens;
}

bool apply_json6902(Node& doc, const Node& operations) {
  if (!operations.is_seq()) return false;
  Node working = doc;
  for (const auto& op : operations.items) {
    if (!apply_operation(working, op)) return false;
  }
  doc = std::move(working);
  return true;
}

MergeResult apply_strategic_merge(Node& doc, const Node& patch) {
  if (!patch.is_map()) return MergeResult::Merged;
  std::string directive = directive_of(patch);
  if (directive == "delete") return MergeResult::DeleteObject;
  if (directive == "replace" || !doc.is_map()) {
    doc = without_directives(patch);
    return MergeResult::Merged;
  }
  merge_map(doc, patch);
  return MergeResult::Merged;
}

std::vector<std::string> split_field_path(std::string_view path) {
  std::vector<std::string> out;
  std::string current;
  int depth = 0;
  for (char c : path) {
    if (c == '[') ++depth;
    if (c == ']' && depth > 0) --depth;
    if (c == '.' && depth == 0) {
      out.push_back(std::move(current));
      current.clear();
      continue;
    }
    current.push_back(c);
  }
  out.push_back(std::move(current));
  return out;
}

std::vector<const Node*> find_fields(const Node& root, const std::vector<std::string>& path) {
  std::vector<const Node*> out;
  collect_fields(root, path, 0, out);
  return out;
}

std::vector<Node*> find_fields_for_write(Node& root, const std::vector<std::string>& path,
                                         bool create, const Node& where) {
  std::vector<Node*> out;
  collect_fields(root, path, 0, out);
  if (!out.empty() || !create) return out;
  if (Node* created = create_path(root, path, 0, where)) out.push_back(created);
  return out;
}

bool same_content(const Node& a, const Node& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Kind::Null:
      return true;
    case Kind::Scalar:
      return a.scalar == b.scalar;
    case Kind::Seq:
      if (a.items.size() != b.items.size()) return false;
      for (size_t i = 0; i < a.items.size(); ++i) {
        if (!same_content(a.items[i], b.items[i])) return false;
      }
      return true;
    case Kind::Map: {
      if (a.entries.size() != b.entries.size()) return false;
      for (const auto& e : a.entries) {
        const Node* other = b.find(e.key);
        if (other == nullptr || !same_content(e.value, *other)) return false;
      }
      return true;
    }
  }
  return false;
}

}  // namespace seldon_lint::kustomize
