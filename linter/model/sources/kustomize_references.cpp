// Kustomize transformers that copy or rewrite values between the objects of
// a kustomization's output: `replacements:` and the nameReference entries of
// `configurations:` files.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>

#include "linter/base/text.hpp"
#include "linter/model/sources/kustomize_resources.hpp"

namespace seldon_lint::kustomize_build {
namespace {

void write_replacement(Node& field, const Node& value, const std::string& delimiter, int index) {
  if (delimiter.empty() || !field.is_scalar() || !value.is_scalar()) {
    field = value;
    return;
  }
  std::vector<std::string> parts;
  for (auto p : split(field.scalar, delimiter.front())) parts.emplace_back(p);
  if (delimiter.size() != 1) parts = {field.scalar};  // multi-character: whole value
  if (index < 0) {
    parts.insert(parts.begin(), value.scalar);
  } else if (static_cast<size_t>(index) >= parts.size()) {
    parts.push_back(value.scalar);
  } else {
    parts[static_cast<size_t>(index)] = value.scalar;
  }
  std::string joined;
  for (size_t i = 0; i < parts.size(); ++i) joined += (i ? delimiter : "") + parts[i];
  Node written = value;
  written.scalar = std::move(joined);
  field = std::move(written);
}

std::optional<Node> replacement_value(const Node& spec, const Resources& list) {
  if (const Node* literal = spec.find("sourceValue"); literal != nullptr && literal->is_scalar()) {
    return *literal;
  }
  const Node* source = spec.find("source");
  if (source == nullptr || !source->is_map()) return std::nullopt;
  kustomize::Selector selector(*source);
  const Resource* found = nullptr;
  for (const auto& r : list) {
    if (r.deleted || !selector.matches(r.identity())) continue;
    if (found != nullptr) return std::nullopt;  // several sources: Kustomize fails
    found = &r;
  }
  if (found == nullptr) return std::nullopt;
  std::string path = scalar_of(source->find("fieldPath"));
  if (path.empty()) path = "metadata.name";
  auto fields = kustomize::find_fields(found->tree(), kustomize::split_field_path(path));
  if (fields.size() != 1 || fields.front()->is_null()) return std::nullopt;
  Node value = *fields.front();
  std::string delimiter = scalar_of(source->at("options.delimiter"));
  if (!delimiter.empty() && value.is_scalar()) {
    std::vector<std::string> parts;
    for (auto p : split(value.scalar, delimiter.front())) parts.emplace_back(p);
    int index = std::atoi(scalar_of(source->at("options.index")).c_str());
    if (delimiter.size() != 1 || index < 0 || static_cast<size_t>(index) >= parts.size()) {
      return std::nullopt;
    }
    value.scalar = parts[static_cast<size_t>(index)];
  }
  return value;
}

template <typename Visit>
void const_walk(const Node& node, const std::vector<std::string>& path, size_t step,
                Visit&& visit) {
  if (node.is_seq()) {
    for (const auto& item : node.items) const_walk(item, path, step, visit);
    return;
  }
  if (step == path.size()) {
    if (node.is_scalar()) visit(node);
    return;
  }
  if (!node.is_map()) return;
  for (const auto& entry : node.entries) {
    if (entry.key == path[step]) const_walk(entry.value, path, step + 1, visit);
  }
}

bool refers_to_any(const Node& tree, const std::vector<std::string>& path,
                   const std::map<std::string, std::string>& names) {
  bool found = false;
  const_walk(tree, path, 0, [&](const Node& value) {
    if (names.count(value.scalar) != 0) found = true;
  });
  return found;
}

}  // namespace

void apply_replacement(const Node& spec, Resources& list) {
  if (!spec.is_map()) return;
  const Node* targets = spec.find("targets");
  if (targets == nullptr || !targets->is_seq()) return;
  std::optional<Node> value = replacement_value(spec, list);
  if (!value) return;
  for (const auto& target : targets->items) {
    const Node* select = target.find("select");
    if (select == nullptr) continue;
    kustomize::Selector selector(*select);
    std::vector<kustomize::Selector> rejects;
    if (const Node* reject = target.find("reject"); reject != nullptr && reject->is_seq()) {
      for (const auto& r : reject->items) rejects.emplace_back(r);
    }
    std::vector<std::string> paths;
    if (const Node* fp = target.find("fieldPaths"); fp != nullptr && fp->is_seq()) {
      for (const auto& p : fp->items) {
        if (p.is_scalar()) paths.push_back(p.scalar);
      }
    }
    if (paths.empty()) paths.emplace_back("metadata.name");
    bool create = yaml::is_true(target.at("options.create"));
    std::string delimiter = scalar_of(target.at("options.delimiter"));
    int index = std::atoi(scalar_of(target.at("options.index")).c_str());
    for (auto& r : list) {
      if (r.deleted) continue;
      auto id = r.identity();
      if (!selector.matches(id)) continue;
      if (std::any_of(rejects.begin(), rejects.end(),
                      [&](const kustomize::Selector& s) { return !s.empty() && s.matches(id); })) {
        continue;
      }
      for (const auto& path : paths) {
        auto fields = kustomize::find_fields_for_write(r.edit(), kustomize::split_field_path(path),
                                                       create, target);
        for (Node* field : fields) write_replacement(*field, *value, delimiter, index);
      }
    }
  }
}

void read_name_references(const Node& root, std::vector<NameReference>& out) {
  const Node* list = root.find("nameReference");
  if (list == nullptr || !list->is_seq()) return;
  for (const auto& entry : list->items) {
    NameReference reference;
    reference.kind = scalar_of(entry.find("kind"));
    const Node* specs = entry.find("fieldSpecs");
    if (reference.kind.empty() || specs == nullptr || !specs->is_seq()) continue;
    for (const auto& spec : specs->items) {
      FieldSpec field;
      field.kind = scalar_of(spec.find("kind"));
      const std::string path = scalar_of(spec.find("path"));  // split() views into it
      for (auto part : split(path, '/')) {
        if (!part.empty()) field.path.emplace_back(part);
      }
      if (!field.path.empty()) reference.fields.push_back(std::move(field));
    }
    out.push_back(std::move(reference));
  }
}

void rewrite_name_references(const std::vector<NameReference>& references, Resources& list) {
  if (references.empty()) return;
  // kind → old name → new name
  std::map<std::string, std::map<std::string, std::string>> renamed;
  for (const auto& r : list) {
    if (r.deleted || (r.names.size() < 2 && !r.hashed)) continue;
    for (const auto& old : r.names) {
      if (old != r.final_name()) renamed[r.kind][old] = r.final_name();
    }
  }
  for (const auto& reference : references) {
    auto names = renamed.find(reference.kind);
    if (names == renamed.end()) continue;
    for (auto& r : list) {
      if (r.deleted || r.generator != nullptr) continue;
      for (const auto& field : reference.fields) {
        if (!field.kind.empty() && field.kind != r.kind) continue;
        if (!refers_to_any(r.tree(), field.path, names->second)) continue;
        kustomize::for_each_field_spec_value(r.edit(), field.path, 0, [&](Node& value) {
          auto it = names->second.find(value.scalar);
          if (it != names->second.end()) value.scalar = it->second;
        });
      }
    }
  }
}

}  // namespace seldon_lint::kustomize_build
