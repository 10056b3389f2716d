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

bool is_true(const Node* node) {
  return node != nullptr && node->kind == Kind::Scalar &&
         (node->scalar == "true" || node->scalar == "True" || node->scalar == "TRUE");
}

bool is_false(const Node* node) {
  return node != nullptr && node->kind == Kind::Scalar &&
         (node->scalar == "false" || node->scalar == "False" || node->scalar == "FALSE");
}

}  // namespace seldon_lint::yaml
