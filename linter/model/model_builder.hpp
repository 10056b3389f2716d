// Builds the repository model from parsed files: releases with their values
// layers and effective values (sources/), secrets with key names, runtimes,
// Seldon resources and Event Hubs namespaces (objects/).
#pragma once

#include <memory>
#include <vector>

#include "linter/input/config.hpp"
#include "seldon_lint/model.hpp"

namespace seldon_lint {

class PathIndex;

// The object phase of a build (the Kustomize layout and build, and every
// object read from the files: secrets, runtimes, resources, namespaces...),
// kept by a caller that builds the model of the same files again after an
// edit (the language server).  An edit to a file that phase did not read (a
// values file that holds no object, is no kustomization and is not placed or
// read by one) cannot change it: rebuild_model then redoes only the releases.
class ModelReuse {
 public:
  // KeepAlive: only holds the build's working state for as long as the
  // model lives (so that a one-shot run never spends time freeing it); it
  // keeps nothing for rebuild_model (reusable() is always false).
  enum class Use { Rebuild, KeepAlive };
  explicit ModelReuse(Use use = Use::Rebuild);
  ~ModelReuse();
  ModelReuse(const ModelReuse&) = delete;
  ModelReuse& operator=(const ModelReuse&) = delete;

  // Whether the kept object phase stays valid when file `id` of the last
  // build now holds `now` (same path, new content); never with KeepAlive.
  bool reusable(FileId id, const SourceFile& now) const;
  bool empty() const { return state_ == nullptr; }
  void clear();

  struct State;

 private:
  friend void build_model(Model&, const Config&, ModelReuse*, unsigned, const PathIndex*);
  friend void rebuild_model(Model&, const Config&, ModelReuse&, const std::vector<FileId>&);
  const Use use_;
  std::unique_ptr<State> state_;
};

// `model.files` must be loaded; fills everything else, using up to `jobs`
// threads where the work splits (the result does not depend on `jobs`).
// With `reuse`, keeps the object phase there (for rebuild_model when its use
// is Rebuild).  `paths`: an index of model.files' paths the caller already
// built (load_referenced_files needs one too); nullptr: the build makes one.
void build_model(Model& model, const Config& config, ModelReuse* reuse = nullptr, unsigned jobs = 1,
                 const PathIndex* paths = nullptr);

// Builds `model` again after the files `changed` got new content, reusing the
// object phase of the last build_model(model, config, &reuse).  The caller
// guarantees: `model` is that model object; its files are the same (same ids
// and paths) and every file not in `changed` is untouched (its nodes at the
// same addresses); reuse.reusable() held for each changed file; and
// `model.problems` holds the input problems only (as before that build_model).
void rebuild_model(Model& model, const Config& config, ModelReuse& reuse,
                   const std::vector<FileId>& changed);

}  // namespace seldon_lint
