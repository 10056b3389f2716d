// Looking up files by path for the Kustomize build, and what it emitted:
// objects and generated names by overlay chain (hashed keys), distinct
// placements, and the namespace a helmCharts entry renders into.
#include "linter/model/sources/kustomize_build.hpp"

#include <algorithm>
#include <memory>
#include <set>

#include "linter/base/hash.hpp"
#include "linter/base/repo_path.hpp"
#include "linter/base/text.hpp"
#include "linter/model/sources/kustomize_patches.hpp"
#include "linter/model/sources/kustomize_resources.hpp"

namespace seldon_lint {

kustomize_build::KustomizeFiles::KustomizeFiles(const Model& model, const PathIndex& paths,
                                                const KustomizeLayout& layout)
    : by_path(paths), entries(layout.entries) {
  std::vector<std::pair<std::string, FileId>> kustomizations;
  for (FileId id = 0; id < model.files.size(); ++id) {
    std::string_view path = model.files[id].path;
    if (is_kustomization_path(path)) kustomizations.emplace_back(folder_of(path), id);
  }
  kustomization_by_folder = FrozenMap<std::string, FileId>(std::move(kustomizations));
}

uint64_t KustomizeBuild::hash_of(const ChainKey& key) {
  uint64_t parts[3] = {key.object, key.index, key.chain_hash};
  return hash_bytes(std::string_view(reinterpret_cast<const char*>(parts), sizeof parts));
}

const EmittedObject* KustomizeBuild::emitted(FileId file, size_t doc,
                                             const std::vector<FileId>& overlays) const {
  return emitted_.find({file, doc, overlay_chain_hash(overlays)}, overlays);
}

std::vector<std::pair<const Placement*, const EmittedObject*>> KustomizeBuild::distinct(
    FileId file, size_t doc, const yaml::Node& written,
    const std::vector<Placement>& places) const {
  std::vector<std::pair<const Placement*, const EmittedObject*>> out;
  for (const auto& place : places) {
    // The chain's hash was computed once, when the layout interned it.
    const EmittedObject* emitted = emitted_.find({file, doc, place.chain_hash()}, place.overlays());
    if (emitted != nullptr && emitted->root == nullptr) continue;  // `$patch: delete`
    const yaml::Node& root = emitted != nullptr ? *emitted->root : written;
    bool same = std::any_of(out.begin(), out.end(), [&](const auto& kept) {
      const yaml::Node& other = kept.second != nullptr ? *kept.second->root : written;
      return kept.first->namespace_name == place.namespace_name &&
             kept.first->environment == place.environment && kept.first->flux == place.flux &&
             (&other == &root || kustomize::same_content(other, root));
    });
    if (!same) out.emplace_back(&place, emitted);
  }
  return out;
}

const GeneratedName* KustomizeBuild::generated(FileId kustomization, const yaml::Node* generator,
                                               const std::vector<FileId>& overlays) const {
  return generated_.find(
      {reinterpret_cast<uintptr_t>(generator), kustomization, overlay_chain_hash(overlays)},
      overlays);
}

HelmChartNamespace helm_chart_namespace(const std::string& chart_namespace,
                                        const std::string& kustomization_namespace,
                                        const std::string& enclosing_namespace) {
  // Before 5.8: the namespace transformers rewrite the output, the outermost last.
  std::string before = !enclosing_namespace.empty()       ? enclosing_namespace
                       : !kustomization_namespace.empty() ? kustomization_namespace
                                                          : chart_namespace;
  // From 5.8: helm gets helmCharts[].namespace, else the kustomization's, else an enclosing one.
  std::string after = !chart_namespace.empty()           ? chart_namespace
                      : !kustomization_namespace.empty() ? kustomization_namespace
                                                         : enclosing_namespace;
  if (before == after) return {before, true, {}};
  HelmChartNamespace out;
  out.known = false;
  out.why =
      "Kustomize before 5.8 puts the chart's output in namespace '" + before +
      "' (the namespace transformer rewrites it), Kustomize 5.8 and later in '" + after +
      "' (passed to helm" +
      (!chart_namespace.empty() ? std::string(" from helmCharts[].namespace") : std::string()) +
      "); which one applies depends on the Kustomize version";
  return out;
}

}  // namespace seldon_lint
