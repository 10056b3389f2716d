#include "linter/model/model_builder.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <stdexcept>

#include "linter/base/glob.hpp"
#include "linter/base/phase_timer.hpp"
#include "linter/base/repo_path.hpp"
#include "linter/base/text.hpp"
#include "linter/model/broker.hpp"
#include "linter/model/facts/chart_facts.hpp"
#include "linter/model/helm_merge.hpp"
#include "linter/model/iac/iac_deployments.hpp"
#include "linter/model/node_access.hpp"
#include "linter/model/objects/object_context.hpp"
#include "linter/model/sources/kustomize.hpp"
#include "linter/model/sources/kustomize_build.hpp"
#include "linter/model/sources/values_sources.hpp"

namespace seldon_lint {
namespace {

using yaml::Node;

// The folders holding a Helm chart (a `Chart.yaml`).
std::set<std::string> find_chart_folders(const Model& model) {
  std::set<std::string> folders;
  for (const auto& file : model.files) {
    std::string_view path = file.path;
    size_t slash = path.rfind('/');
    std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    if (name != "Chart.yaml") continue;
    folders.insert(std::string(slash == std::string_view::npos ? "" : path.substr(0, slash)));
  }
  return folders;
}

// Seldon's own resources (with an mlops.seldon.io apiVersion): a record each
// in Model::resources.
bool is_seldon_resource_kind(std::string_view kind) {
  return kind == "Model" || kind == "Pipeline" || kind == "Experiment";
}

// Sends a Kubernetes-style object to its reader (objects/); release sources
// (HelmRelease, Argo CD, ...) are read by sources/.
void visit_object(ObjectContext& ctx, const ObjectRef& obj) {
  const std::string& kind = obj.kind;
  const std::string& api = obj.api_version;
  if (kind == "Secret" && (api == "v1")) {
    visit_secret(ctx, obj);
  } else if (kind == "SealedSecret" && api_group_is(api, "bitnami.com")) {
    visit_sealed_secret(ctx, obj);
  } else if (kind == "ExternalSecret" && api_group_is(api, "external-secrets.io")) {
    visit_external_secret(ctx, obj);
  } else if (kind == "ClusterExternalSecret" && api_group_is(api, "external-secrets.io")) {
    visit_cluster_external_secret(ctx, obj);
  } else if (kind == "KafkaUser" && api_group_is(api, "kafka.strimzi.io")) {
    visit_kafka_user(ctx, obj);
  } else if (kind == "Kafka" && api_group_is(api, "kafka.strimzi.io")) {
    visit_strimzi_kafka(ctx, obj);
    visit_strimzi_cluster(ctx, obj);
  } else if (kind == "KafkaNodePool" && api_group_is(api, "kafka.strimzi.io")) {
    ctx.kafka_node_pools.push_back(obj);
  } else if (kind == "Namespace" && api == "v1") {
    visit_namespace(ctx, obj);
  } else if (kind == "Certificate" && api_group_is(api, "cert-manager.io")) {
    visit_certificate(ctx, obj);
  } else if (kind == "SeldonRuntime" && api_group_is(api, "mlops.seldon.io")) {
    visit_runtime(ctx, obj);
  } else if (is_seldon_resource_kind(kind) && api_group_is(api, "mlops.seldon.io")) {
    visit_seldon_resource(ctx, obj);
  } else if ((kind == "Namespace" && api_group_is(api, "eventhub.azure.com")) ||
             (kind == "EventhubNamespace" && api_group_is(api, "azure.microsoft.com")) ||
             (kind == "EventHubNamespace" && (api_group_is(api, "eventhub.azure.upbound.io") ||
                                              api_group_is(api, "eventhub.azure.m.upbound.io")))) {
    visit_eventhub_namespace(ctx, obj);
  }
  if (api.find("azure.com") != std::string::npos) visit_aso_operator_secrets(ctx, obj);
}

// Whether a file's content can matter to the object phase whatever
// references it: objects (apiVersion and kind), kustomizations, helmfiles,
// charts, and every file that is not plain YAML (Terraform, Bicep, ARM...).
bool content_read_by_object_phase(const SourceFile& file) {
  if (file.kind != FileKind::Yaml) return true;
  std::string_view path = file.path;
  std::string_view name =
      path.substr(path.rfind('/') == std::string_view::npos ? 0 : path.rfind('/') + 1);
  if (is_kustomization_path(path) || is_helmfile_path(path) || name == "Chart.yaml") return true;
  for (const auto& doc : file.documents) {
    if (!doc.root.is_map()) continue;
    const Node* api = doc.root.find("apiVersion");
    const Node* kind = doc.root.find("kind");
    if (api != nullptr || kind != nullptr) return true;
  }
  return false;
}

}  // namespace

// What the object phase leaves for the release phase, and what it read.
struct ModelReuse::State {
  std::set<std::string> chart_folders;
  std::vector<SourceDocument> source_documents;
  std::unique_ptr<KustomizeLayout> layout;  // on the heap: `objects` points into it
  std::unique_ptr<KustomizeBuild> kustomize;
  std::unique_ptr<ObjectContext> objects;
  std::vector<std::pair<FileId, const Node*>> standalone_values;
  std::vector<char> read;  // per file: the object phase read its content
  // The model and object context as the object phase left them.
  size_t problems_before = 0;  // input problems (and the sources' own) before the phase
  std::vector<InputProblem> problems;
  std::vector<SecretRecord> secrets;
  std::vector<RuntimeRecord> runtimes;
  std::vector<SeldonResource> resources;
  std::vector<NamespaceRecord> namespaces;
  std::vector<KafkaCluster> kafka_clusters;
  std::vector<EventHubNamespace> eventhub_namespaces;
  std::vector<UnrenderedObject> unrendered;
  std::vector<Release> releases;
  size_t owned = 0;
  std::vector<std::pair<SecretRecord, std::string>> pending_reflections;
  std::vector<ObjectRef> cluster_external_secrets;
  std::vector<ObjectRef> kafka_node_pools;

  void save(const Model& model) {
    problems.assign(model.problems.begin() + static_cast<std::ptrdiff_t>(problems_before),
                    model.problems.end());
    secrets = model.secrets;
    runtimes = model.runtimes;
    resources = model.resources;
    namespaces = model.namespaces;
    kafka_clusters = model.kafka_clusters;
    eventhub_namespaces = model.eventhub_namespaces;
    unrendered = model.unrendered;
    releases = model.releases;
    owned = model.owned.size();
    pending_reflections = objects->pending_reflections;
    cluster_external_secrets = objects->cluster_external_secrets;
    kafka_node_pools = objects->kafka_node_pools;
  }

  // Everything but the problems (restore_problems: after the sources' own).
  void restore(Model& model) const {
    model.secrets = secrets;
    model.runtimes = runtimes;
    model.resources = resources;
    model.namespaces = namespaces;
    model.kafka_clusters = kafka_clusters;
    model.eventhub_namespaces = eventhub_namespaces;
    model.unrendered = unrendered;
    model.releases = releases;
    // What the release phase added; the object phase's own nodes keep their addresses.
    while (model.owned.size() > owned) model.owned.pop_back();
    objects->pending_reflections = pending_reflections;
    objects->cluster_external_secrets = cluster_external_secrets;
    objects->kafka_node_pools = kafka_node_pools;
  }

  void restore_problems(Model& model) const {
    model.problems.insert(model.problems.end(), problems.begin(), problems.end());
  }
};

namespace {

class ModelBuilder {
 public:
  ModelBuilder(Model& model, const Config& config, ModelReuse::State& state, unsigned jobs = 1)
      : model_(model), config_(config), state_(state), jobs_(jobs) {}

  // `keep_for_rebuild`: copy the object phase's results for rebuild_model (a
  // one-shot run only keeps the state alive; the copies are a second set of
  // every object record).
  // `shared_paths`: the caller's index of the files' paths, or nullptr.
  void build(bool keep_for_rebuild, const PathIndex* shared_paths) {
    PhaseTimer timer("  ");
    state_.chart_folders = find_chart_folders(model_);
    state_.source_documents = index_source_documents(model_);
    std::optional<PathIndex> own_paths;
    if (shared_paths == nullptr) own_paths.emplace(model_.files);
    const PathIndex& paths = shared_paths != nullptr ? *shared_paths : *own_paths;
    // Flux Kustomizations first: their `spec.path` places files like overlays do.
    ValuesSources sources(model_, paths, &state_.source_documents);
    timer.mark("sources");
    state_.problems_before = model_.problems.size();
    state_.layout = std::make_unique<KustomizeLayout>(
        compute_kustomize_layout(model_, paths, sources.flux_applies(), jobs_));
    const KustomizeLayout& layout = *state_.layout;
    for (const auto& problem : layout.problems) model_.problems.push_back(problem);
    timer.mark("kustomize layout");
    // What each kustomization emits: patched, renamed objects per placement.
    state_.kustomize = std::make_unique<KustomizeBuild>(model_, layout, paths, jobs_);
    const KustomizeBuild& kustomize = *state_.kustomize;
    timer.mark("kustomize build");
    state_.objects = std::make_unique<ObjectContext>(model_, layout.files);
    ObjectContext& objects = *state_.objects;
    model_.resources.reserve(model_.resources.size() + seldon_resources_bound(layout));
    timer.mark("object index");
    for (FileId id = 0; id < model_.files.size(); ++id) {
      const SourceFile& file = model_.files[id];
      const std::vector<Placement>* placed = layout.files.find(id);
      for (size_t i = 0; i < file.documents.size(); ++i) {
        if (placed == nullptr) {
          visit_document(objects, id, file.documents[i].root, nullptr, nullptr);
          continue;
        }
        // One visit per placement: each overlay may patch or rename it differently.
        const Node& written = file.documents[i].root;
        for (auto [place, emitted] : kustomize.distinct(id, i, written, *placed)) {
          visit_document(objects, id, emitted ? *emitted->root : written, place,
                         emitted ? emitted->rename : nullptr);
        }
      }
    }
    // Terraform, Bicep, ARM: the namespaces each deployment creates (iac/).
    add_iac_eventhub_namespaces(model_);
    resolve_cluster_external_secrets(objects);
    resolve_kafka_brokers(objects);
    timer.mark("objects");
    if (keep_for_rebuild) {
      // Only a rebuild asks what the object phase read (ModelReuse::reusable).
      record_reads();
      state_.save(model_);
    }
    build_releases(sources, timer);
  }

  // At most how many records the object phase adds for Models, Pipelines
  // and Experiments: one per placement of each such document.  On a big
  // repository they are hundreds of thousands of records, and growing the
  // vector by doubling copied them and touched twice their memory (fresh
  // pages are costly); capacity that stays unwritten is never touched.
  // Only a capacity hint: a wrong count changes no result.
  size_t seldon_resources_bound(const KustomizeLayout& layout) const {
    size_t bound = 0;
    for (FileId id = 0; id < model_.files.size(); ++id) {
      const SourceFile& file = model_.files[id];
      size_t documents = 0;
      for (const auto& doc : file.documents) {
        const Node* kind = doc.root.is_map() ? doc.root.find("kind") : nullptr;
        if (kind != nullptr && kind->is_scalar() && is_seldon_resource_kind(kind->scalar)) {
          ++documents;
        }
      }
      if (documents == 0) continue;
      const std::vector<Placement>* placed = layout.files.find(id);
      bound += documents * (placed == nullptr ? 1 : placed->size());
    }
    return bound;
  }

  // The object phase as the last build left it; the changed files hold no
  // object, so they only feed standalone values releases.
  void rebuild(const std::vector<FileId>& changed) {
    PhaseTimer timer("  ");
    state_.restore(model_);
    // The changed files hold no document the sources index (reusable()).
    const PathIndex paths(model_.files);
    ValuesSources sources(model_, paths, &state_.source_documents);
    timer.mark("sources");
    state_.restore_problems(model_);
    auto& standalone = state_.standalone_values;
    auto is_changed = [&](FileId id) {
      return std::find(changed.begin(), changed.end(), id) != changed.end();
    };
    standalone.erase(std::remove_if(standalone.begin(), standalone.end(),
                                    [&](const auto& entry) { return is_changed(entry.first); }),
                     standalone.end());
    for (FileId id : changed) {
      for (const auto& doc : model_.files[id].documents) {
        visit_document(*state_.objects, id, doc.root, nullptr, nullptr);
      }
    }
    // In file order, as a full build visits them.
    std::stable_sort(standalone.begin(), standalone.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    timer.mark("objects (kept)");
    build_releases(sources, timer);
  }

 private:
  void build_releases(ValuesSources& sources, PhaseTimer& timer) {
    ObjectContext& objects = *state_.objects;
    // Releases of every values source, generator secrets (sources/).
    sources.build(*state_.layout, *state_.kustomize);
    timer.mark("releases");
    for (const auto& object : sources.rendered()) visit_rendered(objects, object);
    timer.mark("rendered charts");
    add_configured_external_secrets(objects, config_);
    add_standalone_values_releases(sources);
    resolve_pending_reflections(objects);
    for (auto& release : model_.releases) compute_effective(release);
    timer.mark("merge");
  }

  // The files whose content the object phase read (see ModelReuse::reusable).
  void record_reads() {
    std::vector<char>& read = state_.read;
    read.assign(model_.files.size(), 0);
    for (FileId id = 0; id < model_.files.size(); ++id) {
      read[id] = content_read_by_object_phase(model_.files[id]) ? 1 : 0;
    }
    for (const auto* places : {&state_.layout->files, &state_.layout->kustomizations}) {
      places->for_each([&read](FileId id, const std::vector<Placement>&) { read[id] = 1; });
    }
    for (FileId id : state_.kustomize->files_read()) read[id] = 1;
  }

  bool is_chart_values_file(const SourceFile& file) const {
    std::string_view path = file.path;
    size_t slash = path.rfind('/');
    std::string dir(slash == std::string_view::npos ? "" : path.substr(0, slash));
    std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    // A chart's own values (values.yaml, values-*.yaml) are its defaults, not a release.
    return state_.chart_folders.count(dir) > 0 && starts_with(name, "values");
  }

  // An object rendered from a chart: read like a file's object, then placed
  // where the installing release puts it (its environment; its namespace
  // when the object names none).
  void visit_rendered(ObjectContext& objects, const RenderedObject& object) {
    size_t secrets = model_.secrets.size(), runtimes = model_.runtimes.size();
    size_t resources = model_.resources.size(), reflections = objects.pending_reflections.size();
    visit_object(objects, ObjectRef{object.file, object.root, object.api_version, object.kind});
    auto place = [&](auto& record) {
      record.environment = object.environment;
      if (record.namespace_name.empty()) record.namespace_name = object.namespace_name;
    };
    for (size_t i = secrets; i < model_.secrets.size(); ++i) place(model_.secrets[i]);
    for (size_t i = runtimes; i < model_.runtimes.size(); ++i) place(model_.runtimes[i]);
    for (size_t i = resources; i < model_.resources.size(); ++i) place(model_.resources[i]);
    for (size_t i = reflections; i < objects.pending_reflections.size(); ++i)
      place(objects.pending_reflections[i].first);
  }

  void visit_document(ObjectContext& objects, FileId file, const Node& root, const Placement* place,
                      const KustomizeRename* rename) {
    if (!root.is_map()) return;
    const Node* api = root.find("apiVersion");
    const Node* kind = root.find("kind");
    if (api != nullptr && kind != nullptr && api->is_scalar() && kind->is_scalar()) {
      visit_object(objects, ObjectRef{file, &root, api->scalar, kind->scalar, place, rename});
      return;
    }
    auto& standalone = state_.standalone_values;
    bool first_visit = standalone.empty() || standalone.back().second != &root;
    if (first_visit && facts::sets_setup_keys(root) && !is_chart_values_file(model_.files[file])) {
      standalone.emplace_back(file, &root);
    }
  }

  // ---- standalone values files -------------------------------------------
  void add_standalone_values_releases(const ValuesSources& sources) {
    for (const auto& [file, root] : state_.standalone_values) {
      if (sources.referenced(file)) continue;  // a layer of the release that names it
      const SourceFile& source = model_.files[file];
      Release release;
      release.name = source.path;
      release.source = "values-file";
      release.environment = source.environment;
      release.location = first_key(*root);
      release.substitution_open = sources.unresolved_substitution();
      for (const auto& configured : config_.releases) {
        for (const auto& glob : configured.values) {
          if (glob_match(glob, source.path)) release.namespace_name = configured.namespace_name;
        }
      }
      ValuesLayer layer;
      layer.values = root;
      layer.anchor = first_key(*root);
      layer.description = "values file " + source.path;
      release.layers.push_back(layer);
      model_.releases.push_back(std::move(release));
    }
  }

  void compute_effective(Release& release) {
    std::vector<const Node*> layers;
    for (const auto& layer : release.layers) layers.push_back(layer.values);
    release.effective = merge_layers(facts::setup_chart_defaults_tree(), layers);
    release.broker = read_broker(release);
  }

  Model& model_;
  const Config& config_;
  ModelReuse::State& state_;
  unsigned jobs_ = 1;
};

}  // namespace

ModelReuse::ModelReuse(Use use) : use_(use) {}
ModelReuse::~ModelReuse() = default;

void ModelReuse::clear() {
  state_.reset();
}

bool ModelReuse::reusable(FileId id, const SourceFile& now) const {
  return use_ == Use::Rebuild && state_ != nullptr && id < state_->read.size() &&
         state_->read[id] == 0 && !content_read_by_object_phase(now);
}

void build_model(Model& model, const Config& config, ModelReuse* reuse, unsigned jobs,
                 const PathIndex* paths) {
  // A caller bug: an index of other files would mislay every lookup.
  if (paths != nullptr && paths->files() != model.files.size()) {
    throw std::logic_error("build_model: the path index is not of the model's files");
  }
  auto state = std::make_unique<ModelReuse::State>();
  ModelBuilder builder(model, config, *state, jobs);
  if (reuse != nullptr) reuse->state_.reset();  // points into the model being rebuilt
  builder.build(reuse != nullptr && reuse->use_ == ModelReuse::Use::Rebuild, paths);
  model.index_secrets();
  if (reuse != nullptr) reuse->state_ = std::move(state);
}

void rebuild_model(Model& model, const Config& config, ModelReuse& reuse,
                   const std::vector<FileId>& changed) {
  // A caller bug (reusable() was false for every file): the model already
  // holds the last build's records, so building it again would double them.
  if (reuse.use_ != ModelReuse::Use::Rebuild || reuse.state_ == nullptr) {
    throw std::logic_error("rebuild_model: the last build kept nothing to rebuild from");
  }
  ModelBuilder builder(model, config, *reuse.state_);
  builder.rebuild(changed);
  model.index_secrets();
}

}  // namespace seldon_lint
