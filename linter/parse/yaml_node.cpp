#include "seldon_lint/yaml.hpp"

namespace seldon_lint::yaml {

const Entry* Node::find_entry(std::string_view key) const {
  if (kind != Kind::Map) return nullptr;
  // The last occurrence wins, as in Helm's YAML → JSON conversion.
  // NOLINTNEXTLINE(modernize-loop-convert): clang 14 cannot use libstdc++ 12's views::reverse
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    if (it->key == key) return &*it;
  }
  return nullptr;
}

const Node* Node::find(std::string_view key) const {
  const Entry* e = find_entry(key);
  return e ? &e->value : nullptr;
}

Node* Node::find(std::string_view key) {
  return const_cast<Node*>(static_cast<const Node*>(this)->find(key));
}

const Node* Node::at(std::string_view dotted_path) const {
  const Node* current = this;
  size_t start = 0;
  while (current != nullptr && start <= dotted_path.size()) {
    size_t dot = dotted_path.find('.', start);
    std::string_view key =
        dotted_path.substr(start, dot == std::string_view::npos ? dot : dot - start);
    current = current->find(key);
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return current;
}

std::string_view Node::str(std::string_view fallback) const {
  return kind == Kind::Scalar ? std::string_view(scalar) : fallback;
}

bool same_range(const Range& a, const Range& b) {
  auto same = [](const Position& x, const Position& y) {
    return x.line == y.line && x.column == y.column && x.offset == y.offset;
  };
  return same(a.begin, b.begin) && same(a.end, b.end);
}

bool same_tree(const Node& a, const Node& b) {
  if (a.kind != b.kind || a.style != b.style || a.file != b.file || !same_range(a.range, b.range) ||
      a.tag != b.tag || a.scalar != b.scalar || a.entries.size() != b.entries.size() ||
      a.items.size() != b.items.size()) {
    return false;
  }
  for (size_t i = 0; i < a.entries.size(); ++i) {
    const auto& x = a.entries[i];
    const auto& y = b.entries[i];
    if (x.key != y.key || x.key_file != y.key_file || !same_range(x.key_range, y.key_range) ||
        !same_tree(x.value, y.value)) {
      return false;
    }
  }
  for (size_t i = 0; i < a.items.size(); ++i) {
    if (!same_tree(a.items[i], b.items[i])) return false;
  }
  return true;
}

bool is_true(const Node* node) {
  return node != nullptr && node->kind == Kind::Scalar &&
         (node->scalar == "true" || node->scalar == "True" || node->scalar == "TRUE");
}

bool is_false(const Node* node) {
  return node != nullptr && node->kind == Kind::Scalar &&
         (node->scalar == "false" || node->scalar == "False" || node->scalar == "FALSE");
}

}  // namespace seldon_lint::yaml
