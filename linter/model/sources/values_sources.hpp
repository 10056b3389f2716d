// Every way values reach a Seldon release (interfaces.md "What counts as a
// Seldon release"), one reader per GitOps tool in this folder: Flux
// HelmRelease (`valuesFrom`, `values`, Kustomize patches of it) and `postBuild`
// substitution, Argo CD Application and ApplicationSet templates
// (`valueFiles`, `values`, `valuesObject`, `parameters`), Kustomize
// `helmCharts`, helmfile releases; plus the secrets and ConfigMaps Kustomize
// generators create.
#pragma once

#include <memory>
#include <vector>

#include "linter/model/sources/kustomize.hpp"
#include "linter/model/sources/kustomize_build.hpp"
#include "linter/model/sources/source_context.hpp"
#include "seldon_lint/model.hpp"

namespace seldon_lint {

class ValuesSources {
 public:
  // `paths` indexes model.files; `documents`: index_source_documents(model),
  // when the caller keeps it (else made here).  Both must outlive this object.
  ValuesSources(Model& model, const PathIndex& paths,
                const std::vector<SourceDocument>* documents = nullptr);
  ~ValuesSources();
  ValuesSources(const ValuesSources&) = delete;
  ValuesSources& operator=(const ValuesSources&) = delete;

  // The Flux Kustomizations found in the repository (for the Kustomize walk).
  const std::vector<FluxApply>& flux_applies() const;
  // Adds releases, runtimes of runtime-chart releases and generator secrets to
  // the model.  Secrets of other kinds must already be in the model.
  void build(const KustomizeLayout& layout, const KustomizeBuild& kustomize);
  // Files named as a values layer by some release (not standalone releases).
  bool referenced(FileId file) const;
  // Some Flux Kustomization substitutes but its `spec.path` is not in the
  // repository: a `${VAR}` elsewhere may be defined there.
  bool unresolved_substitution() const;
  // Objects rendered from charts in the repository (after build), for the
  // object readers.
  const std::vector<RenderedObject>& rendered() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace seldon_lint
