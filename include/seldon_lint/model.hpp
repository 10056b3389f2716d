// The repository model: everything rules may ask about.  Built once per run by
// linter/model_builder.cpp; rules only read it.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "seldon_lint/broker.hpp"
#include "seldon_lint/file_text.hpp"
#include "seldon_lint/location.hpp"
#include "seldon_lint/yaml.hpp"

namespace seldon_lint {

// HelmTemplate: a file under the `templates/` folder of a chart in the
// repository; read as text and rendered for the releases installing the chart.
enum class FileKind { Yaml, Terraform, Bicep, ArmJson, HelmTemplate };

struct SourceFile {
  std::string path;         // relative to the root, '/' separators
  std::string environment;  // "production", "staging", "default", ...
  FileKind kind = FileKind::Yaml;
  FileText text;  // file contents (empty when unreadable); may be read on first use
  std::vector<uint32_t> line_starts;  // byte offset of each line
  std::vector<yaml::Document> documents;
  std::vector<yaml::Comment> comments;
  // Parsed into documents: passed the byte prefilter, or a parsed file references it.
  bool relevant = false;

  std::string_view line_text(uint32_t line) const;  // 1-based, without newline
};

// SL001/SL002 raw material, produced while reading and parsing.
struct InputProblem {
  std::string rule_id;  // "SL001" or "SL002"
  Location location;
  std::string message;
};

// One values layer of a release, lowest priority first.
//
// A layer the linter cannot read (a SOPS-encrypted `valuesFrom` Secret, a
// referenced ConfigMap/Secret/file not in the repository, a remote value
// file) stays in the list with `values == nullptr` and `unreadable` set: it
// may set any value below `scope`, so those values are unknown unless a
// readable layer above it sets them ("unknown is not absent").
struct ValuesLayer {
  const yaml::Node* values = nullptr;  // map of values (owned by a SourceFile or Model::owned)
  Location anchor;          // `values:` key of a HelmRelease, or a values file's first key;
                            // for an unreadable layer, the reference to it
  std::string description;  // "values file envs/prod/values.yaml", "HelmRelease seldon/spec.values"
  bool unreadable = false;
  std::string reason;  // why it cannot be read ("not in the repository", "SOPS-encrypted")
  std::string scope;   // dotted path it can set (Flux `targetPath`); empty: any value
};

struct Release {
  std::string name;
  std::string chart = "seldon-core-v2-setup";
  std::string source;          // "values-file", "HelmRelease", ...
  std::string namespace_name;  // empty when unknown
  // Why the namespace is unknown when the repository does set one (Kustomize
  // helmCharts whose placement depends on the Kustomize version); empty otherwise.
  std::string namespace_unknown_reason;
  std::string environment;
  Location location;  // the release object (HelmRelease metadata.name) or values file's first key
  std::vector<ValuesLayer> layers;
  yaml::Node effective;  // chart defaults merged with every layer (nodes keep their file)
  Broker broker;         // kafka.bootstrap, read from `effective` once

  const yaml::Node* value(std::string_view dotted_path) const { return effective.at(dotted_path); }
  // False when an unreadable layer could set `dotted_path` (or a key above or
  // below it) and no readable layer above every such layer sets it: the
  // effective value (absent, chart default, or a lower layer's) may not be
  // the one deployed.  Rules judge only known values.
  bool known(std::string_view dotted_path) const;
  // True when every path given is known.
  bool known_all(std::initializer_list<std::string_view> dotted_paths) const;
  // The layers the linter cannot read, highest priority first.
  std::vector<const ValuesLayer*> unreadable_layers() const;
  // Scalar text of an effective value; empty when absent, null or not a scalar.
  std::string_view text(std::string_view dotted_path) const;
  // True when the effective value at path came from a layer (not the chart default).
  bool set_by_layer(std::string_view dotted_path) const;
  // Where a finding about `dotted_path` points (rules.md "Where the primary location is").
  Location locate(std::string_view dotted_path) const;
  // Key range of the entry holding `dotted_path` in the layer that set it, if any.
  Location locate_key(std::string_view dotted_path) const;
  // Where lower-priority layers set `dotted_path` to a value the winning layer
  // overrode (for related locations), lowest priority first.
  std::vector<Location> overridden(std::string_view dotted_path) const;

  // Flux `postBuild` substitution applies to this release's manifests (SL502):
  // the variables it defines, and `substitution_open` when some
  // `substituteFrom` source is not in the repository (any variable may exist).
  bool substituted = false;
  bool substitution_open = false;
  std::set<std::string> substitution_vars;
};

struct SecretKey {
  std::string name;
  Location location;  // the key in the manifest
  // In-memory only, for value checks (SL304/SL305).  Never printed anywhere.
  bool value_visible = false;
  std::string value;
  bool base64_invalid = false;  // `data` entry that does not decode
};

struct SecretRecord {
  std::string name;
  std::string namespace_name;  // empty when unknown
  std::string environment;
  std::string provider;  // "Secret", "SealedSecret", "ExternalSecret", "config", ...
  Location location;     // metadata.name (or the declaring entry)
  bool keys_known = false;
  std::vector<SecretKey> keys;
  bool plaintext = false;    // committed unencrypted (plain Secret data/stringData)
  bool hashed_name = false;  // Kustomize generator name gets a hash suffix
  // Kustomize namePrefix/nameSuffix renamed it (Helm values keep the old name).
  std::string renamed_from;   // the name in the manifest; empty when not renamed
  std::string rename_reason;  // "namePrefix 'prod-' of overlays/prod/kustomization.yaml"
  // For a record whose namespace is empty (fits any namespace): namespaces it
  // is known not to reach, with the environment that says so (a
  // ClusterExternalSecret's selector does not match a Namespace declared here).
  std::vector<std::pair<std::string, std::string>> not_in;
  const SecretKey* key(std::string_view name) const;
};

struct RuntimeRecord {  // a SeldonRuntime, or one a runtime chart release creates
  std::string name;
  std::string namespace_name;
  std::string environment;
  Location location;            // metadata.name
  Location namespace_location;  // metadata.namespace when present
};

struct NamespaceRecord {  // a core/v1 Namespace declared in the repository
  std::string name;
  std::string environment;
  std::map<std::string, std::string> labels;  // with the automatic kubernetes.io/metadata.name
  Location location;                          // metadata.name
};

// A Kafka cluster the repository runs (Strimzi `Kafka`): how many brokers it
// has, when the manifests say (spec.kafka.replicas, or the broker node pools).
struct KafkaCluster {
  std::string name;
  std::string namespace_name;
  std::string environment;
  int brokers = 0;            // 0 = unknown
  Location location;          // metadata.name of the Kafka
  Location brokers_location;  // the replicas that set the count
};

struct SeldonResource {  // Model, Pipeline, Experiment
  std::string kind;
  std::string name;
  std::string namespace_name;
  std::string environment;
  Location location;
};

enum class Tri { Unknown, No, Yes };

struct EventHubNamespace {
  std::string name;
  std::string environment;
  std::string form;  // "ASO v2", "ASO v1", "Crossplane", "Terraform", "Bicep", "ARM"
  Location location;
  std::string sku;  // "Basic", "Standard", "Premium", "Dedicated"; empty when unknown
  Location sku_location;
  int capacity = 0;  // PU/CU; 0 = unknown
  Location capacity_location;
  Tri local_auth_disabled = Tri::Unknown;
  Location local_auth_location;
};

// An object of a chart in the repository that could not be rendered (SL005):
// its kind, name or namespace is unknown, so rules that fire on the absence
// of a secret stay silent for the namespace it could land in.
struct UnrenderedObject {
  Location location;           // the template line (the failing construct, else the object)
  Location release;            // the release that installs the chart
  std::string release_name;    // "Argo CD Application external-secrets"
  std::string message;         // what could not be rendered
  std::string kind;            // empty when the kind is unknown
  std::string namespace_name;  // empty when unknown: any namespace
  std::string environment;
  std::string what = "Chart object";  // or "helmfile part" (a part of helmfile.yaml.gotmpl)
};

struct ExternalSecretConfig {
  std::string name;
  std::vector<std::string> namespaces;
  bool keys_known = false;
  std::vector<std::string> keys;
};

// Settings that shape the model (from .seldon-lint.yaml and the command line).
struct ModelSettings {
  std::optional<std::string> logs_namespace = std::string("seldon-logs");
  std::set<std::string> production_environments = {"production"};
};

class Model {
 public:
  std::vector<SourceFile> files;
  std::vector<InputProblem> problems;
  std::vector<Release> releases;
  std::vector<SecretRecord> secrets;
  std::vector<RuntimeRecord> runtimes;
  std::vector<SeldonResource> resources;
  std::vector<NamespaceRecord> namespaces;
  std::vector<KafkaCluster> kafka_clusters;
  std::vector<EventHubNamespace> eventhub_namespaces;
  std::vector<UnrenderedObject> unrendered;
  ModelSettings settings;
  std::deque<yaml::Node> owned;  // values not stored in a file's documents (stable addresses)
  // Objects the Kustomize build emitted, one pool per worker thread, each moved
  // in whole (a moved deque keeps its elements where they are).
  std::deque<std::deque<yaml::Node>> owned_pools;

  bool is_production(std::string_view environment) const {
    return settings.production_environments.count(std::string(environment)) > 0;
  }
  // Cross-references match within one environment; `default` files are shared.
  static bool same_environment(std::string_view a, std::string_view b) {
    return a == b || a == "default" || b == "default";
  }
  // Secrets named `name` provided in `namespace_name` for `environment`.
  // Hash-suffixed Kustomize generator names never match an exact name.
  std::vector<const SecretRecord*> find_secrets(std::string_view name,
                                                std::string_view namespace_name,
                                                std::string_view environment) const;
  // Secrets named `name` in any namespace for `environment` (for related locations).
  // Secrets named `name` that can be in `namespace_name` (that namespace, or
  // one the repository does not fix) for `environment`, hash-suffixed
  // generator names included.
  std::vector<const SecretRecord*> secrets_in(std::string_view name,
                                              std::string_view namespace_name,
                                              std::string_view environment) const;
  std::vector<const SecretRecord*> find_secrets_anywhere(std::string_view name,
                                                         std::string_view environment) const;
  // Secrets named `name` whose namespace is exactly `namespace_name` ("":
  // not set) for `environment`, in model order; indexed, so the cost is the
  // size of the answer.
  std::vector<const SecretRecord*> secrets_placed_in(std::string_view name,
                                                     std::string_view namespace_name,
                                                     std::string_view environment) const;
  // Early-exit forms for rules that check every release: true as soon as
  // `accept` takes one of the secrets secrets_in (or secrets_placed_in)
  // would return, visited in the same order.  Checking existence this way
  // stays cheap when thousands of copies share a name.
  using SecretTest = std::function<bool(const SecretRecord&)>;
  bool any_secret_in(std::string_view name, std::string_view namespace_name,
                     std::string_view environment, const SecretTest& accept) const;
  bool any_secret_placed_in(std::string_view name, std::string_view namespace_name,
                            std::string_view environment, const SecretTest& accept) const;
  const SourceFile& file(FileId id) const { return files[id]; }
  // An in-repo chart object that could not be rendered may be a secret in
  // `namespace_name` for `environment` (existence rules stay silent there).
  const UnrenderedObject* unrendered_secret_in(std::string_view namespace_name,
                                               std::string_view environment) const;
  // Builds the by-name index find_secrets* use; call after the last secret is
  // added (build_model does).  Until then lookups scan.
  void index_secrets();

 private:
  template <typename Visit>
  void for_each_secret_named(std::string_view name, Visit&& visit) const;
  std::unordered_map<std::string, std::vector<size_t>> secret_index_;
  std::unordered_map<std::string, std::vector<size_t>> secret_placement_index_;  // name\nnamespace
  size_t indexed_secrets_ = 0;
};

}  // namespace seldon_lint
