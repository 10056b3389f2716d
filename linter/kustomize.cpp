#include "linter/kustomize.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "linter/text.hpp"

namespace seldon_lint {
namespace {

bool is_kustomization_file(std::string_view path) {
  std::string_view name = path.substr(path.rfind('/') + 1);
  return name == "kustomization.yaml" || name == "kustomization.yml" || name == "Kustomization";
}

std::string folder_of(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(path.substr(0, slash));
}

class PlacementWalker {
  using Node = yaml::Node;

 public:
  explicit PlacementWalker(const Model& model) : model_(model) {
    for (FileId id = 0; id < model.files.size(); ++id) {
      const auto& path = model.files[id].path;
      by_path_[path] = id;
      if (is_kustomization_file(path) && !model.files[id].documents.empty()) {
        kustomization_by_folder_[folder_of(path)] = id;
      }
    }
  }

  std::map<FileId, std::vector<Placement>> run() {
    std::set<FileId> referenced;
    for (const auto& [folder, id] : kustomization_by_folder_) {
      for (const auto& target : references(id)) {
        if (auto k = kustomization_at(target)) referenced.insert(*k);
      }
    }
    for (const auto& [folder, id] : kustomization_by_folder_) {
      if (referenced.count(id) != 0) continue;  // reached from an overlay
      visit(id, "", model_.files[id].environment, 0);
    }
    return std::move(result_);
  }

 private:
  const Node* root_of(FileId id) const { return &model_.files[id].documents.front().root; }

  std::vector<std::string> references(FileId id) const {
    std::vector<std::string> out;
    const Node* root = root_of(id);
    for (const char* key : {"resources", "bases", "components"}) {
      const Node* list = root->find(key);
      if (list == nullptr || !list->is_seq()) continue;
      for (const auto& item : list->items) {
        if (!item.is_scalar()) continue;
        std::string resolved = resolve_relative(model_.files[id].path, item.scalar);
        if (!resolved.empty()) out.push_back(resolved);
      }
    }
    return out;
  }

  const FileId* kustomization_at(const std::string& folder) const {
    auto it = kustomization_by_folder_.find(folder);
    return it == kustomization_by_folder_.end() ? nullptr : &it->second;
  }

  void visit(FileId kustomization, std::string ns, std::string env, int depth) {
    if (depth > 32) return;  // reference cycles
    const Node* root = root_of(kustomization);
    if (ns.empty()) {
      if (const Node* own = root->find("namespace"); own != nullptr && own->is_scalar()) {
        ns = own->scalar;
      }
    }
    if (env == "default") env = model_.files[kustomization].environment;
    for (const auto& target : references(kustomization)) {
      if (const FileId* nested = kustomization_at(target)) {
        visit(*nested, ns, env, depth + 1);
      } else if (auto it = by_path_.find(target); it != by_path_.end()) {
        auto& places = result_[it->second];
        Placement place{ns, env};
        bool known = std::any_of(places.begin(), places.end(), [&](const Placement& p) {
          return p.namespace_name == place.namespace_name && p.environment == place.environment;
        });
        if (!known) places.push_back(place);
      }
    }
  }

  const Model& model_;
  std::unordered_map<std::string, FileId> by_path_;
  std::map<std::string, FileId> kustomization_by_folder_;
  std::map<FileId, std::vector<Placement>> result_;
};

}  // namespace

std::string resolve_relative(const std::string& from, const std::string& reference) {
  if (reference.find("://") != std::string::npos || starts_with(reference, "github.com/") ||
      starts_with(reference, "/")) {
    return {};
  }
  std::vector<std::string> parts;
  for (auto part : split(folder_of(from), '/')) {
    if (!part.empty()) parts.emplace_back(part);
  }
  for (auto part : split(reference, '/')) {
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (parts.empty()) return {};
      parts.pop_back();
    } else {
      parts.emplace_back(part);
    }
  }
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += '/';
    out += p;
  }
  return out;
}

std::map<FileId, std::vector<Placement>> compute_kustomize_placements(const Model& model) {
  return PlacementWalker(model).run();
}

}  // namespace seldon_lint
