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
    const std::vector<Placement>* placed = ctx.layout->files.find(id);
    if (placed == nullptr) {
      visit(written, static_cast<const Placement*>(nullptr));
      return;
    }
    for (auto [place, emitted] : ctx.kustomize->distinct(id, doc, written, *placed)) {
      visit(emitted != nullptr ? *emitted->root : written, place);
    }
  }

  Impl(Model& model, const PathIndex& paths, const std::vector<SourceDocument>* index)
      : ctx(model, paths) {
    if (index == nullptr) {
      own_documents = index_source_documents(model);
      index = &own_documents;
    }
    documents = index;
    ctx.flux = find_flux_kustomizations(model, *documents);
    for (const auto& f : ctx.flux) applies.push_back(f.apply);
  }

  std::vector<SourceDocument> own_documents;
  const std::vector<SourceDocument>* documents = nullptr;

  // Registers ConfigMaps, Secrets and generators; returns the release sources.
  std::vector<SourceObject> collect_sources() {
    std::vector<SourceObject> objects;
    FileId taken_whole = kNoFile;  // a file read as a whole: its documents are not objects
    for (const auto& document : *documents) {
      FileId id = document.file;
      const SourceFile& file = ctx.model.files[id];
      if (document.doc < 0) {
        taken_whole = id;
        if (document.kind == "kustomization") {
          visit_kustomization_generators(ctx, id, file.documents.front().root);
          objects.push_back({id, &file.documents.front().root, "kustomization"});
        } else {
          objects.push_back({id, nullptr, std::string(document.kind)});
        }
        continue;
      }
      if (id == taken_whole) continue;
      size_t i = static_cast<size_t>(document.doc);
      const Node& written = file.documents[i].root;
      std::string kind(document.kind);
      std::string api(document.api_version);
      // SOPS-encrypted Secrets too: a valuesFrom naming one is unreadable.
      bool data = (kind == "ConfigMap" && api == "v1") || (kind == "Secret" && api == "v1");
      if ((kind == "OCIRepository" || kind == "HelmChart") &&
          api_group_is(api, "source.toolkit.fluxcd.io")) {
        add_chart_source(id, written, kind);
        continue;
      }
      bool release_source =
          (kind == "HelmRelease" && api_group_is(api, "helm.toolkit.fluxcd.io")) ||
          ((kind == "Application" || kind == "ApplicationSet") && api_group_is(api, "argoproj.io"));
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
      places->for_each([&used](FileId, const std::vector<Placement>& list) {
        for (const auto& p : list) used.insert(p.flux);
      });
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

std::vector<SourceDocument> index_source_documents(const Model& model) {
  std::vector<SourceDocument> out;
  for (FileId id = 0; id < model.files.size(); ++id) {
    const SourceFile& file = model.files[id];
    if (file.kind == FileKind::HelmTemplate && is_helmfile_template_path(file.path)) {
      out.push_back({id, -1, "helmfile-template", {}});
    } else if (file.documents.empty()) {
      continue;
    } else if (is_kustomization_path(file.path) && file.documents.front().root.is_map()) {
      out.push_back({id, -1, "kustomization", {}});
    } else if (is_helmfile_path(file.path)) {
      out.push_back({id, -1, "helmfile", {}});
    }
    for (size_t i = 0; i < file.documents.size(); ++i) {
      const Node& root = file.documents[i].root;
      if (!root.is_map()) continue;
      const Node* kind = root.find("kind");
      const Node* api = root.find("apiVersion");
      if (kind == nullptr || api == nullptr || kind->str().empty() || api->str().empty()) continue;
      out.push_back({id, static_cast<int>(i), kind->str(), api->str()});
    }
  }
  return out;
}

ValuesSources::ValuesSources(Model& model, const PathIndex& paths,
                             const std::vector<SourceDocument>* documents)
    : impl_(std::make_unique<Impl>(model, paths, documents)) {}
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
