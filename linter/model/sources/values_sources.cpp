// The driver of the values-source readers: finds the objects of each GitOps
// tool, lets each reader add its release drafts, then applies Flux
// substitution and hands the releases to the model.
#include "linter/model/sources/values_sources.hpp"

#include <set>

#include "linter/model/node_access.hpp"
#include "linter/model/sources/source_context.hpp"

namespace seldon_lint {

using yaml::Node;

struct ValuesSources::Impl {
  SourceContext ctx;
  std::vector<FluxApply> applies;
  bool unresolved_substitution = false;

  // A release source found in the repository, visited once secrets and data
  // objects are known.
  struct SourceObject {
    FileId file;
    const Node* root;
    std::string kind;                  // "kustomization", "helmfile", or the object's kind
    const Placement* place = nullptr;  // the Kustomize placement that emits `root`
  };

  // Calls `visit(root, place)` for the document as each Kustomize placement
  // emits it (patched, renamed), or once as written when no kustomization
  // places its file.
  template <typename Visit>
  void for_each_emitted(FileId id, size_t doc, Visit&& visit) {
    const Node& written = ctx.model.files[id].documents[doc].root;
    auto placed = ctx.layout->files.find(id);
    if (placed == ctx.layout->files.end()) {
      visit(written, static_cast<const Placement*>(nullptr));
      return;
    }
    for (auto [place, emitted] : ctx.kustomize->distinct(id, doc, written, placed->second)) {
      visit(emitted != nullptr ? *emitted->root : written, place);
    }
  }

  explicit Impl(Model& model) : ctx(model) {
    ctx.flux = find_flux_kustomizations(model);
    for (const auto& f : ctx.flux) applies.push_back(f.apply);
  }

  // Registers ConfigMaps, Secrets and generators; returns the release sources.
  std::vector<SourceObject> collect_sources() {
    std::vector<SourceObject> objects;
    for (FileId id = 0; id < ctx.model.files.size(); ++id) {
      const SourceFile& file = ctx.model.files[id];
      if (file.kind == FileKind::HelmTemplate && is_helmfile_template_path(file.path)) {
        objects.push_back({id, nullptr, "helmfile-template"});
        continue;
      }
      if (file.documents.empty()) continue;
      if (is_kustomization_path(file.path) && file.documents.front().root.is_map()) {
        visit_kustomization_generators(ctx, id, file.documents.front().root);
        objects.push_back({id, &file.documents.front().root, "kustomization"});
        continue;
      }
      if (is_helmfile_path(file.path)) {
        objects.push_back({id, nullptr, "helmfile"});
        continue;
      }
      for (size_t i = 0; i < file.documents.size(); ++i) {
        const Node& written = file.documents[i].root;
        if (!written.is_map()) continue;
        std::string kind = scalar_at(&written, "kind");
        std::string api = scalar_at(&written, "apiVersion");
        if (kind.empty() || api.empty()) continue;
        // SOPS-encrypted Secrets too: a valuesFrom naming one is unreadable.
        bool data = (kind == "ConfigMap" && api == "v1") || (kind == "Secret" && api == "v1");
        if ((kind == "OCIRepository" || kind == "HelmChart") &&
            api_group_is(api, "source.toolkit.fluxcd.io")) {
          add_chart_source(id, written, kind);
          continue;
        }
        bool release_source =
            (kind == "HelmRelease" && api_group_is(api, "helm.toolkit.fluxcd.io")) ||
            ((kind == "Application" || kind == "ApplicationSet") &&
             api_group_is(api, "argoproj.io"));
        if (!data && !release_source) continue;
        for_each_emitted(id, i, [&](const Node& root, const Placement* place) {
          if (release_source) {
            objects.push_back({id, &root, kind, place});
            return;
          }
          ctx.current_place = place;
          visit_configmap(ctx, id, root, kind);
          ctx.current_place = nullptr;
        });
      }
    }
    return objects;
  }

  // An OCIRepository names its chart by the last segment of its URL; a
  // HelmChart by `spec.chart` (a name, or a path in a Git source).
  void add_chart_source(FileId id, const Node& root, const std::string& kind) {
    ChartSource source;
    source.kind = kind;
    source.name = scalar_at(&root, "metadata.name");
    source.root = &root;
    std::string chart =
        kind == "OCIRepository" ? scalar_at(&root, "spec.url") : scalar_at(&root, "spec.chart");
    while (!chart.empty() && chart.back() == '/') chart.pop_back();
    source.chart = std::string(chart.substr(chart.rfind('/') + 1));
    for (const auto& place : ctx.placements_of(id, root)) {
      source.namespace_name = place.namespace_name;
      ctx.chart_sources.push_back(source);
    }
  }

  // A Flux Kustomization that substitutes but places no file of the repository.
  bool some_substitution_unresolved(const KustomizeLayout& layout) const {
    std::set<int> used;
    for (const auto* places : {&layout.files, &layout.kustomizations}) {
      for (const auto& [file, list] : *places) {
        for (const auto& p : list) used.insert(p.flux);
      }
    }
    for (size_t i = 0; i < ctx.flux.size(); ++i) {
      if (ctx.flux[i].substitutes && used.count(static_cast<int>(i)) == 0) return true;
    }
    return false;
  }

  // In-repo charts, rendered for their releases; rendered release sources
  // (app-of-apps charts) may install further charts: kMaxChartRenderDepth
  // rounds at most, an install deeper than that is SL002 at its object.
  void render_charts(ApplicationSetExpander& application_sets) {
    for (size_t round = 0; round < kMaxChartRenderDepth && !ctx.chart_installs.empty(); ++round) {
      size_t first = ctx.rendered.size();
      render_chart_installs(ctx);
      for (size_t i = first; i < ctx.rendered.size(); ++i) {
        const RenderedObject object = ctx.rendered[i];  // visiting may grow the vector
        size_t drafts_before = ctx.drafts.size();
        size_t installs_before = ctx.chart_installs.size();
        if (object.kind == "HelmRelease" &&
            api_group_is(object.api_version, "helm.toolkit.fluxcd.io")) {
          visit_helm_release(ctx, object.file, *object.root);
        } else if (object.kind == "ApplicationSet" &&
                   api_group_is(object.api_version, "argoproj.io")) {
          application_sets.visit(object.file, *object.root);
        } else if (object.kind == "Application" &&
                   api_group_is(object.api_version, "argoproj.io")) {
          visit_argo_spec(ctx, object.file, *object.root, object.root->find("metadata"),
                          object.root->find("spec"), false);
        }
        // Releases rendered from a chart belong to the installing release's environment.
        for (size_t d = drafts_before; d < ctx.drafts.size(); ++d) {
          if (ctx.drafts[d].release.environment == "default")
            ctx.drafts[d].release.environment = object.environment;
        }
        for (size_t k = installs_before; k < ctx.chart_installs.size(); ++k) {
          ChartInstall& install = ctx.chart_installs[k];
          if (install.environment == "default") install.environment = object.environment;
          install.rendered_by = object.rendered_by;
          install.budget = object.budget;
        }
      }
    }
    for (const auto& install : ctx.chart_installs) {
      ctx.report_problem("SL002", install.where,
                         "charts rendering charts nested deeper than " +
                             std::to_string(kMaxChartRenderDepth) + " levels (" +
                             chart_chain(install.rendered_by, install.chart_dir) +
                             "): this install is not rendered");
    }
    ctx.chart_installs.clear();
  }

  void build(const KustomizeLayout& layout, const KustomizeBuild& kustomize) {
    ctx.layout = &layout;
    ctx.kustomize = &kustomize;
    std::vector<SourceObject> objects = collect_sources();
    resolve_substitutions(ctx);
    unresolved_substitution = some_substitution_unresolved(layout);
    ApplicationSetExpander application_sets(ctx);
    for (const auto& obj : objects) {
      ctx.current_place = obj.place;
      if (obj.kind == "kustomization") {
        visit_helm_charts(ctx, obj.file, *obj.root);
      } else if (obj.kind == "helmfile") {
        visit_helmfile(ctx, obj.file);
      } else if (obj.kind == "helmfile-template") {
        visit_helmfile_template(ctx, obj.file);
      } else if (obj.kind == "HelmRelease") {
        visit_helm_release(ctx, obj.file, *obj.root);
      } else if (obj.kind == "ApplicationSet") {
        application_sets.visit(obj.file, *obj.root);
      } else {
        visit_argo_spec(ctx, obj.file, *obj.root, obj.root->find("metadata"),
                        obj.root->find("spec"), false);
      }
      ctx.current_place = nullptr;
    }
    render_charts(application_sets);
    for (auto& draft : ctx.drafts) {
      apply_substitutions(ctx, draft);
      if (!draft.release.substituted && unresolved_substitution) {
        draft.release.substitution_open = true;
      }
      ctx.model.releases.push_back(std::move(draft.release));
    }
    ctx.drafts.clear();
  }
};

ValuesSources::ValuesSources(Model& model) : impl_(std::make_unique<Impl>(model)) {}
ValuesSources::~ValuesSources() = default;

const std::vector<FluxApply>& ValuesSources::flux_applies() const {
  return impl_->applies;
}

void ValuesSources::build(const KustomizeLayout& layout, const KustomizeBuild& kustomize) {
  impl_->build(layout, kustomize);
}

const std::vector<RenderedObject>& ValuesSources::rendered() const {
  return impl_->ctx.rendered;
}

bool ValuesSources::unresolved_substitution() const {
  return impl_->unresolved_substitution;
}

bool ValuesSources::referenced(FileId file) const {
  return impl_->ctx.referenced.count(file) != 0;
}

}  // namespace seldon_lint
