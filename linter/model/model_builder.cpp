#include "linter/model/model_builder.hpp"

#include <set>

#include "linter/base/glob.hpp"
#include "linter/base/phase_timer.hpp"
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
  } else if ((kind == "Model" || kind == "Pipeline" || kind == "Experiment") &&
             api_group_is(api, "mlops.seldon.io")) {
    visit_seldon_resource(ctx, obj);
  } else if ((kind == "Namespace" && api_group_is(api, "eventhub.azure.com")) ||
             (kind == "EventhubNamespace" && api_group_is(api, "azure.microsoft.com")) ||
             (kind == "EventHubNamespace" && (api_group_is(api, "eventhub.azure.upbound.io") ||
                                              api_group_is(api, "eventhub.azure.m.upbound.io")))) {
    visit_eventhub_namespace(ctx, obj);
  }
  if (api.find("azure.com") != std::string::npos) visit_aso_operator_secrets(ctx, obj);
}

class ModelBuilder {
 public:
  ModelBuilder(Model& model, const Config& config) : model_(model), config_(config) {}

  void build() {
    PhaseTimer timer("  ");
    chart_folders_ = find_chart_folders(model_);
    // Flux Kustomizations first: their `spec.path` places files like overlays do.
    ValuesSources sources(model_);
    timer.mark("sources");
    KustomizeLayout layout = compute_kustomize_layout(model_, sources.flux_applies());
    for (const auto& problem : layout.problems) model_.problems.push_back(problem);
    // What each kustomization emits: patched, renamed objects per placement.
    KustomizeBuild kustomize(model_, layout);
    ObjectContext objects(model_, layout.files);
    timer.mark("kustomize");
    for (FileId id = 0; id < model_.files.size(); ++id) {
      const SourceFile& file = model_.files[id];
      auto placed = layout.files.find(id);
      for (size_t i = 0; i < file.documents.size(); ++i) {
        if (placed == layout.files.end()) {
          visit_document(objects, id, file.documents[i].root, nullptr, nullptr);
          continue;
        }
        // One visit per placement: each overlay may patch or rename it differently.
        const Node& written = file.documents[i].root;
        for (auto [place, emitted] : kustomize.distinct(id, i, written, placed->second)) {
          visit_document(objects, id, emitted ? *emitted->root : written, place,
                         emitted ? &emitted->rename : nullptr);
        }
      }
    }
    // Terraform, Bicep, ARM: the namespaces each deployment creates (iac/).
    add_iac_eventhub_namespaces(model_);
    resolve_cluster_external_secrets(objects);
    resolve_kafka_brokers(objects);
    timer.mark("objects");
    // Releases of every values source, generator secrets (sources/).
    sources.build(layout, kustomize);
    timer.mark("releases");
    for (const auto& object : sources.rendered()) visit_rendered(objects, object);
    timer.mark("rendered charts");
    add_configured_external_secrets(objects, config_);
    add_standalone_values_releases(sources);
    resolve_pending_reflections(objects);
    for (auto& release : model_.releases) compute_effective(release);
    timer.mark("merge");
  }

 private:
  bool is_chart_values_file(const SourceFile& file) const {
    std::string_view path = file.path;
    size_t slash = path.rfind('/');
    std::string dir(slash == std::string_view::npos ? "" : path.substr(0, slash));
    std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    // A chart's own values (values.yaml, values-*.yaml) are its defaults, not a release.
    return chart_folders_.count(dir) > 0 && starts_with(name, "values");
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
    bool first_visit = standalone_values_.empty() || standalone_values_.back().second != &root;
    if (first_visit && facts::sets_setup_keys(root) && !is_chart_values_file(model_.files[file])) {
      standalone_values_.emplace_back(file, &root);
    }
  }

  // ---- standalone values files -------------------------------------------
  void add_standalone_values_releases(const ValuesSources& sources) {
    for (const auto& [file, root] : standalone_values_) {
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
  std::set<std::string> chart_folders_;
  std::vector<std::pair<FileId, const Node*>> standalone_values_;
};

}  // namespace

void build_model(Model& model, const Config& config) {
  ModelBuilder builder(model, config);
  builder.build();
  model.index_secrets();
}

}  // namespace seldon_lint
