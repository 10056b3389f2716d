// Kustomize overlays and Flux Kustomizations: which namespace and environment
// each included file lands in.  `namespace:` of the outermost kustomization
// wins (a Flux `spec.targetNamespace` above them all), and a shared base takes
// the environment of every overlay that includes it.
#pragma once

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
  std::map<FileId, std::vector<Placement>> files;
  // Kustomization files themselves; `namespace_name` is what enclosing overlays
  // (or Flux) force, not the kustomization's own `namespace:`.
  std::map<FileId, std::vector<Placement>> kustomizations;
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
