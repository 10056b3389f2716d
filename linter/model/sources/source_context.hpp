// What the values-source readers share while the releases of one repository
// are built (model-internal; linter/model/sources/values_sources.cpp drives
// them): the model, the ConfigMaps/Secrets that `valuesFrom` and
// `substituteFrom` can name, the Flux Kustomizations, and the releases being
// assembled.  One file per GitOps tool adds releases through it.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "linter/base/path_index.hpp"
#include "linter/model/sources/kustomize.hpp"
#include "linter/model/sources/kustomize_build.hpp"
#include "linter/parse/gotemplate/template.hpp"
#include "linter/parse/yaml_parser.hpp"
#include "seldon_lint/model.hpp"

namespace seldon_lint {

// The whole of line `line` (1-based; out of range: line 1) of `file`, as a
// location: where a finding about rendered template output points.
Location line_location(const SourceFile& file, FileId id, uint32_t line);

// A key of a generated or declared ConfigMap/Secret.
struct DataEntry {
  std::string key;
  const yaml::Node* value = nullptr;  // string scalar in the manifest (ConfigMap data, literal)
  FileId file = kNoFile;              // generator `files:` entry: the file holding the value
  Location location;
};

// A generated or declared ConfigMap/Secret that `valuesFrom` / `substituteFrom` can name.
struct DataObject {
  std::string kind;  // "ConfigMap" or "Secret"
  std::string name;
  std::string namespace_name;
  std::string environment;
  bool keys_known = true;
  bool encrypted = false;  // a SOPS-encrypted Secret: key names visible, values not
  std::vector<DataEntry> entries;
  const DataEntry* entry(std::string_view key) const {
    for (const auto& e : entries) {
      if (e.key == key) return &e;
    }
    return nullptr;
  }
};

// A Flux Kustomization with its `postBuild` variables.
struct FluxRecord {
  FileId file;
  const yaml::Node* root;
  FluxApply apply;
  bool substitutes = false;
  bool open = false;  // a substituteFrom source is not in the repository
  std::map<std::string, std::optional<std::string>> vars;  // value when visible
};

// A Flux chart source a HelmRelease `chartRef` can name.
struct ChartSource {
  std::string kind;  // "OCIRepository" or "HelmChart"
  std::string name;
  std::string namespace_name;  // empty when the manifest does not say
  std::string chart;           // the chart's name (OCI URL basename, HelmChart spec.chart)
  const yaml::Node* root = nullptr;
};

// A release being assembled from one source object.
struct ReleaseDraft {
  Release release;
  std::vector<FileId> layer_files;  // files of file-backed layers
  int flux = -1;                    // index of the Flux Kustomization applying it
};

// A release that installs a chart kept in the repository (rendered by
// chart_render.cpp): an Argo CD `source.path`, a Flux HelmRelease chart from a
// GitRepository, a helmfile `chart: ./path`, a Kustomize helmCharts local chart.
struct ChartInstall {
  std::string chart_dir;  // repository path of the folder holding Chart.yaml
  std::string release_name;
  std::string namespace_name;
  std::string environment;
  Location where;                   // the installing object (its name)
  std::string description;          // "Argo CD Application external-secrets-config"
  std::vector<ValuesLayer> layers;  // the release's values, lowest priority first
  // Flux `chart.spec.valuesFiles`: these files replace the chart's values.yaml.
  std::vector<std::string> values_files;
  int flux = -1;
  // App-of-apps: the chart folders whose rendering led to this install,
  // outermost first (empty for an install written in the repository), and
  // the render budget of the outermost install it descends from.
  std::vector<std::string> rendered_by;
  size_t budget = kNoBudget;
  static constexpr size_t kNoBudget = static_cast<size_t>(-1);
};

// Bounds on charts rendering charts (an app-of-apps chart rendering
// Applications or HelmReleases of in-repo charts): nesting levels, and chart
// installs rendered for one install written in the repository.
inline constexpr size_t kMaxChartRenderDepth = 4;
inline constexpr size_t kMaxChartRendersPerRoot = 500;

// An object rendered from an in-repo chart, positioned at its template lines.
struct RenderedObject {
  FileId file;  // the template file
  const yaml::Node* root;
  std::string api_version;
  std::string kind;
  std::string namespace_name;            // the release namespace (helm applies objects there)
  std::string environment;               // the installing release's
  std::vector<std::string> rendered_by;  // the install's rendered_by and its chart folder
  size_t budget = ChartInstall::kNoBudget;
};

class SourceContext {
 public:
  SourceContext(Model& model, const PathIndex& paths);

  Model& model;
  YamlParser parser;  // for YAML embedded in strings
  const KustomizeLayout* layout = nullptr;
  const KustomizeBuild* kustomize = nullptr;  // what each kustomization emits
  // While a reader visits an object as one kustomization placement emits it:
  // that placement (placements_of returns only it).
  const Placement* current_place = nullptr;
  std::vector<FluxRecord> flux;
  std::vector<ReleaseDraft> drafts;
  std::set<FileId> referenced;               // files named as a values layer
  std::vector<ChartInstall> chart_installs;  // not yet rendered
  std::vector<RenderedObject> rendered;      // every object rendered so far
  std::vector<size_t> chart_renders;         // per root install: installs rendered

  // ---- files
  // The first map document of a YAML file (the input stage has parsed every
  // file a source references, whatever the prefilter said).
  const yaml::Node* values_root(FileId id) const;
  std::optional<FileId> file_at(const std::string& path) const;
  // The input stage reported a YAML syntax error (SL001) for this file.
  bool has_syntax_error(const std::string& path) const;
  // `dir` (a repository path) holds a Helm chart (Chart.yaml).
  bool is_chart_dir(const std::string& dir) const;
  // A chart install from a draft assembled the usual way (its layers).
  void add_chart_install(const std::string& chart_dir, const ReleaseDraft& draft,
                         std::string description);
  // Keeps a synthetic node alive as long as the model.
  const yaml::Node* own(yaml::Node node);
  // Where an object of `file` lands: its own namespace, or each placement of
  // the Kustomize/Flux layout (whose namespace wins).
  std::vector<Placement> placements_of(FileId file, const yaml::Node& root) const;
  // The placements of a kustomization file itself.
  std::vector<Placement> kustomization_places(FileId file) const;

  // ---- ConfigMaps and Secrets for valuesFrom / substituteFrom
  const DataObject* find_data(std::string_view kind, const std::string& name,
                              const std::string& namespace_name, const std::string& environment);
  void add_data(DataObject object);

  // A problem with the input found while modelling (SL002: a limit reached),
  // once per location and message however often a placement revisits it.
  void report_problem(const char* rule, Location where, const std::string& message);

  // ---- releases
  static ReleaseDraft new_draft(std::string name, std::string source, std::string namespace_name,
                                std::string environment, Location where, int flux = -1);
  static void add_layer(ReleaseDraft& draft, const yaml::Node* values, Location anchor,
                        std::string description);
  // A values file of the repository; a path that is not there (or does not
  // parse) becomes an unreadable layer referenced from `reference`.
  bool add_file_layer(ReleaseDraft& draft, const std::string& path, Location reference = {});
  // A layer the linter cannot read (see ValuesLayer): values it could set
  // (all, or those under `scope`) become unknown; SL005 reports it.
  static void add_unreadable_layer(ReleaseDraft& draft, Location reference, std::string description,
                                   std::string reason, std::string scope = {});
  // True when some file of the repository lies under `folder` (a chart or an
  // Argo CD source path that resolves in this repository).
  bool folder_exists(const std::string& folder) const;

  // ---- Flux chart sources (HelmRelease chartRef)
  std::vector<ChartSource> chart_sources;
  const ChartSource* find_chart_source(std::string_view kind, const std::string& name,
                                       const std::string& namespace_name) const;
  // A SeldonRuntime installed by the runtime chart.
  void add_runtime(const std::string& name, const std::string& ns, const std::string& env,
                   Location where);

 private:
  const PathIndex& by_path_;
  std::vector<DataObject> data_objects_;
  // report_problem's (rule, file, offset, message), so a repeat costs a lookup.
  std::set<std::tuple<std::string, FileId, uint32_t, std::string>> reported_;
  std::unordered_multimap<std::string, size_t> data_by_name_;
};

// "charts/a -> charts/b -> `last`": how an app-of-apps chain reached `last`.
std::string chart_chain(const std::vector<std::string>& rendered_by, const std::string& last);

// "seldon-core-v2-setup", "seldon-charts/seldon-core-v2-setup", "oci://.../seldon-core-v2-setup"
bool chart_is(std::string_view chart, std::string_view wanted);
// Matches a templated path (`envs/{{cluster}}/values.yaml`) against a
// repository path, binding each hole (one path segment or part of one); a
// hole already in `binding` must repeat its value.  O(holes x path length),
// no backtracking; `steps`, when given, grows by the table cells filled.
bool bind_template_holes(std::string_view pattern, std::string_view path,
                         std::map<std::string, std::string>& binding, size_t* steps = nullptr);

// Text still holding a Go template (`{{ ... }}`).
inline bool templated(std::string_view text) {
  return text.find("{{") != std::string_view::npos;
}

// ---- the readers, one file per GitOps tool ------------------------------------

// data_objects.cpp: ConfigMap/Secret manifests and Kustomize generators.
void visit_configmap(SourceContext& ctx, FileId id, const yaml::Node& root,
                     const std::string& kind);
void visit_kustomization_generators(SourceContext& ctx, FileId id, const yaml::Node& root);

// What the values-source readers look at, found by one scan of every file
// (values_sources.cpp), in file order: per file, its role when the readers
// take it whole (a helmfile, helmfile template or kustomization), then each
// document with a kind and apiVersion.  Views into the files' nodes: valid
// while those files are unchanged.
struct SourceDocument {
  FileId file = kNoFile;
  int doc = -1;           // -1: the whole file, `kind` is its role
  std::string_view kind;  // the document's kind, or "helmfile", "helmfile-template",
                          // "kustomization"
  std::string_view api_version;
};
std::vector<SourceDocument> index_source_documents(const Model& model);

// flux_substitution.cpp: Flux Kustomizations and their postBuild substitution.
std::vector<FluxRecord> find_flux_kustomizations(const Model& model,
                                                 const std::vector<SourceDocument>& documents);
void resolve_substitutions(SourceContext& ctx);
void apply_substitutions(SourceContext& ctx, ReleaseDraft& draft);

// flux_helm_release.cpp: Flux HelmRelease (valuesFrom, values, overlay patches).
void visit_helm_release(SourceContext& ctx, FileId id, const yaml::Node& root);

// argo_application.cpp: one Argo CD Application spec (also a rendered
// ApplicationSet template).
void visit_argo_spec(SourceContext& ctx, FileId id, const yaml::Node& root, const yaml::Node* meta,
                     const yaml::Node* spec, bool application_set);

// argo_application_set.cpp: ApplicationSet generators and templating.
class ApplicationSetExpander {
 public:
  explicit ApplicationSetExpander(SourceContext& ctx) : ctx_(ctx) {}
  void visit(FileId id, const yaml::Node& root);

  using Params = std::map<std::string, std::string>;

 private:
  std::vector<Params> one_generator(const yaml::Node& g, int depth);
  std::vector<Params> generator_params(const yaml::Node* generators, int depth);
  const std::vector<Params>& bindings_for(const std::string& pattern);
  std::vector<Params> value_file_bindings(const yaml::Node& rendered);

  SourceContext& ctx_;
  std::map<std::string, std::vector<Params>> binding_cache_;  // bindings_for, by pattern
};

// chart_render.cpp: renders the pending chart installs; rendered objects go to
// ctx.rendered, objects that cannot be rendered to ctx.model.unrendered, and
// umbrella charts depending on the Seldon charts become releases/runtimes.
void render_chart_installs(SourceContext& ctx);
// One text template of the model (a helmfile `.gotmpl`, `text` being the file
// or a part of it padded to keep its line numbers) rendered with `data` and
// parsed, positioned at the template's lines.  `setup` adds functions/options.
struct TextRender {
  std::vector<yaml::Document> documents;
  std::string error;        // why it could not be rendered or parsed; empty when it was
  uint32_t error_line = 0;  // the template line, 0 when unknown
  bool ok() const { return error.empty(); }
};
using TemplateSetup = std::function<void(gotemplate::TemplateSet&)>;
TextRender render_template_text(SourceContext& ctx, FileId file, std::string text,
                                const gotemplate::Value& data, const TemplateSetup& setup);

// kustomize_helm_charts.cpp: Kustomize `helmCharts`.
void visit_helm_charts(SourceContext& ctx, FileId id, const yaml::Node& root);

// helmfile.cpp: helmfile.yaml (releases; `.gotmpl` value files rendered with
// the environment values) and helmfile.yaml.gotmpl (rendered part by part per
// environment, as helmfile does).
void visit_helmfile(SourceContext& ctx, FileId id);
void visit_helmfile_template(SourceContext& ctx, FileId id);

// helm_parameters.cpp: `--set`-style parameters (Argo CD parameters, helmfile set).
void add_parameters(SourceContext& ctx, ReleaseDraft& draft, const yaml::Entry& params,
                    std::string description);

}  // namespace seldon_lint
