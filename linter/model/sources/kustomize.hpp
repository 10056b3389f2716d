// Kustomize overlays and Flux Kustomizations: which namespace and environment
// each included file lands in.  `namespace:` of the outermost kustomization
// wins (a Flux `spec.targetNamespace` above them all), and a shared base takes
// the environment of every overlay that includes it.
#pragma once

#include <deque>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "linter/base/path_index.hpp"
#include "linter/base/repo_path.hpp"
#include "seldon_lint/model.hpp"

namespace seldon_lint {

struct Placement {
  std::string namespace_name;  // empty: the manifest's own namespace applies
  std::string environment;
  // Kustomization files on the way to the file, outermost first (their
  // `patches` apply to it, innermost first).
  std::vector<FileId> overlays;
  int flux = -1;  // index of the Flux Kustomization that applies it, or -1
};

// Placements per file, looked up by file id: a slot per file of the model
// and the lists in the order they were added.  (A std::map here cost a dozen
// dependent cache misses per lookup on big trees, and the model phase looks
// up the file of every document it reads.)
class PlacementMap {
 public:
  using Places = std::vector<Placement>;

  // Sized for ids below `files`; larger ids still work.
  void reserve_files(size_t files) {
    if (slot_.size() < files) slot_.resize(files, kAbsent);
  }
  // The list of `file`, added empty when absent.  References stay valid
  // while other files are added.
  Places& operator[](FileId file) {
    if (file >= slot_.size()) slot_.resize(static_cast<size_t>(file) + 1, kAbsent);
    if (slot_[file] == kAbsent) {
      slot_[file] = static_cast<uint32_t>(lists_.size());
      lists_.emplace_back();
    }
    return lists_[slot_[file]];
  }
  // nullptr when no placement was added for `file`.
  const Places* find(FileId file) const {
    return file < slot_.size() && slot_[file] != kAbsent ? &lists_[slot_[file]] : nullptr;
  }
  bool contains(FileId file) const { return find(file) != nullptr; }
  size_t size() const { return lists_.size(); }
  // `visit(file, places)` for every file with a list, in file order.
  template <typename Visit>
  void for_each(Visit&& visit) const {
    for (FileId file = 0; file < slot_.size(); ++file) {
      if (slot_[file] != kAbsent) visit(file, lists_[slot_[file]]);
    }
  }

 private:
  static constexpr uint32_t kAbsent = UINT32_MAX;
  std::vector<uint32_t> slot_;  // per file id: its list in lists_, or kAbsent
  std::deque<Places> lists_;
};

// A Flux Kustomization (kustomize.toolkit.fluxcd.io): `spec.path` selects the
// folder it applies, with its `targetNamespace` and `postBuild` substitutions.
struct FluxApply {
  std::string folder;  // resolved against the root ("" = the root)
  std::string target_namespace;
  std::string environment;  // of the Flux Kustomization object's file
};

// A `resources`, `bases` or `components` entry of a kustomization, resolved
// against its folder.
struct ResolvedEntry {
  enum List : uint8_t { Resources, Bases, Components };
  std::string target;     // the folder or file it names
  FileId file = kNoFile;  // the file at `target`, looked up when no kustomization is there
  List list = Resources;
  bool blank = false;  // an empty string
};

struct KustomizeLayout {
  // Manifests reached through some kustomization or Flux path, with every placement.
  PlacementMap files;
  // Kustomization files themselves; `namespace_name` is what enclosing overlays
  // (or Flux) force, not the kustomization's own `namespace:`.
  PlacementMap kustomizations;
  // SL002: `resources` entries that close a cycle (`.`, `..`, two
  // kustomizations naming each other); the walk does not follow them.
  std::vector<InputProblem> problems;
  // The entries of every kustomization the walk indexed (one per folder, with
  // a mapping at its root), resolved once: the Kustomize build reads the same
  // lists.
  std::unordered_map<FileId, std::vector<ResolvedEntry>> entries;
  // Steps the walk took (visits, references followed, placements added):
  // deterministic, for the scaling tests.
  size_t work = 0;
};

// `paths` indexes model.files.
KustomizeLayout compute_kustomize_layout(const Model& model, const PathIndex& paths,
                                         const std::vector<FluxApply>& flux);

}  // namespace seldon_lint
