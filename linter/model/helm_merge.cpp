#include "linter/model/helm_merge.hpp"

#include <algorithm>

namespace seldon_lint {

using yaml::Kind;
using yaml::Node;

void helm_merge(Node& base, const Node& overlay) {
  if (overlay.kind != Kind::Map || base.kind != Kind::Map) {
    base = overlay;
    return;
  }
  // The overlay's map now owns this level (it is the latest layer to touch it).
  base.file = overlay.file;
  base.range = overlay.range;
  for (const auto& entry : overlay.entries) {
    auto it = std::find_if(base.entries.begin(), base.entries.end(),
                           [&](const yaml::Entry& e) { return e.key == entry.key; });
    if (entry.value.kind == Kind::Null) {
      if (it != base.entries.end()) base.entries.erase(it);  // null deletes
      continue;
    }
    if (it == base.entries.end()) {
      base.entries.push_back(entry);
      continue;
    }
    it->key_range = entry.key_range;
    it->key_file = entry.key_file;
    if (it->value.kind == Kind::Map && entry.value.kind == Kind::Map) {
      helm_merge(it->value, entry.value);
    } else {
      it->value = entry.value;
    }
  }
}

Node merge_layers(const Node& defaults, const std::vector<const Node*>& layers) {
  Node merged = defaults;
  for (const Node* layer : layers) {
    if (layer != nullptr && layer->kind == Kind::Map) helm_merge(merged, *layer);
  }
  return merged;
}

void set_path(Node& root, const std::vector<std::string>& path, Node value) {
  Node* current = &root;
  for (const std::string& key : path) {
    if (current->kind != Kind::Map) {
      FileId file = current->file;
      *current = Node{};
      current->kind = Kind::Map;
      current->file = file;
    }
    Node* next = current->find(key);
    if (next == nullptr) {
      yaml::Entry entry;
      entry.key = key;
      entry.key_file = value.file;
      entry.key_range = value.range;
      entry.value.file = value.file;
      current->entries.push_back(std::move(entry));
      next = &current->entries.back().value;
    }
    current = next;
  }
  *current = std::move(value);
}

}  // namespace seldon_lint
