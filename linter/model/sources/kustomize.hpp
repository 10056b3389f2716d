// Kustomize overlays and Flux Kustomizations: which namespace and environment
// each included file lands in.  `namespace:` of the outermost kustomization
// wins (a Flux `spec.targetNamespace` above them all), and a shared base takes
// the environment of every overlay that includes it.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "linter/base/path_index.hpp"
#include "linter/base/per_file.hpp"
#include "linter/base/repo_path.hpp"
#include "seldon_lint/model.hpp"

namespace seldon_lint {

// Kustomization files on the way to a file, outermost first (their `patches`
// apply to it, innermost first).  The layout keeps each distinct chain once
// and its placements point to it: a copy per placement was an allocation
// apiece, hundreds of thousands on a big repository, and the Kustomize build
// hashed the chain again for every placement it looked up.
struct OverlayChain {
  std::vector<FileId> files;
  uint64_t hash = 0;  // overlay_chain_hash(files)
};
uint64_t overlay_chain_hash(const std::vector<FileId>& files);

struct Placement {
  std::string namespace_name;  // empty: the manifest's own namespace applies
  std::string environment;
  const OverlayChain* chain = nullptr;  // owned by the layout; nullptr: no kustomization above
  int flux = -1;                        // index of the Flux Kustomization that applies it, or -1

  const std::vector<FileId>& overlays() const {
    static const std::vector<FileId> kNone;
    return chain != nullptr ? chain->files : kNone;
  }
  uint64_t chain_hash() const {
    return chain != nullptr ? chain->hash : overlay_chain_hash(overlays());
  }
};

// Placements per file, in the order the walk added them.
using PlacementMap = PerFileMap<std::vector<Placement>>;

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
  // Moved, never copied: placements point into `chains`, which a copy would
  // not own.
  KustomizeLayout() = default;
  KustomizeLayout(KustomizeLayout&&) = default;
  KustomizeLayout& operator=(KustomizeLayout&&) = default;
  KustomizeLayout(const KustomizeLayout&) = delete;
  KustomizeLayout& operator=(const KustomizeLayout&) = delete;
  ~KustomizeLayout() = default;

  // Manifests reached through some kustomization or Flux path, with every placement.
  PlacementMap files;
  // Kustomization files themselves; `namespace_name` is what enclosing overlays
  // (or Flux) force, not the kustomization's own `namespace:`.
  PlacementMap kustomizations;
  // SL002: `resources` entries that close a cycle (`.`, `..`, two
  // kustomizations naming each other); the walk does not follow them.
  std::vector<InputProblem> problems;
  // The overlay chains placements point to, each once (a deque: they stay
  // where they are while chains are added and when the layout is moved).
  std::deque<OverlayChain> chains;
  // The entries of every kustomization the walk indexed (one per folder, with
  // a mapping at its root), resolved once: the Kustomize build reads the same
  // lists.
  PerFileMap<std::vector<ResolvedEntry>> entries;
  // Steps the walk took (visits, references followed, placements added):
  // deterministic, for the scaling tests.
  size_t work = 0;
};

// `paths` indexes model.files.  Resolves the kustomizations' entries on up to
// `jobs` threads (the result does not depend on `jobs`).
KustomizeLayout compute_kustomize_layout(const Model& model, const PathIndex& paths,
                                         const std::vector<FluxApply>& flux, unsigned jobs = 1);

}  // namespace seldon_lint
