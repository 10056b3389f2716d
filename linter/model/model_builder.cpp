#include "linter/model/model_builder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "linter/model/facts/chart_facts.hpp"
#include "linter/base/glob.hpp"
#include "linter/model/helm_merge.hpp"
#include "linter/parse/iac.hpp"
#include "linter/model/sources/kustomize.hpp"
#include "linter/base/phase_timer.hpp"
#include "linter/base/text.hpp"
#include "linter/model/sources/values_sources.hpp"

namespace seldon_lint {
namespace {

using yaml::Node;

struct ObjectRef {
  FileId file;
  const Node* root;
  std::string api_version;
  std::string kind;
};

std::string scalar_at(const Node* root, std::string_view path) {
  const Node* n = root == nullptr ? nullptr : root->at(path);
  return n == nullptr ? std::string() : std::string(n->str());
}

Location location_at(const Node* root, std::string_view path) {
  const Node* n = root == nullptr ? nullptr : root->at(path);
  return n == nullptr ? Location{} : n->location();
}

bool api_group_is(const std::string& api_version, std::string_view group) {
  return starts_with(api_version, std::string(group) + "/") || api_version == group;
}

// Where a finding about a whole document points when nothing better exists.
Location first_key(const Node& root) {
  if (root.is_map() && !root.entries.empty()) {
    return Location{root.entries.front().key_file, root.entries.front().key_range};
  }
  return root.location();
}

class ModelBuilder {
 public:
  ModelBuilder(Model& model, const Config& config) : model_(model), config_(config) {}

  void build() {
    PhaseTimer timer("  ");
    find_chart_folders();
    // Flux Kustomizations first: their `spec.path` places files like overlays do.
    ValuesSources sources(model_);
    timer.mark("sources");
    KustomizeLayout layout = compute_kustomize_layout(model_, sources.flux_applies());
    kustomize_placements_ = layout.files;
    timer.mark("kustomize");
    for (FileId id = 0; id < model_.files.size(); ++id) {
      const SourceFile& file = model_.files[id];
      for (const auto& doc : file.documents) visit_document(id, doc);
      // Terraform, Bicep, ARM: Event Hubs namespaces (linter/iac_*.cpp).
      if (file.kind != FileKind::Yaml)
        read_iac_eventhub_namespaces(file, id, model_.eventhub_namespaces);
    }
    timer.mark("objects");
    // Releases of every values source, generator secrets (linter/values_sources.cpp).
    sources.build(layout);
    timer.mark("releases");
    add_configured_external_secrets();
    add_standalone_values_releases(sources);
    resolve_pending_reflections();
    for (auto& release : model_.releases) compute_effective(release);
    timer.mark("merge");
  }

 private:
  // ---- files -------------------------------------------------------------
  void find_chart_folders() {
    for (const auto& file : model_.files) {
      std::string_view path = file.path;
      size_t slash = path.rfind('/');
      std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
      if (name != "Chart.yaml") continue;
      std::string dir(slash == std::string_view::npos ? "" : path.substr(0, slash));
      chart_folders_.insert(dir);
    }
  }

  bool is_chart_values_file(const SourceFile& file) const {
    std::string_view path = file.path;
    size_t slash = path.rfind('/');
    std::string dir(slash == std::string_view::npos ? "" : path.substr(0, slash));
    std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    // A chart's own values (values.yaml, values-*.yaml) are its defaults, not a release.
    return chart_folders_.count(dir) > 0 && starts_with(name, "values");
  }

  // Where an object lands: its own namespace and the file's environment,
  // or, for a file a Kustomize overlay includes, each overlay's namespace
  // (the transformer overrides the manifest) and environment.
  std::vector<Placement> placements(FileId file, const Node& root) const {
    std::string ns = scalar_at(&root, "metadata.namespace");
    auto it = kustomize_placements_.find(file);
    if (it == kustomize_placements_.end()) {
      return {Placement{ns, model_.files[file].environment, {}, -1}};
    }
    std::vector<Placement> out = it->second;
    for (auto& p : out) {
      if (p.namespace_name.empty()) p.namespace_name = ns;
    }
    return out;
  }

  std::string namespace_of(FileId file, const Node& root) const {
    return placements(file, root).front().namespace_name;
  }

  // Adds one record per placement of the object's file.
  template <typename Record>
  void add_placed(const ObjectRef& obj, Record record, std::vector<Record>& out) {
    if (kustomize_placements_.count(obj.file) == 0) {
      out.push_back(std::move(record));
      return;
    }
    for (const auto& place : placements(obj.file, *obj.root)) {
      Record copy = record;
      if (!place.namespace_name.empty()) copy.namespace_name = place.namespace_name;
      copy.environment = place.environment;
      out.push_back(std::move(copy));
    }
  }

  // ---- documents ---------------------------------------------------------
  void visit_document(FileId file, const yaml::Document& doc) {
    const Node& root = doc.root;
    if (!root.is_map()) return;
    const Node* api = root.find("apiVersion");
    const Node* kind = root.find("kind");
    if (api != nullptr && kind != nullptr && api->is_scalar() && kind->is_scalar()) {
      visit_object(ObjectRef{file, &root, api->scalar, kind->scalar});
      return;
    }
    if (facts::sets_setup_keys(root) && !is_chart_values_file(model_.files[file])) {
      standalone_values_.push_back({file, &root});
    }
  }

  void visit_object(const ObjectRef& obj) {
    const std::string& kind = obj.kind;
    const std::string& api = obj.api_version;
    // HelmRelease, Argo CD and other release sources: linter/values_sources.cpp.
    if (kind == "Secret" && (api == "v1")) {
      visit_secret(obj);
    } else if (kind == "SealedSecret" && api_group_is(api, "bitnami.com")) {
      visit_sealed_secret(obj);
    } else if (kind == "ExternalSecret" && api_group_is(api, "external-secrets.io")) {
      visit_external_secret(obj);
    } else if (kind == "ClusterExternalSecret" && api_group_is(api, "external-secrets.io")) {
      visit_cluster_external_secret(obj);
    } else if (kind == "KafkaUser" && api_group_is(api, "kafka.strimzi.io")) {
      visit_kafka_user(obj);
    } else if (kind == "Kafka" && api_group_is(api, "kafka.strimzi.io")) {
      visit_strimzi_kafka(obj);
    } else if (kind == "Certificate" && api_group_is(api, "cert-manager.io")) {
      visit_certificate(obj);
    } else if (kind == "SeldonRuntime" && api_group_is(api, "mlops.seldon.io")) {
      visit_runtime(obj);
    } else if ((kind == "Model" || kind == "Pipeline" || kind == "Experiment") &&
               api_group_is(api, "mlops.seldon.io")) {
      visit_seldon_resource(obj);
    } else if ((kind == "Namespace" && api_group_is(api, "eventhub.azure.com")) ||
               (kind == "EventhubNamespace" && api_group_is(api, "azure.microsoft.com")) ||
               (kind == "EventHubNamespace" &&
                (api_group_is(api, "eventhub.azure.upbound.io") ||
                 api_group_is(api, "eventhub.azure.m.upbound.io")))) {
      visit_eventhub_namespace(obj);
    }
    if (api.find("azure.com") != std::string::npos) visit_aso_operator_secrets(obj);
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
  }

  // ---- secrets -------------------------------------------------------------
  SecretRecord new_secret(const ObjectRef& obj, std::string name, std::string provider) {
    SecretRecord secret;
    secret.name = std::move(name);
    secret.namespace_name = namespace_of(obj.file, *obj.root);
    secret.environment = model_.files[obj.file].environment;
    secret.provider = std::move(provider);
    secret.location = location_at(obj.root, "metadata.name");
    if (!secret.location.known()) secret.location = first_key(*obj.root);
    return secret;
  }

  static void add_keys(SecretRecord& secret, const Node* map) {
    if (map == nullptr || !map->is_map()) return;
    for (const auto& entry : map->entries) {
      SecretKey key;
      key.name = entry.key;
      key.location = Location{entry.key_file, entry.key_range};
      secret.keys.push_back(std::move(key));
    }
  }

  void visit_secret(const ObjectRef& obj) {
    const Node& root = *obj.root;
    bool sops = root.find("sops") != nullptr;
    SecretRecord secret =
        new_secret(obj, scalar_at(&root, "metadata.name"), sops ? "SOPS Secret" : "Secret");
    secret.keys_known = true;
    secret.plaintext = !sops;
    if (const Node* data = root.find("data"); data != nullptr && data->is_map()) {
      for (const auto& entry : data->entries) {
        SecretKey key;
        key.name = entry.key;
        key.location = Location{entry.key_file, entry.key_range};
        if (!sops && entry.value.is_scalar()) {
          key.value_visible = decode_base64(entry.value.scalar, key.value);
          key.base64_invalid = !key.value_visible;
        }
        secret.keys.push_back(std::move(key));
      }
    }
    if (const Node* data = root.find("stringData"); data != nullptr && data->is_map()) {
      for (const auto& entry : data->entries) {
        SecretKey key;
        key.name = entry.key;
        key.location = Location{entry.key_file, entry.key_range};
        if (!sops && entry.value.is_scalar()) {
          key.value_visible = true;
          key.value = entry.value.scalar;
        }
        secret.keys.push_back(std::move(key));
      }
    }
    const Node* annotations = root.at("metadata.annotations");
    if (is_mirror(annotations)) {
      // A reflector/replicator mirror: its content is copied from the source
      // secret at run time, so the keys written here (usually none) say nothing.
      secret.keys_known = false;
      secret.plaintext = false;
      secret.provider += " (mirror)";
    }
    add_reflected_copies(secret, annotations);
    add_placed(obj, std::move(secret), model_.secrets);
  }

  // A Secret that reflector (`reflects`) or replicator (`replicate-from`) fills
  // from another secret.
  static bool is_mirror(const Node* annotations) {
    return annotations != nullptr && annotations->is_map() &&
           (annotations->find("reflector.v1.k8s.emberstack.com/reflects") != nullptr ||
            annotations->find("replicator.v1.mittwald.de/replicate-from") != nullptr);
  }

  // reflector / replicator annotations copy a secret into other namespaces.
  // `annotations` are those the created Secret carries: the Secret's own, or
  // the template an operator writes it from (SealedSecret, ExternalSecret,
  // KafkaUser, Kafka CA, cert-manager Certificate).
  void add_reflected_copies(const SecretRecord& secret, const Node* annotations) {
    if (annotations == nullptr || !annotations->is_map()) return;
    std::vector<std::string> targets;
    bool every_namespace = false;
    auto collect = [&](std::string_view key) {
      const Node* n = annotations->find(key);
      if (n == nullptr || !n->is_scalar()) return false;
      bool any = false;
      for (auto part : split(n->scalar, ',')) {
        std::string ns(trim(part));
        if (!ns.empty()) {
          targets.push_back(ns);
          any = true;
        }
      }
      return any;
    };
    const Node* auto_enabled =
        annotations->find("reflector.v1.k8s.emberstack.com/reflection-auto-enabled");
    bool reflector_auto = yaml::is_true(auto_enabled) || auto_enabled == nullptr;
    if (reflector_auto) {
      bool listed = collect("reflector.v1.k8s.emberstack.com/reflection-auto-namespaces") ||
                    collect("reflector.v1.k8s.emberstack.com/reflection-allowed-namespaces");
      // Auto-enabled without a namespace list: reflector mirrors it everywhere.
      if (!listed && yaml::is_true(auto_enabled) &&
          yaml::is_true(annotations->find("reflector.v1.k8s.emberstack.com/reflection-allowed"))) {
        every_namespace = true;
      }
    }
    collect("replicator.v1.mittwald.de/replicate-to");
    // A namespace label selector: the namespaces are not known here.
    if (annotations->find("replicator.v1.mittwald.de/replicate-to-matching") != nullptr) {
      every_namespace = true;
    }
    SecretRecord copy = secret;
    copy.provider = secret.provider + " (reflected)";
    copy.plaintext = false;  // the copy is not a second committed credential
    if (every_namespace) {
      pending_reflections_.push_back({copy, "*"});
      return;
    }
    for (const auto& ns : targets) {
      if (ns.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos) {
        pending_reflections_.push_back(
            {copy, ns});  // a pattern, resolved once namespaces are known
        continue;
      }
      copy.namespace_name = ns;
      model_.secrets.push_back(copy);
    }
  }

  // A reflector/replicator namespace pattern (a regular expression) as a
  // glob: `.*` → `*`, `.` → `?`, anchors dropped.  Empty when the pattern uses
  // more of the regex language than that (then it is taken to match anything).
  static std::optional<std::string> pattern_as_glob(std::string_view pattern) {
    std::string glob;
    for (size_t i = 0; i < pattern.size(); ++i) {
      char c = pattern[i];
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
        glob.push_back(c);
      } else if (c == '.' && i + 1 < pattern.size() &&
                 (pattern[i + 1] == '*' || pattern[i + 1] == '+')) {
        glob += pattern[i + 1] == '*' ? "*" : "?*";
        ++i;
      } else if (c == '.') {
        glob.push_back('?');
      } else if ((c == '^' && i == 0) || (c == '$' && i + 1 == pattern.size())) {
        continue;
      } else if (c == '*' && i + 1 == pattern.size() && pattern.size() == 1) {
        glob.push_back('*');  // "*": every namespace
      } else {
        return std::nullopt;
      }
    }
    return glob;
  }

  // Copies made by reflector/replicator into every namespace, or into
  // namespaces matching a pattern: one copy per namespace the model knows of
  // (where Seldon runs, the request-logging namespace, every namespace named).
  void resolve_pending_reflections() {
    if (pending_reflections_.empty()) return;
    std::set<std::string> namespaces;
    for (const auto& r : model_.runtimes) namespaces.insert(r.namespace_name);
    for (const auto& r : model_.releases) namespaces.insert(r.namespace_name);
    for (const auto& s : model_.secrets) namespaces.insert(s.namespace_name);
    if (model_.settings.logs_namespace) namespaces.insert(*model_.settings.logs_namespace);
    namespaces.erase("");
    for (const auto& [secret, pattern] : pending_reflections_) {
      std::optional<std::string> glob =
          pattern == "*" ? std::optional<std::string>("*") : pattern_as_glob(pattern);
      for (const auto& ns : namespaces) {
        if (ns == secret.namespace_name) continue;
        if (glob && !glob_match(*glob, ns)) continue;
        SecretRecord copy = secret;
        copy.namespace_name = ns;
        model_.secrets.push_back(std::move(copy));
      }
    }
    pending_reflections_.clear();
  }

  void visit_sealed_secret(const ObjectRef& obj) {
    const Node& root = *obj.root;
    std::string name = scalar_at(&root, "spec.template.metadata.name");
    if (name.empty()) name = scalar_at(&root, "metadata.name");
    SecretRecord secret = new_secret(obj, name, "SealedSecret");
    std::string template_ns = scalar_at(&root, "spec.template.metadata.namespace");
    if (!template_ns.empty() && kustomize_placements_.count(obj.file) == 0) {
      secret.namespace_name = template_ns;
    }
    secret.keys_known = true;
    add_keys(secret, root.at("spec.encryptedData"));
    add_reflected_copies(secret, root.at("spec.template.metadata.annotations"));
    add_placed(obj, std::move(secret), model_.secrets);
  }

  void visit_external_secret(const ObjectRef& obj) {
    const Node& root = *obj.root;
    const Node* spec = root.find("spec");
    std::string name = scalar_at(spec, "target.name");
    if (name.empty()) name = scalar_at(&root, "metadata.name");
    SecretRecord secret = new_secret(obj, name, "ExternalSecret");
    add_external_secret_keys(secret, spec);
    add_reflected_copies(secret, root.at("spec.target.template.metadata.annotations"));
    add_placed(obj, std::move(secret), model_.secrets);
  }

  // The keys an ExternalSecret spec writes, when it shows them.
  static void add_external_secret_keys(SecretRecord& secret, const Node* spec) {
    const Node* template_data = spec == nullptr ? nullptr : spec->at("target.template.data");
    // templateFrom and a merging template add keys the repository does not show.
    bool template_hides =
        spec != nullptr && (spec->at("target.template.templateFrom") != nullptr ||
                            scalar_at(spec, "target.template.mergePolicy") == "Merge");
    if (template_data != nullptr && template_data->is_map()) {
      if (template_hides) return;
      secret.keys_known = true;
      add_keys(secret, template_data);
    } else if (spec != nullptr && spec->find("dataFrom") == nullptr && !template_hides) {
      secret.keys_known = true;
      if (const Node* data = spec->find("data"); data != nullptr && data->is_seq()) {
        for (const auto& item : data->items) {
          if (const Node* key = item.find("secretKey"); key != nullptr && key->is_scalar()) {
            secret.keys.push_back(SecretKey{key->scalar, key->location(), false, {}, false});
          }
        }
      }
    }
  }

  // A ClusterExternalSecret creates one ExternalSecret per selected namespace:
  // those of `spec.namespaces`, or, with a label selector, namespaces the
  // repository cannot name (the record then fits any namespace).
  void visit_cluster_external_secret(const ObjectRef& obj) {
    const Node& root = *obj.root;
    const Node* spec = root.at("spec.externalSecretSpec");
    std::string name = scalar_at(spec, "target.name");
    if (name.empty()) name = scalar_at(&root, "spec.externalSecretName");
    if (name.empty()) name = scalar_at(&root, "metadata.name");
    SecretRecord secret = new_secret(obj, name, "ClusterExternalSecret");
    secret.namespace_name.clear();
    add_external_secret_keys(secret, spec);
    std::vector<std::string> namespaces;
    if (const Node* list = root.at("spec.namespaces"); list != nullptr && list->is_seq()) {
      for (const auto& item : list->items) {
        if (item.is_scalar() && !trim(item.scalar).empty()) {
          namespaces.emplace_back(trim(item.scalar));
        }
      }
    }
    bool selector = root.at("spec.namespaceSelector") != nullptr ||
                    root.at("spec.namespaceSelectors") != nullptr;
    if (namespaces.empty() || selector) namespaces.emplace_back();
    for (const auto& ns : namespaces) {
      SecretRecord copy = secret;
      copy.namespace_name = ns;
      copy.environment = model_.files[obj.file].environment;
      add_reflected_copies(
          copy, spec == nullptr ? nullptr : spec->at("target.template.metadata.annotations"));
      model_.secrets.push_back(std::move(copy));
    }
  }

  void add_fixed_keys(SecretRecord& secret, std::initializer_list<const char*> keys) {
    secret.keys_known = true;
    for (const char* k : keys)
      secret.keys.push_back(SecretKey{k, secret.location, false, {}, false});
  }

  void visit_kafka_user(const ObjectRef& obj) {
    const Node& root = *obj.root;
    SecretRecord secret = new_secret(obj, scalar_at(&root, "metadata.name"), "Strimzi KafkaUser");
    std::string auth = scalar_at(&root, "spec.authentication.type");
    if (auth == "tls" || auth == "tls-external") {
      add_fixed_keys(secret, {"user.crt", "user.key", "user.p12", "user.password", "ca.crt"});
    } else if (starts_with(auth, "scram")) {
      add_fixed_keys(secret, {"password", "sasl.jaas.config"});
    }
    add_reflected_copies(secret, root.at("spec.template.secret.metadata.annotations"));
    add_placed(obj, std::move(secret), model_.secrets);
  }

  void visit_strimzi_kafka(const ObjectRef& obj) {
    std::string cluster = scalar_at(obj.root, "metadata.name");
    if (cluster.empty()) return;
    struct CaSecret {
      const char* suffix;
      const char* template_annotations;  // Strimzi's template for that secret
    };
    for (const CaSecret& ca : {CaSecret{"-cluster-ca-cert", "clusterCaCert"},
                               CaSecret{"-clients-ca-cert", "clientsCaCert"}}) {
      SecretRecord secret = new_secret(obj, cluster + ca.suffix, "Strimzi Kafka");
      add_fixed_keys(secret, {"ca.crt", "ca.p12", "ca.password"});
      add_reflected_copies(secret,
                           obj.root->at(fmt::format("spec.kafka.template.{}.metadata.annotations",
                                                    ca.template_annotations)));
      add_placed(obj, std::move(secret), model_.secrets);
    }
  }

  void visit_certificate(const ObjectRef& obj) {
    std::string name = scalar_at(obj.root, "spec.secretName");
    if (name.empty()) return;
    SecretRecord secret = new_secret(obj, name, "cert-manager Certificate");
    add_fixed_keys(secret, {"tls.crt", "tls.key", "ca.crt"});
    add_reflected_copies(secret, obj.root->at("spec.secretTemplate.annotations"));
    add_placed(obj, std::move(secret), model_.secrets);
  }

  // Azure Service Operator writes keys and connection strings into secrets.
  void visit_aso_operator_secrets(const ObjectRef& obj) {
    const Node* secrets = obj.root->at("spec.operatorSpec.secrets");
    if (secrets == nullptr || !secrets->is_map()) return;
    std::map<std::string, SecretRecord> by_name;
    for (const auto& entry : secrets->entries) {
      std::string name = scalar_at(&entry.value, "name");
      std::string key = scalar_at(&entry.value, "key");
      if (name.empty()) continue;
      auto it = by_name.find(name);
      if (it == by_name.end()) {
        it = by_name.emplace(name, new_secret(obj, name, "Azure Service Operator")).first;
        it->second.keys_known = true;
        it->second.location = entry.value.location();
      }
      if (!key.empty()) {
        it->second.keys.push_back(SecretKey{key, entry.value.location(), false, {}, false});
      }
    }
    for (auto& [name, secret] : by_name) add_placed(obj, std::move(secret), model_.secrets);
  }

  void add_configured_external_secrets() {
    for (const auto& configured : config_.external_secrets) {
      std::vector<std::string> namespaces = configured.namespaces;
      if (namespaces.empty()) namespaces.push_back("");  // any namespace
      for (const auto& ns : namespaces) {
        SecretRecord secret;
        secret.name = configured.name;
        secret.namespace_name = ns;
        secret.environment = "default";
        secret.provider = "externalSecrets (config)";
        secret.keys_known = configured.keys_known;
        for (const auto& k : configured.keys)
          secret.keys.push_back(SecretKey{k, {}, false, {}, false});
        model_.secrets.push_back(std::move(secret));
      }
    }
  }

  // ---- Seldon resources ----------------------------------------------------
  void visit_runtime(const ObjectRef& obj) {
    RuntimeRecord runtime;
    runtime.name = scalar_at(obj.root, "metadata.name");
    runtime.namespace_name = namespace_of(obj.file, *obj.root);
    runtime.environment = model_.files[obj.file].environment;
    runtime.location = location_at(obj.root, "metadata.name");
    runtime.namespace_location = location_at(obj.root, "metadata.namespace");
    if (!runtime.location.known()) runtime.location = first_key(*obj.root);
    add_placed(obj, std::move(runtime), model_.runtimes);
  }

  void visit_seldon_resource(const ObjectRef& obj) {
    SeldonResource resource;
    resource.kind = obj.kind;
    resource.name = scalar_at(obj.root, "metadata.name");
    resource.namespace_name = namespace_of(obj.file, *obj.root);
    resource.environment = model_.files[obj.file].environment;
    resource.location = location_at(obj.root, "metadata.name");
    if (!resource.location.known()) resource.location = first_key(*obj.root);
    add_placed(obj, std::move(resource), model_.resources);
  }

  // ---- Event Hubs namespaces (Kubernetes-style IaC) -------------------------
  void visit_eventhub_namespace(const ObjectRef& obj) {
    const Node& root = *obj.root;
    EventHubNamespace ns;
    ns.environment = model_.files[obj.file].environment;
    ns.location = location_at(&root, "metadata.name");
    if (!ns.location.known()) ns.location = first_key(root);
    std::string sku_path, capacity_path;
    if (obj.kind == "Namespace") {  // ASO v2
      ns.form = "ASO v2";
      ns.name = scalar_at(&root, "spec.azureName");
      sku_path = "spec.sku.name";
      capacity_path = "spec.sku.capacity";
      if (const Node* d = root.at("spec.disableLocalAuth")) {
        ns.local_auth_disabled = yaml::is_true(d)    ? Tri::Yes
                                 : yaml::is_false(d) ? Tri::No
                                                     : Tri::Unknown;
        ns.local_auth_location = d->location();
      }
    } else if (obj.kind == "EventhubNamespace") {  // ASO v1
      ns.form = "ASO v1";
      sku_path = "spec.sku.name";
      capacity_path = "spec.sku.capacity";
    } else {  // Crossplane
      ns.form = "Crossplane";
      sku_path = "spec.forProvider.sku";
      capacity_path = "spec.forProvider.capacity";
      if (const Node* d = root.at("spec.forProvider.localAuthenticationEnabled")) {
        ns.local_auth_disabled = yaml::is_false(d)  ? Tri::Yes
                                 : yaml::is_true(d) ? Tri::No
                                                    : Tri::Unknown;
        ns.local_auth_location = d->location();
      }
    }
    if (const Node* annotations = root.at("metadata.annotations")) {
      if (const Node* ext = annotations->find("crossplane.io/external-name")) ns.name = ext->scalar;
    }
    if (ns.name.empty()) ns.name = scalar_at(&root, "metadata.name");
    if (const Node* sku = root.at(sku_path); sku != nullptr && sku->is_scalar()) {
      ns.sku = sku->scalar;
      ns.sku_location = sku->location();
    }
    if (const Node* capacity = root.at(capacity_path);
        capacity != nullptr && capacity->is_scalar()) {
      ns.capacity = std::atoi(capacity->scalar.c_str());
      ns.capacity_location = capacity->location();
    }
    for (const char* path : {"spec.clusterArmReference", "spec.forProvider.dedicatedClusterId",
                             "spec.forProvider.dedicatedClusterIdRef",
                             "spec.forProvider.dedicatedClusterIdSelector"}) {
      const Node* cluster = root.at(path);
      if (cluster != nullptr && !cluster->is_null()) {
        mark_dedicated(ns, location_at(&root, path));
        break;
      }
    }
    model_.eventhub_namespaces.push_back(std::move(ns));
  }

  Model& model_;
  const Config& config_;
  std::set<std::string> chart_folders_;
  std::map<FileId, std::vector<Placement>> kustomize_placements_;
  std::vector<std::pair<FileId, const Node*>> standalone_values_;
  // Reflections into every namespace ("*") or a pattern, resolved at the end.
  std::vector<std::pair<SecretRecord, std::string>> pending_reflections_;
};

}  // namespace

bool decode_base64(std::string_view text, std::string& out) {
  out.clear();
  uint32_t buffer = 0;
  int bits = 0;
  size_t padding = 0;
  for (char c : text) {
    int value;
    if (c >= 'A' && c <= 'Z') {
      value = c - 'A';
    } else if (c >= 'a' && c <= 'z') {
      value = c - 'a' + 26;
    } else if (c >= '0' && c <= '9') {
      value = c - '0' + 52;
    } else if (c == '+') {
      value = 62;
    } else if (c == '/') {
      value = 63;
    } else if (c == '=') {
      ++padding;
      continue;
    } else if (c == '\n' || c == '\r' || c == ' ' || c == '\t') {
      continue;
    } else {
      return false;
    }
    if (padding > 0) return false;  // data after padding
    buffer = (buffer << 6) | static_cast<uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  if (padding > 2) return false;
  return bits < 6;  // a lone 6-bit tail is not valid base64
}

void build_model(Model& model, const Config& config) {
  ModelBuilder builder(model, config);
  builder.build();
  model.index_secrets();
}

}  // namespace seldon_lint
